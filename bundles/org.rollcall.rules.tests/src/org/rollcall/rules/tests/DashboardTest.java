package org.rollcall.rules.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rollcall.rules.Dashboard;
import org.rollcall.rules.DashboardChange;
import org.rollcall.rules.DashboardColor;
import org.rollcall.rules.DashboardStatus;

/** The Dashboard chronic absenteeism rules at their edges (docs/rules.md section 3), with hand-computed counts. */
class DashboardTest {

    @ParameterizedTest(name = "{0}/{1} = {2}% is {3}")
    @CsvSource({
        "50, 2000, 2.5, VERY_LOW",   // exactly 2.5
        "51, 2000, 2.6, LOW",        // 2.55 rounds half up to 2.6
        "100, 2000, 5.0, LOW",
        "101, 1000, 10.1, HIGH",
        "100, 1000, 10.0, MEDIUM",   // exactly 10% is Medium, not High
        "201, 2000, 10.1, HIGH",     // 10.05 rounds to 10.1
        "200, 1000, 20.0, HIGH",
        "201, 1000, 20.1, VERY_HIGH",
        "0, 30, 0.0, VERY_LOW",
    })
    void statusIsTheRateRoundedToOneDecimal(long numerator, long denominator, String rounded, DashboardStatus level) {
        assertEquals(new BigDecimal(rounded), Dashboard.statusRate(numerator, denominator));
        assertEquals(level, Dashboard.status(numerator, denominator));
    }

    @ParameterizedTest(name = "{0}/1000 after {1}/1000 is {2}")
    @CsvSource({
        "105, 100, INCREASED",                  // +0.5
        "104, 100, MAINTAINED",                 // +0.4
        "95, 100, DECLINED",                    // -0.5
        "96, 100, MAINTAINED",                  // -0.4
        "130, 100, INCREASED",                  // +3.0 is not yet significant
        "131, 100, INCREASED_SIGNIFICANTLY",    // +3.1
        "70, 100, DECLINED_SIGNIFICANTLY",      // -3.0 is significant
        "71, 100, DECLINED",                    // -2.9
    })
    void changeLevelsAtTheirBoundaries(long current, long prior, DashboardChange level) {
        assertEquals(level, Dashboard.changeLevel(current, 1000, prior, 1000));
    }

    @Test
    void changeComesFromTheUnroundedRates() {
        // 251/2500 = 10.04% (status 10.0) and 191/2000 = 9.55% (status 9.6): the rounded rates differ by 0.4,
        // the unrounded ones by 0.49, which rounds to 0.5: Increased, not Maintained.
        assertEquals(new BigDecimal("0.5"), Dashboard.change(251, 2500, 191, 2000));
        assertEquals(DashboardChange.INCREASED, Dashboard.changeLevel(251, 2500, 191, 2000));
    }

    @Test
    void aGroupNeedsThirtyStudentsForAColor() {
        assertEquals(Optional.empty(), Dashboard.color(3, 29, 3, 29));
        assertTrue(Dashboard.color(3, 30, 3, 30).isPresent());
        assertEquals(Optional.empty(), Dashboard.color(3, 30, 0, 0), "no prior year, no color");
    }

    @Test
    void underOneHundredFiftyStudentsTheSafetyNetHasNoSignificantChange() {
        // 22/149 = 14.77% after 203/1000 = 20.3%: -5.5 points, Declined below 150 students ...
        assertEquals(new BigDecimal("-5.5"), Dashboard.change(22, 149, 203, 1000));
        assertEquals(DashboardChange.DECLINED, Dashboard.changeLevel(22, 149, 203, 1000));
        // ... and 22/150 = 14.67% after 20.2%: -5.5 points, Declined Significantly at 150.
        assertEquals(new BigDecimal("-5.5"), Dashboard.change(22, 150, 202, 1000));
        assertEquals(DashboardChange.DECLINED_SIGNIFICANTLY, Dashboard.changeLevel(22, 150, 202, 1000));
        assertEquals(Optional.of(DashboardColor.YELLOW), Dashboard.color(22, 149, 203, 1000), "High, Declined");
        assertEquals(Optional.of(DashboardColor.YELLOW), Dashboard.color(22, 150, 202, 1000), "High, Declined Sig.");
    }

    @ParameterizedTest(name = "{0} and {1} give {2}")
    @CsvSource({
        "VERY_HIGH, INCREASED_SIGNIFICANTLY, RED", "VERY_HIGH, DECLINED, ORANGE",
        "VERY_HIGH, DECLINED_SIGNIFICANTLY, YELLOW", "HIGH, INCREASED, ORANGE", "HIGH, DECLINED, YELLOW",
        "MEDIUM, MAINTAINED, YELLOW", "MEDIUM, DECLINED, GREEN", "LOW, INCREASED_SIGNIFICANTLY, ORANGE",
        "LOW, DECLINED_SIGNIFICANTLY, BLUE", "VERY_LOW, INCREASED_SIGNIFICANTLY, YELLOW",
        "VERY_LOW, INCREASED, GREEN", "VERY_LOW, MAINTAINED, BLUE",
    })
    void theFiveByFiveGrid(DashboardStatus status, DashboardChange change, DashboardColor color) {
        assertEquals(color, DashboardColor.of(status, change));
    }

    @Test
    void impossibleCountsAreRejectedWithTheCounts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dashboard.rate(31, 30));
        assertTrue(e.getMessage().contains("31/30"), e.getMessage());
    }
}
