package org.rollcall.rules;

import java.math.BigDecimal;

/**
 * Change levels of the Dashboard chronic absenteeism indicator, by the change rounded to 0.1 percentage
 * points (docs/rules.md section 3): Increased Significantly +3.1 or more, Increased +0.5 to +3.0, Maintained
 * -0.4 to +0.4, Declined -0.5 to -2.9, Declined Significantly -3.0 or less.
 */
public enum DashboardChange {
    INCREASED_SIGNIFICANTLY("Increased Significantly"), INCREASED("Increased"), MAINTAINED("Maintained"),
    DECLINED("Declined"), DECLINED_SIGNIFICANTLY("Declined Significantly");

    private final String label;

    DashboardChange(String label) {
        this.label = label;
    }

    /** The CDE's own label. */
    public String label() {
        return label;
    }

    /** The level of a change already rounded to one decimal place. */
    public static DashboardChange of(BigDecimal roundedChange) {
        if (roundedChange.compareTo(new BigDecimal("3.1")) >= 0) {
            return INCREASED_SIGNIFICANTLY;
        } else if (roundedChange.compareTo(new BigDecimal("0.5")) >= 0) {
            return INCREASED;
        } else if (roundedChange.compareTo(new BigDecimal("-0.4")) >= 0) {
            return MAINTAINED;
        } else if (roundedChange.compareTo(new BigDecimal("-2.9")) >= 0) {
            return DECLINED;
        }
        return DECLINED_SIGNIFICANTLY;
    }

    /**
     * Below 150 students the Dashboard's safety net has no significant levels: published rows show a small
     * district whose change was -5.5 labelled Declined (docs/rules.md section 3).
     */
    public DashboardChange withoutSignificance() {
        return switch (this) {
            case INCREASED_SIGNIFICANTLY -> INCREASED;
            case DECLINED_SIGNIFICANTLY -> DECLINED;
            default -> this;
        };
    }
}
