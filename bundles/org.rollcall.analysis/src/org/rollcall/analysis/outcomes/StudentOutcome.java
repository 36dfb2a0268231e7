package org.rollcall.analysis.outcomes;

import java.util.Set;

import org.rollcall.rules.AttendanceTier;

/**
 * One student's value of a measure in a year, with what the analysis sets it against: the district-level days absent
 * and expected that year, the school attended most, the Dashboard student groups and the grade's cut score.
 *
 * @param cutScore the cut score of the measure in the student's grade, NaN when there is none
 */
record StudentOutcome(long studentId, String grade, double value, int daysAbsent, int daysExpected, String school,
        Set<String> groups, double cutScore) {

    /** Percent of days absent, the unit of every slope. */
    double absenceRate() {
        return 100.0 * daysAbsent / daysExpected;
    }

    AttendanceTier tier() {
        return AttendanceTier.of(daysAbsent, daysExpected);
    }

    boolean hasCutScore() {
        return !Double.isNaN(cutScore);
    }

    boolean meetsCutScore() {
        return hasCutScore() && value >= cutScore;
    }
}
