package org.rollcall.engine.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rollcall.engine.tests.DriverTest.query;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.engine.RollCallDriver;
import org.rollcall.store.Workspace;

/**
 * Attendance Recovery through the {@code jdbc:rollcall:} driver, in the attendance schema, on the fixture district
 * (see {@link FixtureDistrict}): student 1 (6 of 60 days absent at Elm, chronic) attends one 240-minute Saturday
 * session, which credits one day and takes the student under 10%.
 */
class RecoveryViewsTest {

    @TempDir
    static Path dir;
    static Path workspace;

    @BeforeAll
    static void createWorkspace() throws SQLException {
        workspace = FixtureDistrict.create(dir);
        try (Workspace w = Workspace.open(workspace); Statement s = w.connection().createStatement()) {
            s.executeUpdate("INSERT INTO attendance_recovery (student_id, school_code, session_date, program, minutes, "
                    + "teacher_certificated) VALUES (1, '" + FixtureDistrict.ELM + "', '2024-10-05', 'Saturday', 240, 'Y')");
            w.rebuildSummaries();
        }
    }

    @Test
    void theSessionsCreditAndTheRatesShowBothWays() throws SQLException {
        try (Connection c = RollCallDriver.open(workspace)) {
            assertEquals(List.of(List.of(1, "Saturday", 240)),
                    query(c, "select student_id, program, minutes from attendance.attendance_recovery"));
            assertEquals(List.of(List.of(1, "2024-25", 1, 6, true, 1)), query(c, "select student_id, school_year, "
                    + "days_earned, days_absent, eligible, days_credited from attendance.attendance_recovery_credit"));
            // Elm: students 1, 2 and 4 eligible, 1 and 4 chronic; with the recovered day only student 4 is
            assertEquals(List.of(List.of(3, 2, 66.7, 1, 1, 33.3)), query(c, "select eligible_students, "
                    + "chronic_students, chronic_rate, days_recovered, chronic_students_with_recovery, "
                    + "chronic_rate_with_recovery from attendance.chronic_absence_with_recovery where definition = "
                    + "'DATAQUEST' and reporting_level = 'SCHOOL' and school_code = '" + FixtureDistrict.ELM
                    + "' and student_group = 'ALL'"));
            // three students: withheld in the publishable form
            assertEquals(List.of(List.of(true, "PRIMARY")), query(c, "select suppressed, suppression from "
                    + "attendance.chronic_absence_with_recovery_published where definition = 'DATAQUEST' and "
                    + "reporting_level = 'SCHOOL' and school_code = '" + FixtureDistrict.ELM
                    + "' and student_group = 'ALL' and chronic_rate_with_recovery is null"));
        }
    }
}
