package org.rollcall.analysis.roi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.stat.correlation.Covariance;
import org.apache.commons.math3.stat.StatUtils;

/**
 * Nearest-neighbour matching with replacement: exact on school level, LCFF grade span, the Dashboard groups (EL,
 * SED, SWD, foster, homeless), the other interventions already begun and whether a prior year is on record; nearest
 * in Mahalanobis distance on the year-to-date absence rate at the start date and the prior year's rate, within a
 * caliper. When no one of a participant's exact cell is inside the caliper, the caliper is doubled, then the grade
 * span is left to the school level, and last the nearest on the year-to-date rate alone is taken (the prior year's
 * rate then shows in the balance table). The student groups are never relaxed (a foster youth matched to a
 * non-foster student would unbalance a rare group at once): a participant still without a match is left out and
 * counted.
 */
final class Matcher {

    static final int NEIGHBOURS = 3;
    /** In standard deviations of the Mahalanobis metric (about 0.25 SD of the year-to-date rate alone). */
    static final double CALIPER = 0.25;
    static final int RELAXATIONS = 4;

    record Match(Profile student, double distance) {
    }

    private record Cell(Profile[] students, double[] rates) {
    }

    private final List<Map<Long, Cell>> cells = new ArrayList<>();
    private final double sdRate;
    private final RealMatrix inverse;
    /** Rate differences beyond CALIPER x this cannot be inside the caliper in either metric. */
    private final double scanSd;

    private final long seed;

    Matcher(List<Profile> pool, List<Profile> treated, long seed) {
        this.seed = seed;
        List<Profile> everyone = new ArrayList<>(pool);
        everyone.addAll(treated);
        double[] rates = everyone.stream().mapToDouble(Profile::ytdRate).toArray();
        double sd = Math.sqrt(StatUtils.variance(rates));
        this.sdRate = sd > 0 ? sd : 1e-3;
        double[][] withPrior = everyone.stream().filter(p -> p.hasPrior).map(p -> new double[] {p.ytdRate(), p.prior})
                .toArray(double[][]::new);
        RealMatrix inv = null;
        if (withPrior.length > 3) {
            RealMatrix cov = new Covariance(withPrior).getCovarianceMatrix();
            if (Math.abs(cov.getEntry(0, 0) * cov.getEntry(1, 1) - cov.getEntry(0, 1) * cov.getEntry(1, 0)) > 1e-12) {
                inv = MatrixUtils.inverse(cov);
            }
        }
        this.inverse = inv;
        this.scanSd = inv == null ? sdRate : Math.max(sdRate, Math.sqrt(new Covariance(withPrior)
                .getCovarianceMatrix().getEntry(0, 0)));
        for (int level = 0; level < RELAXATIONS; level++) {
            Map<Long, List<Profile>> grouped = new HashMap<>();
            for (Profile p : pool) {
                grouped.computeIfAbsent(key(p, level), k -> new ArrayList<>()).add(p);
            }
            Map<Long, Cell> byKey = new HashMap<>();
            grouped.forEach((k, list) -> {
                list.sort(Comparator.comparingDouble(Profile::ytdRate).thenComparingInt(p -> p.student));
                byKey.put(k, new Cell(list.toArray(Profile[]::new), list.stream().mapToDouble(Profile::ytdRate)
                        .toArray()));
            });
            cells.add(byKey);
        }
    }

    /** The exact-match key at a relaxation level: the grade span counts below level 2. */
    static long key(Profile p, int relaxation) {
        long k = p.level;
        k = k * 64 + p.otherInterventions;
        k = k * 2 + (p.hasPrior ? 1 : 0);
        k = k * 8 + (relaxation < 2 ? p.span : 7);
        k = k * 2 + (p.sed ? 1 : 0);
        k = k * 2 + (p.swd ? 1 : 0);
        k = k * 2 + (p.el ? 1 : 0);
        k = k * 2 + (p.foster ? 1 : 0);
        k = k * 2 + (p.homeless ? 1 : 0);
        return k;
    }

    /** Up to {@link #NEIGHBOURS} nearest comparison students inside the caliper, and the relaxation used. */
    Result match(Profile t) {
        for (int level = 0; level < RELAXATIONS; level++) {
            Cell cell = cells.get(level).get(key(t, level));
            if (cell == null) {
                continue;
            }
            List<Match> best = nearest(cell, t, level == 0 || level == 3 ? CALIPER : 2 * CALIPER, level < 3);
            if (!best.isEmpty()) {
                return new Result(best, level);
            }
        }
        return new Result(List.of(), -1);
    }

    record Result(List<Match> matches, int relaxation) {
    }

    private List<Match> nearest(Cell cell, Profile t, double caliper, boolean withPrior) {
        double rate = t.ytdRate();
        int at = java.util.Arrays.binarySearch(cell.rates(), rate);
        if (at < 0) {
            at = -at - 1;
        } else {
            while (at > 0 && cell.rates()[at - 1] == rate) {
                at--;
            }
        }
        List<Match> best = new ArrayList<>(NEIGHBOURS + 1);
        // the distance is at least the rate difference in its own SDs, so the scan stops at the caliper
        for (int i = at; i < cell.rates().length && (cell.rates()[i] - rate) / scanSd <= caliper; i++) {
            offer(best, t, cell.students()[i], caliper, withPrior);
        }
        for (int i = at - 1; i >= 0 && (rate - cell.rates()[i]) / scanSd <= caliper; i--) {
            offer(best, t, cell.students()[i], caliper, withPrior);
        }
        return best;
    }

    private void offer(List<Match> best, Profile t, Profile c, double caliper, boolean withPrior) {
        double d = withPrior ? distance(t, c) : Math.abs(t.ytdRate() - c.ytdRate()) / sdRate;
        if (d > caliper) {
            return;
        }
        Match m = new Match(c, d);
        int i = best.size();
        while (i > 0 && before(m, best.get(i - 1), t)) {
            i--;
        }
        if (i < NEIGHBOURS) {
            best.add(i, m);
            if (best.size() > NEIGHBOURS) {
                best.remove(NEIGHBOURS);
            }
        }
    }

    /** Nearer first; ties (common: rates are ratios of small counts) broken by a seeded hash, not by ID order. */
    private boolean before(Match a, Match b, Profile t) {
        if (a.distance() != b.distance()) {
            return a.distance() < b.distance();
        }
        return tie(a.student(), t) < tie(b.student(), t);
    }

    private long tie(Profile c, Profile t) {
        long h = seed ^ (c.student * 0x9E3779B97F4A7C15L) ^ (t.student * 0xC2B2AE3D27D4EB4FL);
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return h;
    }

    private double distance(Profile t, Profile c) {
        double dr = t.ytdRate() - c.ytdRate();
        if (inverse != null && t.hasPrior && c.hasPrior) {
            double dp = t.prior - c.prior;
            double q = dr * dr * inverse.getEntry(0, 0) + 2 * dr * dp * inverse.getEntry(0, 1)
                    + dp * dp * inverse.getEntry(1, 1);
            return Math.sqrt(Math.max(0, q));
        }
        return Math.abs(dr) / sdRate;
    }
}
