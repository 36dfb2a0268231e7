package org.rollcall.analysis.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rollcall.analysis.tests.Rows.number;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.engine.RollCallDriver;
import org.rollcall.store.Workspace;
import org.rollcall.synthetic.DistrictGenerator;
import org.rollcall.synthetic.GenerationProgress;
import org.rollcall.synthetic.GeneratorSettings;

/**
 * Recovered days in dollars: each credited day is worth the grade span's LCFF funding per ADA over the days taught
 * (docs/rules.md section 7: 2024-25 K-3 $10,025 + $1,043, 9-12 $12,144 + $316), after the credit's caps.
 */
class RecoveryDollarsTest {

    @TempDir
    Path dir;

    @Test
    void creditedDaysAreValuedAtTheirGradeSpansFundingPerDayTaught() throws SQLException {
        Path workspace = dir.resolve("recovery.rollcall");
        DistrictGenerator.generate(new GeneratorSettings(400, 1, 7, 2023), workspace, GenerationProgress.NONE);
        try (Workspace w = Workspace.open(workspace)) {
            Connection c = w.connection();
            // a second grader with 3 or more absences makes up 3 days; a tenth grader with 12 or more makes up 12,
            // of which 10 are credited
            Map<String, Object> second = student(c, "02", 3);
            Map<String, Object> tenth = student(c, "10", 12);
            sessions(c, second, 3, 230);
            sessions(c, tenth, 12, 240);
            w.rebuildSummaries();
        }
        List<Map<String, Object>> rows;
        try (Connection c = RollCallDriver.open(workspace)) {
            rows = Rows.of(c, "select * from attendance.attendance_recovery_dollars order by grade_span");
        }
        assertEquals(2, rows.size(), rows.toString());
        Map<String, Object> high = rows.get(0);
        Map<String, Object> early = rows.get(1);
        assertEquals("9-12", high.get("grade_span"));
        assertEquals("K-3", early.get("grade_span"));
        assertEquals(180.0, number(early, "days_taught"));
        assertEquals(3.0, number(early, "days_credited"));
        assertEquals(3 * (10_025 + 1_043) / 180.0, number(early, "dollars"), 1e-6);
        assertEquals(10.0, number(high, "days_credited"), "capped at 10 days");
        assertEquals(10 * (12_144 + 316) / 180.0, number(high, "dollars"), 1e-6);
        assertEquals(1.0, number(high, "students_credited"));
        assertTrue(high.get("assumption").toString().contains("hold-harmless"));
    }

    /** A student of the grade with at least that many absences and no independent study, and their school. */
    private static Map<String, Object> student(Connection c, String grade, int absences) throws SQLException {
        List<Map<String, Object>> found = Rows.of(c, "SELECT s.student_id, s.school_code FROM attendance_summary s "
                + "WHERE s.grade = '" + grade + "' AND s.days_absent >= " + absences + " AND s.days_independent_study "
                + "+ s.days_independent_study_non_ada = 0 AND s.student_id NOT IN (SELECT student_id FROM "
                + "attendance_summary GROUP BY student_id HAVING COUNT(*) > 1) ORDER BY s.student_id LIMIT 1");
        assertEquals(1, found.size(), "a grade " + grade + " student with " + absences + " absences");
        return found.get(0);
    }

    /** One session of {@code minutes} on each of {@code days} Saturdays from January 6, 2024. */
    private static void sessions(Connection c, Map<String, Object> student, int days, int minutes) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO attendance_recovery (student_id, school_code, "
                + "session_date, program, minutes, teacher_certificated) VALUES (?, ?, ?, 'SATURDAY', ?, 'Y')")) {
            for (int d = 0; d < days; d++) {
                insert.setObject(1, student.get("student_id"));
                insert.setObject(2, student.get("school_code"));
                insert.setString(3, LocalDate.of(2024, 1, 6).plusWeeks(d).toString());
                insert.setInt(4, minutes);
                insert.executeUpdate();
            }
        }
    }
}
