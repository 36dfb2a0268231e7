package org.rollcall.sources.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.model.CanonicalSchema;
import org.rollcall.store.BatchWriter;
import org.rollcall.store.Workspace;

/**
 * The rates with and without Attendance Recovery are withheld on the same cells (docs/suppression.md rule 3). One
 * school, 100 days, 30 students: 20 Hispanic (5 absent 20 days), 5 White (2 absent 11 days) and 5 Asian (1 absent 11
 * days); each White and Asian student who was absent recovers 2 days. White and Asian are withheld (5 students). Without
 * recovery the published Hispanic and ALL cells leave the 3 chronic students of the two withheld groups undetermined;
 * with it, they would show that the two groups have no chronically absent student left (ALL 5 = Hispanic 5), so the
 * Hispanic cell is withheld as well, in both views.
 */
class RecoverySuppressionTest {

    private static final String SCHOOL = RecoveryDistrict.SCHOOL;

    @TempDir
    Path dir;

    @Test
    void aCellIsWithheldInTheRatesWithAndWithoutRecoveryAlike() throws SQLException {
        Path workspace = dir.resolve("suppression.rollcall");
        List<LocalDate> days = RecoveryDistrict.days();
        Workspace.build(workspace, w -> {
            RecoveryDistrict.writeReference(w, days, false, false);
            try (BatchWriter s = w.writer(CanonicalSchema.STUDENTS); BatchWriter e = w.writer(CanonicalSchema.ENROLLMENTS);
                    BatchWriter a = w.writer(CanonicalSchema.DAILY_ATTENDANCE);
                    BatchWriter r = w.writer(CanonicalSchema.ATTENDANCE_RECOVERY)) {
                for (int id = 1; id <= 30; id++) {
                    String race = id <= 20 ? "HI" : id <= 25 ? "WH" : "AS";
                    int absences = id <= 5 ? 20 : id == 21 || id == 22 || id == 26 ? 11 : 0;
                    s.add(id, "20000000" + (10 + id), "S" + id, "First", "Last" + id, LocalDate.of(2016, 1, 1), "F", race);
                    e.add(id, id, SCHOOL, "2024-25", "03", "10", days.get(0), null, null);
                    for (int i = 0; i < days.size(); i++) {
                        a.add(id, SCHOOL, days.get(i), i < absences ? "unexcused" : "present", i < absences ? "A" : "P",
                                null);
                    }
                    if (absences == 11) {
                        r.add(id, SCHOOL, LocalDate.of(2024, 9, 7), "Saturday", 230, "Y");
                        r.add(id, SCHOOL, LocalDate.of(2024, 9, 14), "Saturday", 230, "Y");
                    }
                }
            }
        });
        String cells = "SELECT student_group, eligible_students, chronic_students, %s, suppression FROM %s WHERE "
                + "definition = 'DATAQUEST' AND reporting_level = 'SCHOOL' ORDER BY student_group";
        assertEquals("ALL|30|8|5|null\nAS|5|1|0|PRIMARY\nHI|20|5|5|COMPLEMENTARY\nWH|5|2|0|PRIMARY\n",
                MiniDistrict.dump(workspace, cells.formatted("chronic_students_with_recovery",
                        "chronic_absence_with_recovery")));
        assertEquals("ALL|30|8|null\nAS|null|null|PRIMARY\nHI|null|null|COMPLEMENTARY\nWH|null|null|PRIMARY\n",
                MiniDistrict.dump(workspace, "SELECT student_group, eligible_students, chronic_students, suppression "
                        + "FROM chronic_absence_published WHERE definition = 'DATAQUEST' AND reporting_level = 'SCHOOL' "
                        + "ORDER BY student_group"));
        assertEquals("ALL|30|8|5|null\nAS|null|null|null|PRIMARY\nHI|null|null|null|COMPLEMENTARY\n"
                + "WH|null|null|null|PRIMARY\n", MiniDistrict.dump(workspace, cells.formatted(
                        "chronic_students_with_recovery", "chronic_absence_with_recovery_published")));
    }
}
