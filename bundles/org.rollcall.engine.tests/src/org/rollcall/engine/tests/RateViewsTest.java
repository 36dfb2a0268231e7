package org.rollcall.engine.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rollcall.engine.tests.DriverTest.query;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.engine.RollCallDriver;

/**
 * The three definitions, suppression and the Dashboard indicator on a two-year school of 40 third graders
 * plus three students who separate the definitions.
 */
class RateViewsTest {

    static final String ELM = "19647330000011";

    @TempDir
    static Path dir;
    static Path workspace;

    @BeforeAll
    static void createWorkspace() {
        FixtureBuilder b = new FixtureBuilder().school(ELM, "Elm Elementary");
        FixtureBuilder.Year prior = b.year("2023-24", LocalDate.of(2023, 9, 4), 60);
        FixtureBuilder.Year current = b.year("2024-25", LocalDate.of(2024, 9, 2), 60);
        for (int id = 1; id <= 40; id++) {
            b.student(id);
            // 2023-24: students 1-8 chronic (8/40 = 20.0%); 2024-25: students 1-6 chronic (6/40)
            b.stay(id, ELM, prior, "03", 1, 60, id <= 8 ? 6 : 0);
            b.stay(id, ELM, current, "03", 1, 60, id <= 6 ? 6 : 0);
        }
        for (int id = 1; id <= 10; id++) {
            b.program(id, "EL", LocalDate.of(2024, 7, 1), null); // ten English learners: a suppressed group
        }
        // 41: tenth grader, chronic: DataQuest and LCAP count it, the Dashboard (TK-8) does not.
        b.student(41).stay(41, ELM, current, "10", 1, 60, 6);
        // 42: kindergartner enrolled 20 days, 2 absent (10%): only LCAP counts it (no 31-day rule).
        b.student(42).stay(42, ELM, current, "KN", 41, 60, 2);
        // 43: TK, never absent: Dashboard and DataQuest count it, LCAP (K-12) does not.
        b.student(43).stay(43, ELM, current, "TK", 1, 60, 0);
        b.goal(1, "LCAP", "Cut chronic absence to 15%", "CHRONIC_ABSENCE_RATE", "LCAP", "ALL", "2023-24", 20.0,
                "2024-25", 15.0, "DECREASE");
        b.goal(2, "LCAP", "English learners attend 97% of days", "ATTENDANCE_RATE", "LCAP", "EL", "2024-25", 96.0,
                "2024-25", 97.0, "INCREASE");
        workspace = b.write(dir.resolve("two-years.rollcall"));
    }

    @Test
    void theThreeDefinitionsCountDifferentStudents() throws SQLException {
        try (Connection c = RollCallDriver.open(workspace)) {
            assertEquals(List.of(
                    List.of("DASHBOARD", 41, 6, 14.6),   // 1-40 and TK 43; chronic 1-6
                    List.of("DATAQUEST", 42, 7, 16.7),   // 1-41 and 43; chronic 1-6 and 41
                    List.of("LCAP", 42, 8, 19.0)),       // 1-42; chronic 1-6, 41 and 42
                    query(c, "select definition, eligible_students, chronic_students, chronic_rate "
                            + "from chronic_absence_rates where school_year = '2024-25' and reporting_level = 'SCHOOL' "
                            + "and student_group = 'ALL' order by definition"));
        }
    }

    @Test
    void groupsOfTenOrFewerAreSuppressedWhenPublished() throws SQLException {
        try (Connection c = RollCallDriver.open(workspace)) {
            assertEquals(List.of(Arrays.asList("EL", null, null, null, true), Arrays.asList("HI", 41, 6, 14.6, false)),
                    query(c, "select student_group, eligible_students, chronic_students, chronic_rate, suppressed "
                            + "from chronic_absence_published where definition = 'DASHBOARD' and school_year = '2024-25' "
                            + "and reporting_level = 'DISTRICT' and student_group in ('EL', 'HI') order by student_group"));
        }
    }

    @Test
    void goalProgressAgainstBaselineAndTarget() throws SQLException {
        try (Connection c = RollCallDriver.open(workspace)) {
            // LCAP definition: 8/40 = 20.0% in 2023-24, 8/42 = 19.0% in 2024-25, against a 15% target.
            // The English-learner goal covers ten students: suppressed.
            assertEquals(List.of(
                    Arrays.asList(1, "2023-24", 40, 20.0, 0.0, false, false),
                    Arrays.asList(1, "2024-25", 42, 19.0, -1.0, false, false),
                    Arrays.asList(2, "2024-25", null, null, null, null, true)),
                    query(c, "select goal_id, school_year, students, actual_value, difference_from_baseline, "
                            + "target_met, suppressed from goal_progress order by goal_id, school_year"));
        }
    }

    @Test
    void dashboardStatusChangeAndColorWithTheSafetyNet() throws SQLException {
        try (Connection c = RollCallDriver.open(workspace)) {
            // 6/41 = 14.63% after 8/40 = 20.0%: change -5.4, Declined (not Significantly: under 150 students);
            // High and Declined is Yellow.
            assertEquals(List.of(
                    List.of("DISTRICT", "ALL", 41, 14.6, "High", -5.4, "Declined", "Yellow"),
                    List.of("SCHOOL", "ALL", 41, 14.6, "High", -5.4, "Declined", "Yellow")),
                    query(c, "select reporting_level, student_group, eligible_students, status_rate, status, "
                            + "change_points, change_level, color from dashboard_chronic_absence "
                            + "where school_year = '2024-25' and student_group = 'ALL' order by reporting_level"));
            // the first year (8/40 = 20.0%, High) has no prior year, so no change and no color
            assertEquals(List.of(Arrays.asList("High", null, null)), query(c,
                    "select status, change_level, color from dashboard_chronic_absence where school_year = '2023-24' "
                            + "and student_group = 'ALL' and reporting_level = 'DISTRICT'"));
        }
    }
}
