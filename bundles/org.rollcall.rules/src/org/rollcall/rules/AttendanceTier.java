package org.rollcall.rules;

/**
 * Attendance Works tiers, as the California Attendance Guide uses them (docs/rules.md section 1):
 * satisfactory below 5% absent, at risk 5% to below 10%, moderate chronic 10% to below 20%,
 * severe chronic 20% or more.
 */
public enum AttendanceTier {
    SATISFACTORY("Satisfactory", 0), AT_RISK("At risk", 5), MODERATE_CHRONIC("Moderate chronic", 10),
    SEVERE_CHRONIC("Severe chronic", 20);

    private final String label;
    private final int lowerBoundPercent;

    AttendanceTier(String label, int lowerBoundPercent) {
        this.label = label;
        this.lowerBoundPercent = lowerBoundPercent;
    }

    public String label() {
        return label;
    }

    /** The smallest whole-number percentage of days absent that falls in this tier. */
    public int lowerBoundPercent() {
        return lowerBoundPercent;
    }

    /**
     * The tier of a student absent {@code daysAbsent} of {@code daysExpected} days. Integer arithmetic,
     * so that exactly 10% is chronic without floating-point doubt.
     */
    public static AttendanceTier of(int daysAbsent, int daysExpected) {
        if (daysExpected <= 0) {
            throw new IllegalArgumentException("days expected must be positive, got " + daysExpected);
        }
        if (daysAbsent < 0 || daysAbsent > daysExpected) {
            throw new IllegalArgumentException(
                    "days absent must be between 0 and " + daysExpected + ", got " + daysAbsent);
        }
        AttendanceTier tier = SATISFACTORY;
        for (AttendanceTier candidate : values()) {
            if (100L * daysAbsent >= (long) candidate.lowerBoundPercent * daysExpected) {
                tier = candidate;
            }
        }
        return tier;
    }

    public boolean isChronic() {
        return lowerBoundPercent >= ChronicAbsence.THRESHOLD_PERCENT;
    }

    /**
     * The same classification as a SQL CASE expression over two integer columns, so that views
     * evaluate it inside the store instead of in the JVM.
     */
    public static String sqlCase(String daysAbsent, String daysExpected) {
        StringBuilder sql = new StringBuilder("CASE");
        AttendanceTier[] tiers = values();
        for (int i = tiers.length - 1; i > 0; i--) {
            sql.append(" WHEN 100 * ").append(daysAbsent).append(" >= ").append(tiers[i].lowerBoundPercent)
                    .append(" * ").append(daysExpected).append(" THEN ").append(sqlLabel(tiers[i]));
        }
        return sql.append(" ELSE ").append(sqlLabel(tiers[0])).append(" END").toString();
    }

    /** A label as a VARCHAR literal, so that a CASE over labels of different lengths pads none of them. */
    private static String sqlLabel(AttendanceTier tier) {
        return "CAST('" + tier.label + "' AS VARCHAR(20))";
    }
}
