package org.rollcall.engine.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rollcall.engine.tests.DriverTest.query;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.engine.RollCallDriver;

/**
 * The Dashboard indicator withholds what chronic_absence_published withholds: a school of 30 Hispanic, 14 White
 * and 3 Pacific Islander third graders shows ALL and Hispanic, so White must go with Pacific Islander or ALL less
 * Hispanic would give Pacific Islander away.
 */
class DashboardSuppressionTest {

    static final String ELM = "19647330000011";

    @TempDir
    Path dir;

    @Test
    void theNextSmallestGroupIsWithheldWithATinyOne() throws SQLException {
        FixtureBuilder b = new FixtureBuilder().school(ELM, "Elm Elementary");
        FixtureBuilder.Year year = b.year("2024-25", LocalDate.of(2024, 9, 2), 60);
        int id = 0;
        for (Object[] group : new Object[][] {{"HI", 30, 6}, {"WH", 14, 2}, {"PI", 3, 1}}) {
            for (int n = 0; n < (int) group[1]; n++) {
                b.student(++id, (String) group[0]).stay(id, ELM, year, "03", 1, 60, n < (int) group[2] ? 6 : 0);
            }
        }
        Path workspace = b.write(dir.resolve("tiny-group.rollcall"));
        try (Connection c = RollCallDriver.open(workspace)) {
            assertEquals(List.of(
                    Arrays.asList("ALL", 47, 9, 19.1, false, null),
                    Arrays.asList("HI", 30, 6, 20.0, false, null),
                    Arrays.asList("PI", null, null, null, true, "PRIMARY"),
                    Arrays.asList("WH", null, null, null, true, "COMPLEMENTARY")),
                    query(c, "select student_group, eligible_students, chronic_students, status_rate, suppressed, "
                            + "suppression from dashboard_chronic_absence where reporting_level = 'SCHOOL' "
                            + "order by student_group"));
        }
    }

    /**
     * A group withheld last year gets no change or color this year, though its own cell is published: this year's
     * rate less the change would give last year's withheld rate away. 8 White students last year (PRIMARY, and
     * Hispanic COMPLEMENTARY with it), 14 this year.
     */
    @Test
    void noChangeFromAWithheldPriorYear() throws SQLException {
        FixtureBuilder b = new FixtureBuilder().school(ELM, "Elm Elementary");
        FixtureBuilder.Year prior = b.year("2023-24", LocalDate.of(2023, 9, 4), 60);
        FixtureBuilder.Year current = b.year("2024-25", LocalDate.of(2024, 9, 2), 60);
        int id = 0;
        for (int n = 0; n < 30; n++) {
            b.student(++id, "HI").stay(id, ELM, prior, "03", 1, 60, n < 6 ? 6 : 0)
                    .stay(id, ELM, current, "04", 1, 60, n < 9 ? 6 : 0);
        }
        for (int n = 0; n < 14; n++) {
            b.student(++id, "WH");
            if (n < 8) {
                b.stay(id, ELM, prior, "03", 1, 60, n < 1 ? 6 : 0);
            }
            b.stay(id, ELM, current, "04", 1, 60, n < 2 ? 6 : 0);
        }
        Path workspace = b.write(dir.resolve("withheld-prior.rollcall"));
        try (Connection c = RollCallDriver.open(workspace)) {
            assertEquals(List.of(
                    Arrays.asList("ALL", 44, 11, false),
                    Arrays.asList("HI", 30, 9, true),
                    Arrays.asList("WH", 14, 2, true)),
                    query(c, "select student_group, eligible_students, chronic_students, change_points is null "
                            + "from dashboard_chronic_absence where reporting_level = 'SCHOOL' "
                            + "and school_year = '2024-25' order by student_group"));
            assertEquals(List.of(Arrays.asList("ALL", 18.4, 25.0, 6.6, "Increased")),
                    query(c, "select cur.student_group, prior.status_rate, cur.status_rate, cur.change_points, "
                            + "cur.change_level from dashboard_chronic_absence cur join dashboard_chronic_absence "
                            + "prior using (reporting_level, school_code, student_group) "
                            + "where cur.reporting_level = 'SCHOOL' and cur.school_year = '2024-25' "
                            + "and prior.school_year = '2023-24' and cur.student_group = 'ALL'"));
        }
    }
}
