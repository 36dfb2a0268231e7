package org.rollcall.rules.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rollcall.rules.AttendanceTier;
import org.rollcall.rules.ChronicAbsence;

/** Attendance Works tiers and the chronic absence rule at their edges (docs/rules.md sections 1 and 2). */
class AttendanceTierTest {

    @ParameterizedTest(name = "{0} of {1} days absent is {2}")
    @CsvSource({
        "0, 180, SATISFACTORY", "8, 180, SATISFACTORY",  // 4.4%
        "9, 180, AT_RISK",                               // exactly 5%
        "17, 180, AT_RISK",                              // 9.4%
        "18, 180, MODERATE_CHRONIC",                     // exactly 10%
        "35, 180, MODERATE_CHRONIC",                     // 19.4%
        "36, 180, SEVERE_CHRONIC",                       // exactly 20%
        "180, 180, SEVERE_CHRONIC",
    })
    void tiers(int absent, int expected, AttendanceTier tier) {
        assertEquals(tier, AttendanceTier.of(absent, expected));
        assertEquals(tier.isChronic(), ChronicAbsence.isChronic(absent, expected));
    }

    @Test
    void eligibilityNeeds31DaysEnrolledAndADayAttended() {
        assertFalse(ChronicAbsence.isEligible(30, 0), "30 days enrolled is too few");
        assertTrue(ChronicAbsence.isEligible(31, 0));
        assertFalse(ChronicAbsence.isEligible(40, 40), "zero days attended is out");
        assertTrue(ChronicAbsence.isEligible(40, 39));
    }

    @Test
    void theSqlCaseNamesTheSameTiers() {
        String sql = AttendanceTier.sqlCase("a", "e");
        for (AttendanceTier tier : AttendanceTier.values()) {
            assertTrue(sql.contains("'" + tier.label() + "'"), sql);
        }
        assertTrue(sql.contains("100 * a >= 20 * e"), sql);
    }
}
