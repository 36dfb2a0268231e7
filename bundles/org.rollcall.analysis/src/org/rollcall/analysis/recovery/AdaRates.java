package org.rollcall.analysis.recovery;

import java.sql.Connection;

/**
 * What one unit of ADA is worth per grade span: the LCFF base grant plus the grade-span adjustment (docs/rules.md
 * section 7, 2024-25 rates, cde.ca.gov/fg/aa/pa/pa2425rates.asp). The one place the recovery ledger takes its rates
 * from: until the workspace carries a dated, editable rates table, every year is valued at these 2024-25 rates and
 * the ledger says so in its assumption column.
 */
final class AdaRates {

    /** The rates of one grade span. */
    record Rate(String gradeSpan, double baseGrant, double gradeSpanAdjustment, String ratesYear, String source) {

        double perAda() {
            return baseGrant + gradeSpanAdjustment;
        }
    }

    static final String RATES_YEAR = "2024-25";
    static final String SOURCE = "LCFF base grant and grade-span adjustment per ADA, 2024-25 "
            + "(cde.ca.gov/fg/aa/pa/pa2425rates.asp; docs/rules.md section 7)";

    private AdaRates() {
    }

    /** The LCFF grade span of a grade: TK and K-3, 4-6, 7-8, 9-12 (TK is funded at the K-3 rate). */
    static String gradeSpan(String grade) {
        return switch (grade) {
            case "TK", "KN", "01", "02", "03" -> "K-3";
            case "04", "05", "06" -> "4-6";
            case "07", "08" -> "7-8";
            default -> "9-12";
        };
    }

    /**
     * The rate of a grade span for a school year. The connection is where a rates table will be read once the
     * workspace has one; today the 2024-25 rates of docs/rules.md serve every year.
     */
    static Rate rate(Connection connection, String schoolYear, String gradeSpan) {
        return switch (gradeSpan) {
            case "K-3" -> new Rate(gradeSpan, 10_025, 1_043, RATES_YEAR, SOURCE);
            case "4-6" -> new Rate(gradeSpan, 10_177, 0, RATES_YEAR, SOURCE);
            case "7-8" -> new Rate(gradeSpan, 10_478, 0, RATES_YEAR, SOURCE);
            default -> new Rate(gradeSpan, 12_144, 316, RATES_YEAR, SOURCE);
        };
    }
}
