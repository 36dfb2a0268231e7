package org.rollcall.rules;

/**
 * Chronic absenteeism: absent on 10% or more of the expected attendance days (docs/rules.md section 1;
 * cde.ca.gov/ta/ac/cm/dashboardchronic.asp), and who is counted in a rate.
 */
public final class ChronicAbsence {

    /** Percent of expected days absent at or above which a student is chronically absent. */
    public static final int THRESHOLD_PERCENT = 10;

    /**
     * The Dashboard and DataQuest count a student at a reporting level only after 31 instructional days
     * enrolled there (docs/rules.md section 2; cde.ca.gov/ds/ad/fsabd.asp). The LCAP definition has no such rule.
     */
    public static final int MINIMUM_DAYS_ENROLLED = 31;

    private ChronicAbsence() {
    }

    public static boolean isChronic(int daysAbsent, int daysExpected) {
        return daysExpected > 0 && 100L * daysAbsent >= (long) THRESHOLD_PERCENT * daysExpected;
    }

    /**
     * Whether a student counts in the Dashboard/DataQuest rate at a level: enrolled at least 31 days
     * there and attended at least one day (students with zero days attended are out; docs/rules.md section 2).
     */
    public static boolean isEligible(int daysExpected, int daysAbsent) {
        return daysExpected >= MINIMUM_DAYS_ENROLLED && daysAbsent < daysExpected;
    }

    /** {@link #isChronic} as a SQL predicate over two integer columns. */
    public static String sqlIsChronic(String daysAbsent, String daysExpected) {
        return "(100 * " + daysAbsent + " >= " + THRESHOLD_PERCENT + " * " + daysExpected + ")";
    }

    /** {@link #isEligible} as a SQL predicate over two integer columns. */
    public static String sqlIsEligible(String daysExpected, String daysAbsent) {
        return "(" + daysExpected + " >= " + MINIMUM_DAYS_ENROLLED + " AND " + daysAbsent + " < " + daysExpected + ")";
    }
}
