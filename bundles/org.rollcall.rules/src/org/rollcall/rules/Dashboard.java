package org.rollcall.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * The California School Dashboard's chronic absenteeism indicator for one group: status, change and
 * color from the current and prior year's counts (docs/rules.md section 3).
 */
public final class Dashboard {

    /** A group needs at least 30 eligible students to get a color (docs/rules.md section 3). */
    public static final int MINIMUM_STUDENTS_FOR_COLOR = 30;

    /** Groups with fewer students get the safety net: no significant change levels (docs/rules.md section 3). */
    public static final int SAFETY_NET_BELOW = 150;

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Dashboard() {
    }

    /** The unrounded rate in percent; exact to 12 places, enough for every rounding rule here. */
    public static BigDecimal rate(long numerator, long denominator) {
        if (denominator <= 0 || numerator < 0 || numerator > denominator) {
            throw new IllegalArgumentException("a rate needs 0 <= numerator <= denominator and denominator > 0, got "
                    + numerator + "/" + denominator);
        }
        return BigDecimal.valueOf(numerator).multiply(HUNDRED).divide(BigDecimal.valueOf(denominator), 12,
                RoundingMode.HALF_UP);
    }

    /** Status: the current rate rounded to 0.1 (half up, as the CDE publishes). */
    public static BigDecimal statusRate(long numerator, long denominator) {
        return rate(numerator, denominator).setScale(1, RoundingMode.HALF_UP);
    }

    public static DashboardStatus status(long numerator, long denominator) {
        return DashboardStatus.of(statusRate(numerator, denominator));
    }

    /**
     * Change: the difference of the unrounded rates, rounded to 0.1 - not the difference of the rounded
     * rates (checked against published district rows, docs/rules.md section 3).
     */
    public static BigDecimal change(long currentNumerator, long currentDenominator, long priorNumerator,
            long priorDenominator) {
        return rate(currentNumerator, currentDenominator).subtract(rate(priorNumerator, priorDenominator))
                .setScale(1, RoundingMode.HALF_UP);
    }

    /** The change level, with the safety net applied to groups under 150 students. */
    public static DashboardChange changeLevel(long currentNumerator, long currentDenominator, long priorNumerator,
            long priorDenominator) {
        DashboardChange level = DashboardChange.of(change(currentNumerator, currentDenominator, priorNumerator,
                priorDenominator));
        return currentDenominator < SAFETY_NET_BELOW ? level.withoutSignificance() : level;
    }

    /** The color, or empty where the group has fewer than 30 students or no prior year. */
    public static Optional<DashboardColor> color(long currentNumerator, long currentDenominator, long priorNumerator,
            long priorDenominator) {
        if (currentDenominator < MINIMUM_STUDENTS_FOR_COLOR || priorDenominator <= 0) {
            return Optional.empty();
        }
        return Optional.of(DashboardColor.of(status(currentNumerator, currentDenominator),
                changeLevel(currentNumerator, currentDenominator, priorNumerator, priorDenominator)));
    }
}
