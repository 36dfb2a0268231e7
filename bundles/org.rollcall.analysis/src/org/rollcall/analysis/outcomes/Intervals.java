package org.rollcall.analysis.outcomes;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/** 95% intervals for the statistics the outcome tables publish, each by the textbook method its Javadoc names. */
final class Intervals {

    static final double LEVEL = 0.95;

    /** The standard normal quantile of a two-sided 95% interval (1.96). */
    static final double Z = new NormalDistribution().inverseCumulativeProbability(1 - (1 - LEVEL) / 2);

    /** A low and a high bound; NaN bounds where there is too little data for an interval. */
    record Interval(double low, double high) {

        static final Interval NONE = new Interval(Double.NaN, Double.NaN);

        boolean contains(double value) {
            return low <= value && value <= high;
        }
    }

    private Intervals() {
    }

    /** The two-sided 95% quantile of Student's t with {@code df} degrees of freedom. */
    static double t(double df) {
        return new TDistribution(df).inverseCumulativeProbability(1 - (1 - LEVEL) / 2);
    }

    /** The t interval of a mean (n - 1 degrees of freedom). */
    static Interval mean(double mean, double standardDeviation, long n) {
        if (n < 2) {
            return Interval.NONE;
        }
        double half = t(n - 1) * standardDeviation / Math.sqrt(n);
        return new Interval(mean - half, mean + half);
    }

    /** Wilson's score interval of a proportion (Wilson 1927), in percent; sound near 0% and 100%, unlike the Wald interval. */
    static Interval wilsonPercent(long successes, long n) {
        if (n == 0) {
            return Interval.NONE;
        }
        double p = (double) successes / n;
        double z2 = Z * Z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
        return new Interval(100 * Math.max(0, centre - half), 100 * Math.min(1, centre + half));
    }

    /** Pearson's r through Fisher's z transformation: atanh(r) +- 1.96 / sqrt(n - 3). */
    static Interval pearson(double r, long n) {
        return fisher(r, n, 1.0);
    }

    /**
     * Spearman's rho through Fisher's z with the variance 1.06 / (n - 3) that Fieller, Hartley and Pearson (1957)
     * give for rank correlations.
     */
    static Interval spearman(double rho, long n) {
        return fisher(rho, n, 1.06);
    }

    private static Interval fisher(double r, long n, double varianceFactor) {
        if (n < 4 || Double.isNaN(r)) {
            return Interval.NONE;
        }
        double z = atanh(Math.max(-0.999999, Math.min(0.999999, r)));
        double half = Z * Math.sqrt(varianceFactor / (n - 3));
        return new Interval(Math.tanh(z - half), Math.tanh(z + half));
    }

    private static double atanh(double x) {
        return 0.5 * Math.log((1 + x) / (1 - x));
    }
}
