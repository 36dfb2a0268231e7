package org.rollcall.analysis.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rollcall.analysis.tests.Rows.number;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.engine.RollCallDriver;
import org.rollcall.store.Workspace;
import org.rollcall.synthetic.DistrictGenerator;
import org.rollcall.synthetic.GeneratorSettings;
import org.rollcall.synthetic.GenerationProgress;

/**
 * The attendance-outcome analysis on a generated district, read through the driver. The synthetic district plants
 * each scale score as grade mean + 85 x ability - 4.0 x percent of days absent + noise (its README), with ability lower
 * in the student groups that are also absent more; the analysis must find the planted -4.0 inside its adjusted
 * interval, and the raw slope, which the groups and grades confound, away from it.
 */
class AttendanceOutcomesTest {

    /** The planted scale-score points per percentage point of days absent (synthetic README, "The planted truth"). */
    private static final double PLANTED_SLOPE = -4.0;

    @TempDir
    static Path dir;

    static Path workspace;

    @BeforeAll
    static void generate() {
        workspace = dir.resolve("district.rollcall");
        // one year of 8,000 students: about 4,000 scale scores per measure at 11 schools
        DistrictGenerator.generate(new GeneratorSettings(8_000, 1, 2026, 2023), workspace, GenerationProgress.NONE);
    }

    private static List<Map<String, Object>> query(String sql) throws SQLException {
        try (Connection c = RollCallDriver.open(workspace)) {
            return Rows.of(c, sql);
        }
    }

    @Test
    void thePlantedSlopeLiesInsideTheAdjustedIntervalWhileTheRawSlopeMissesIt() throws SQLException {
        List<Map<String, Object>> rows = query("select * from attendance.attendance_outcome_association "
                + "order by \"measure\", school_year");
        assertEquals(2, rows.size(), "ELA and math: " + rows);
        for (Map<String, Object> row : rows) {
            double low = number(row, "adjusted_slope_ci_low");
            double high = number(row, "adjusted_slope_ci_high");
            assertTrue(low <= PLANTED_SLOPE && PLANTED_SLOPE <= high, "planted slope inside the adjusted interval: "
                    + row);
            double raw = number(row, "raw_slope");
            double rawHalfWidth = (number(row, "raw_slope_ci_high") - number(row, "raw_slope_ci_low")) / 2;
            assertTrue(Math.abs(raw - PLANTED_SLOPE) > rawHalfWidth,
                    "the raw slope differs from the planted one by more than its own interval: " + row);
            assertTrue(row.get("interpretation").toString().startsWith("association, not effect"), row.toString());
        }
    }

    @Test
    void absenceAndScoresAreNegativelyCorrelatedWithIntervals() throws SQLException {
        for (Map<String, Object> row : query("select * from attendance.attendance_outcome_association")) {
            assertTrue(number(row, "pearson_ci_low") < number(row, "pearson_r")
                    && number(row, "pearson_r") < number(row, "pearson_ci_high") && number(row, "pearson_ci_high") < 0,
                    "Pearson r negative, inside an interval that excludes 0: " + row);
            assertTrue(number(row, "spearman_ci_high") < 0, "Spearman too: " + row);
        }
    }

    @Test
    void meanScoresAndTheShareMeetingTheStandardFallTierByTier() throws SQLException {
        List<Map<String, Object>> rows = query("select * from attendance.outcomes_by_attendance_tier "
                + "order by \"measure\", school_year, tier_order");
        assertEquals(8, rows.size(), "four tiers of two measures");
        for (int i = 0; i < rows.size(); i += 4) {
            for (int t = i + 1; t < i + 4; t++) {
                assertTrue(number(rows.get(t), "mean_value") < number(rows.get(t - 1), "mean_value"),
                        "the mean falls from " + rows.get(t - 1) + " to " + rows.get(t));
                assertTrue(number(rows.get(t), "share_meeting_cut_score")
                        < number(rows.get(t - 1), "share_meeting_cut_score"), "so does the share meeting the standard");
            }
            assertTrue(number(rows.get(i), "mean_ci_low") < number(rows.get(i), "mean_value"));
            assertTrue(number(rows.get(i), "share_ci_high") > number(rows.get(i), "share_meeting_cut_score"));
        }
    }

    @Test
    void theBinnedScatterHasTwentyBinsOfRisingAbsence() throws SQLException {
        List<Map<String, Object>> rows = query("select * from attendance.attendance_outcome_bins "
                + "where \"measure\" = 'ELA_SCALE_SCORE' order by bin");
        assertEquals(20, rows.size());
        for (int b = 1; b < rows.size(); b++) {
            assertTrue(number(rows.get(b), "mean_absence_rate") >= number(rows.get(b - 1), "mean_absence_rate"));
            assertFalse((Boolean) rows.get(b).get("suppressed"));
        }
        assertTrue(number(rows.get(19), "mean_value") < number(rows.get(0), "mean_value"));
    }

    @Test
    void theKindergartenToThirdGradeTableStaysEmptyWithoutThoseYears() throws SQLException {
        assertEquals(List.of(), query("select * from attendance.early_chronic_absence_grade3"));
    }

    @Test
    void aTierOfTenOrFewerStudentsIsWithheldAndSoIsTheCellThatWouldRevealIt(@TempDir Path copyDir) throws Exception {
        Path copy = copyDir.resolve("few.rollcall");
        Files.copy(workspace, copy);
        try (Workspace w = Workspace.open(copy); Statement s = w.connection().createStatement()) {
            // keep the ELA scores of only 7 severely chronically absent students
            s.executeUpdate("DELETE FROM outcomes WHERE measure = 'ELA_SCALE_SCORE' AND student_id IN (SELECT d.student_id "
                    + "FROM district_student_year d WHERE d.is_eligible AND d.tier = 'Severe chronic' AND d.student_id NOT IN "
                    + "(SELECT o.student_id FROM outcomes o JOIN district_student_year e ON e.student_id = o.student_id "
                    + "AND e.school_year = o.school_year WHERE e.is_eligible AND e.tier = 'Severe chronic' "
                    + "AND o.measure = 'ELA_SCALE_SCORE' ORDER BY o.student_id LIMIT 7))");
            w.rebuildSummaries();
        }
        List<Map<String, Object>> tiers;
        try (Connection c = RollCallDriver.open(copy)) {
            tiers = Rows.of(c, "select * from attendance.outcomes_by_attendance_tier where \"measure\" = "
                    + "'ELA_SCALE_SCORE' order by tier_order");
        }
        Map<String, Object> severe = tiers.get(3);
        assertEquals("Severe chronic", severe.get("tier"));
        assertEquals(true, severe.get("suppressed"));
        assertEquals("PRIMARY", severe.get("suppression"));
        for (String column : List.of("students", "mean_value", "mean_ci_low", "share_meeting_cut_score")) {
            assertNull(severe.get(column), column + " withheld: " + severe);
        }
        // the total is published (attendance_outcome_association.students), so the smallest other tier goes too
        Map<String, Object> moderate = tiers.get(2);
        assertEquals("COMPLEMENTARY", moderate.get("suppression"), moderate.toString());
        assertNull(moderate.get("students"));
        assertEquals(false, tiers.get(0).get("suppressed"));
        assertEquals(false, tiers.get(1).get("suppressed"));
    }
}
