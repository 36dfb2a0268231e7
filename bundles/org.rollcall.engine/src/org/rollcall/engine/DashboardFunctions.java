package org.rollcall.engine;

import org.rollcall.rules.Dashboard;
import org.rollcall.rules.DashboardChange;
import org.rollcall.rules.DashboardColor;
import org.rollcall.rules.DashboardStatus;

/**
 * The Dashboard rules as SQL functions a BI tool can call on any counts: {@code dashboard_status},
 * {@code dashboard_change} and {@code dashboard_color}. Each returns the CDE's own label, or NULL where a
 * count is missing or no level is assigned.
 */
public final class DashboardFunctions {

    private DashboardFunctions() {
    }

    /** {@code dashboard_status(curr_numer, curr_denom)}: 'Very High' .. 'Very Low'. */
    public static String status(Long currentNumerator, Long currentDenominator) {
        if (!present(currentNumerator, currentDenominator)) {
            return null;
        }
        DashboardStatus status = Dashboard.status(currentNumerator, currentDenominator);
        return status.label();
    }

    /** {@code dashboard_change(curr_numer, curr_denom, prior_numer, prior_denom)}: 'Increased Significantly' .. */
    public static String change(Long currentNumerator, Long currentDenominator, Long priorNumerator,
            Long priorDenominator) {
        if (!present(currentNumerator, currentDenominator) || !present(priorNumerator, priorDenominator)) {
            return null;
        }
        DashboardChange change = Dashboard.changeLevel(currentNumerator, currentDenominator, priorNumerator,
                priorDenominator);
        return change.label();
    }

    /** {@code dashboard_color(curr_numer, curr_denom, prior_numer, prior_denom)}: 'Red' .. 'Blue', or NULL. */
    public static String color(Long currentNumerator, Long currentDenominator, Long priorNumerator,
            Long priorDenominator) {
        if (!present(currentNumerator, currentDenominator) || !present(priorNumerator, priorDenominator)) {
            return null;
        }
        return Dashboard.color(currentNumerator, currentDenominator, priorNumerator, priorDenominator)
                .map(DashboardColor::label).orElse(null);
    }

    private static boolean present(Long numerator, Long denominator) {
        return numerator != null && denominator != null && denominator > 0;
    }
}
