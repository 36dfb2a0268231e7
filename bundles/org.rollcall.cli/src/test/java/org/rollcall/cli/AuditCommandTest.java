package org.rollcall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.cli.RollCallCommandLineTest.Run;
import org.rollcall.store.Workspace;

/** {@code rollcall audit} on a generated district, clean and then with a planted problem. */
class AuditCommandTest {

    @TempDir
    Path dir;

    @Test
    void aCleanDistrictPassesAndAPlantedHolidayMarkIsReportedWithItsSchool() throws Exception {
        Path workspace = dir.resolve("audit.rollcall");
        assertEquals(0, RollCallCommandLineTest.run("generate", "--students", "200", "--years", "1", "--seed", "3",
                "--out", workspace.toString()).exitCode());
        Run clean = RollCallCommandLineTest.run("audit", "--workspace", workspace.toString(), "--fail-on-findings");
        assertEquals(0, clean.exitCode(), clean.out() + clean.err());
        assertTrue(clean.out().contains("0 finding(s) in 0 of 8 check(s)"), clean.out());

        String school;
        try (Connection c = Workspace.dataSource(workspace, false).getConnection(); Statement s = c.createStatement()) {
            // a present mark on the first holiday for the first student's school
            s.executeUpdate("""
                    INSERT INTO daily_attendance (student_id, school_code, attendance_date, category, local_code)
                    SELECT e.student_id, e.school_code, (SELECT MIN(calendar_date) FROM calendar_days
                                                          WHERE is_instructional = 0 AND calendar_date > e.entry_date),
                           'present', 'P'
                      FROM enrollments e ORDER BY e.student_id LIMIT 1""");
            try (var rs = s.executeQuery("SELECT school_code FROM enrollments ORDER BY student_id LIMIT 1")) {
                rs.next();
                school = rs.getString(1);
            }
        }
        Run found = RollCallCommandLineTest.run("audit", "--workspace", workspace.toString(), "--fail-on-findings",
                "--check", "non_instructional_day");
        assertEquals(2, found.exitCode(), found.out() + found.err());
        assertTrue(found.out().contains("non_instructional_day: Attendance recorded on a day that is not an "
                + "instructional day"), found.out());
        assertTrue(found.out().contains(school), found.out());
        assertTrue(found.out().contains("1 finding(s) in 1 of 1 check(s)"), found.out());

        Run csv = RollCallCommandLineTest.run("audit", "--workspace", workspace.toString(), "--csv");
        assertTrue(csv.out().lines().anyMatch(l -> l.startsWith("non_instructional_day,") && l.contains(school)),
                csv.out());

        Run wrong = RollCallCommandLineTest.run("audit", "--workspace", workspace.toString(), "--check", "holidays");
        assertEquals(2, wrong.exitCode());
        assertTrue(wrong.err().contains("the checks are: non_instructional_day, outside_enrollment"), wrong.err());
    }
}
