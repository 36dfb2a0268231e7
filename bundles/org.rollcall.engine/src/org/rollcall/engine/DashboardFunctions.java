package org.rollcall.engine;

import org.apache.calcite.linq4j.function.Strict;
import org.rollcall.rules.Dashboard;
import org.rollcall.rules.DashboardChange;
import org.rollcall.rules.DashboardColor;

/**
 * The Dashboard rules as SQL functions a BI tool can call on any counts: {@code dashboard_status},
 * {@code dashboard_change}, {@code dashboard_change_points} and {@code dashboard_color}. Each returns the
 * CDE's own label, or NULL where a count is NULL, a denominator is zero or no level is assigned.
 * Primitive parameters let Calcite convert any integer type; {@link Strict} makes NULL in, NULL out.
 */
public final class DashboardFunctions {

    private DashboardFunctions() {
    }

    /** {@code dashboard_status(curr_numer, curr_denom)}: 'Very High' .. 'Very Low'. */
    @Strict
    public static String status(long currentNumerator, long currentDenominator) {
        return currentDenominator > 0 ? Dashboard.status(currentNumerator, currentDenominator).label() : null;
    }

    /** {@code dashboard_change(curr_numer, curr_denom, prior_numer, prior_denom)}: 'Increased Significantly' .. */
    @Strict
    public static String change(long currentNumerator, long currentDenominator, long priorNumerator,
            long priorDenominator) {
        if (currentDenominator <= 0 || priorDenominator <= 0) {
            return null;
        }
        DashboardChange change = Dashboard.changeLevel(currentNumerator, currentDenominator, priorNumerator,
                priorDenominator);
        return change.label();
    }

    /** {@code dashboard_change_points(curr_numer, curr_denom, prior_numer, prior_denom)}: the change to 0.1. */
    @Strict
    public static Double changePoints(long currentNumerator, long currentDenominator, long priorNumerator,
            long priorDenominator) {
        if (currentDenominator <= 0 || priorDenominator <= 0) {
            return null;
        }
        return Dashboard.change(currentNumerator, currentDenominator, priorNumerator, priorDenominator).doubleValue();
    }

    /** {@code dashboard_color(curr_numer, curr_denom, prior_numer, prior_denom)}: 'Red' .. 'Blue', or NULL. */
    @Strict
    public static String color(long currentNumerator, long currentDenominator, long priorNumerator,
            long priorDenominator) {
        if (currentDenominator <= 0 || priorDenominator <= 0) {
            return null;
        }
        return Dashboard.color(currentNumerator, currentDenominator, priorNumerator, priorDenominator)
                .map(DashboardColor::label).orElse(null);
    }
}
