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
}
