package org.rollcall.engine.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rollcall.engine.tests.DriverTest.query;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.engine.RollCallDriver;

/** Early warning and truancy on hand-placed absences in one 60-day year. */
class WarningViewsTest {

    static final String ELM = "19647330000011";
    static FixtureBuilder.Year year;

    @TempDir
    static Path dir;
    static Path workspace;

    @BeforeAll
    static void createWorkspace() {
        FixtureBuilder b = new FixtureBuilder().school(ELM, "Elm Elementary");
        year = b.year("2024-25", LocalDate.of(2024, 9, 2), 60);
        // 1: unexcused on days 10, 20, 30, 40, 50 and 55: truant on day 30 (3/30 = exactly 10%, so chronic
        // truant that day too), second report on day 55; 6/60 = 10% at the end: still chronic truant.
        b.student(1).stay(1, ELM, year, "05", 1, 60, Map.of(10, "unexcused", 20, "unexcused", 30, "unexcused",
                40, "unexcused", 50, "unexcused", 55, "unexcused"));
        // 2: tardies over 30 minutes on days 5 and 6 and unexcused on day 7: truant on day 7 (tardies count);
        // 1 unexcused day of 7 is 14% that day, but 1 of 60 at the end: not a chronic truant now.
        b.student(2).stay(2, ELM, year, "05", 1, 60, Map.of(5, "tardy", 6, "tardy", 7, "unexcused"));
        // 3: excused absences on days 56-58: 3/60 = 5%, at risk; all in the latest 30 days: worsening;
        // four more absences make 7/64 >= 10%, three (6/63) do not.
        b.student(3).stay(3, ELM, year, "05", 1, 60, Map.of(56, "excused", 57, "excused", 58, "excused"));
        workspace = b.write(dir.resolve("warnings.rollcall"));
    }

    static Date day(int n) {
        return Date.valueOf(year.day(n));
    }

    @Test
    void truancyReportsAndTheirDates() throws SQLException {
        try (Connection c = RollCallDriver.open(workspace)) {
            assertEquals(List.of(
                    Arrays.asList(1, 6, 2, day(30), day(55), null, true, day(30)),
                    Arrays.asList(2, 3, 1, day(7), null, null, false, day(7)),
                    Arrays.asList(3, 0, 0, null, null, null, false, null)),
                    query(c, "select student_id, unexcused_occurrences, truancy_reports, truant_date, "
                            + "second_report_date, habitual_truant_date, is_chronic_truant, chronic_truant_date "
                            + "from truancy_status order by student_id"));
        }
    }

    @Test
    void earlyWarningListsAtRiskStudentsWithTrendAndDistanceToChronic() throws SQLException {
        try (Connection c = RollCallDriver.open(workspace)) {
            // student 1 is chronic (10%) and 2 satisfactory: only student 3 is at risk
            assertEquals(List.of(List.of(3, 60, 3, 5.0, 30, 3, 10.0, "WORSENING", 4)),
                    query(c, "select student_id, days_expected, days_absent, absence_rate, recent_days, "
                            + "recent_absences, recent_absence_rate, trend, absences_to_chronic from early_warning"));
        }
    }
}
