package org.rollcall.analysis;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The workspace's {@code lcff_rates} (docs/rules.md section 7): what one unit of ADA is worth per fiscal year and LCFF
 * grade span. The one place the analyses take their rates from; a year without rates of its own is valued at the
 * nearest fiscal year's on record.
 */
public final class LcffRates {

    /** The rates of one grade span in one fiscal year. */
    public record Rate(String fiscalYear, String gradeSpan, double baseGrant, double gradeSpanAdjustment,
            String source) {

        /** Base grant plus grade-span adjustment per unit of ADA. */
        public double perAda() {
            return baseGrant + gradeSpanAdjustment;
        }
    }

    private final TreeMap<String, Map<String, Rate>> byYear = new TreeMap<>();

    private LcffRates() {
    }

    /** Every row of {@code lcff_rates}. */
    public static LcffRates read(Connection connection) throws SQLException {
        LcffRates rates = new LcffRates();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT fiscal_year, grade_span, base_grant_per_ada, "
                        + "grade_span_adjustment_per_ada, source FROM lcff_rates")) {
            while (rs.next()) {
                Rate rate = new Rate(rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getDouble(4),
                        rs.getString(5));
                rates.byYear.computeIfAbsent(rate.fiscalYear(), k -> new HashMap<>()).put(rate.gradeSpan(), rate);
            }
        }
        return rates;
    }

    /** The LCFF grade span of a CALPADS grade: K-3 (TK funded at the K-3 rate), 4-6, 7-8, 9-12. */
    public static String gradeSpan(String grade) {
        return switch (grade) {
            case "TK", "KN", "01", "02", "03" -> "K-3";
            case "04", "05", "06" -> "4-6";
            case "07", "08" -> "7-8";
            default -> "9-12";
        };
    }

    /**
     * The fiscal year whose rates value {@code schoolYear}: its own when on record, else the nearest by starting
     * year (the earlier on a tie); empty when the table has no year named like 2024-25.
     */
    public Optional<String> yearFor(String schoolYear) {
        if (byYear.containsKey(schoolYear)) {
            return Optional.of(schoolYear);
        }
        String chosen = null;
        int best = Integer.MAX_VALUE;
        int target = startYear(schoolYear);
        for (String fy : byYear.keySet()) {
            int start = startYear(fy);
            if (start >= 0 && target >= 0 && Math.abs(start - target) < best) {
                best = Math.abs(start - target);
                chosen = fy;
            }
        }
        return Optional.ofNullable(chosen);
    }

    /** The rate of a grade span for a school year (see {@link #yearFor}), if the table has one. */
    public Optional<Rate> rate(String schoolYear, String gradeSpan) {
        return yearFor(schoolYear).map(byYear::get).map(spans -> spans.get(gradeSpan));
    }

    private static int startYear(String year) {
        try {
            return Integer.parseInt(year.substring(0, 4));
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
