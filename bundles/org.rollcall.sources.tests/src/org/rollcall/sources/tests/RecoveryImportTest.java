package org.rollcall.sources.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.sources.FileResult;
import org.rollcall.sources.Mapping;
import org.rollcall.sources.Presets;

/**
 * Attendance Recovery sessions import like any other table through the attendance-recovery-csv preset
 * (fixtures/attendance-recovery.csv, the mini district's students in grade 3): good rows load, and an unknown
 * student, minutes outside 1..1440, a date that is no date and a second row of the same student, school, date and
 * program are quarantined with file, line, field and reason.
 */
class RecoveryImportTest {

    private static final String SCHOOLS = """
            schools:
              "101": "19647330000001"
              "102": "19647330000002"
            """;

    @TempDir
    Path dir;

    @Test
    void thePresetLoadsSessionsAndQuarantinesBadRows() throws Exception {
        Path workspace = MiniDistrict.create(dir);
        Path file = dir.resolve("attendance-recovery.csv");
        try (InputStream in = RecoveryImportTest.class.getResourceAsStream("/fixtures/attendance-recovery.csv")) {
            Files.copy(in, file);
        }
        Mapping mapping = Mapping.parse("attendance-recovery-csv + schools",
                Presets.text("attendance-recovery-csv") + SCHOOLS);
        FileResult result = MiniDistrict.importFile(workspace, file, mapping, false);
        assertEquals(FileResult.Status.LOADED, result.status(), result.message());
        assertEquals(10, result.read());
        assertEquals(5, result.loaded(), result.problems().toString());
        assertEquals(5, result.quarantined());
        assertEquals("1|" + MiniDistrict.SCHOOL_A + "|2024-09-07|Saturday Academy|240|Y\n"
                + "1|" + MiniDistrict.SCHOOL_A + "|2024-09-10|After School|120|Y\n"
                + "1|" + MiniDistrict.SCHOOL_A + "|2024-09-10|Before School|115|Y\n"
                + "2|" + MiniDistrict.SCHOOL_A + "|2024-09-14|Saturday Academy|230|null\n"
                + "3|" + MiniDistrict.SCHOOL_B + "|2024-09-14|Saturday Academy|90|N\n",
                MiniDistrict.dump(workspace, "SELECT student_id, school_code, session_date, program, minutes, "
                        + "teacher_certificated FROM attendance_recovery ORDER BY 1, 3, 4"));
        String quarantine = MiniDistrict.dump(workspace, "SELECT line, field, value, reason FROM import_quarantine "
                + "WHERE entity = 'attendance_recovery' ORDER BY line");
        String[] lines = quarantine.split("\n");
        assertEquals(5, lines.length, quarantine);
        assertEquals(true, lines[0].startsWith("7|local_id|9999|no student has local ID '9999'"), lines[0]);
        assertEquals("8|minutes|0|minutes is 0; it is 1 to 1440 (the minutes of a day)", lines[1]);
        assertEquals("9|minutes|1441|minutes is 1441; it is 1 to 1440 (the minutes of a day)", lines[2]);
        assertEquals(true, lines[3].startsWith("10|session_date|9/31/2024|'9/31/2024' is not a date"), lines[3]);
        assertEquals(true, lines[4].startsWith("11|null|null|same ") && lines[4].contains("as line 2"), lines[4]);
        // the sessions credit days: student 1 has 240 on 9/7 (one day) and 235 on 9/10 (230 count: one day), but no
        // absences, so nothing is credited; regular attendance is untouched
        assertEquals("1|2024-25|3|475|460|2|0|0|ABSENCES\n2|2024-25|1|230|230|1|0|0|ABSENCES\n3|2024-25|1|90|0|0|0|0|null\n",
                MiniDistrict.dump(workspace, "SELECT student_id, school_year, sessions, minutes, minutes_counted, "
                        + "days_earned, days_absent, days_credited, days_capped_by FROM attendance_recovery_credit "
                        + "ORDER BY 1"));
        assertEquals(0, MiniDistrict.count(workspace, "SELECT COUNT(*) FROM daily_attendance"));
    }
}
