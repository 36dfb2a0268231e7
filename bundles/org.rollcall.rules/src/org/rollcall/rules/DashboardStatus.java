package org.rollcall.rules;

import java.math.BigDecimal;

/**
 * Chronic absenteeism status levels of the California School Dashboard, by the rate rounded to 0.1
 * (docs/rules.md section 3; cde.ca.gov/ta/ac/cm/fivebyfivecolortables23.asp): Very Low up to 2.5%, Low 2.6-5.0%,
 * Medium 5.1-10.0%, High 10.1-20.0%, Very High 20.1% and above. Lower is better.
 */
public enum DashboardStatus {
    VERY_HIGH("Very High"), HIGH("High"), MEDIUM("Medium"), LOW("Low"), VERY_LOW("Very Low");

    private final String label;

    DashboardStatus(String label) {
        this.label = label;
    }

    /** The CDE's own label. */
    public String label() {
        return label;
    }

    /** The level of a status already rounded to one decimal place. */
    public static DashboardStatus of(BigDecimal roundedRate) {
        if (roundedRate.compareTo(new BigDecimal("2.5")) <= 0) {
            return VERY_LOW;
        } else if (roundedRate.compareTo(new BigDecimal("5.0")) <= 0) {
            return LOW;
        } else if (roundedRate.compareTo(new BigDecimal("10.0")) <= 0) {
            return MEDIUM;
        } else if (roundedRate.compareTo(new BigDecimal("20.0")) <= 0) {
            return HIGH;
        }
        return VERY_HIGH;
    }
}
