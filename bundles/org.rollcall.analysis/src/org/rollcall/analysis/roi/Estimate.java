package org.rollcall.analysis.roi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.apache.commons.math3.stat.StatUtils;

/**
 * The difference in differences of the daily absence rate and what follows from it, computed from per-unit sums so
 * that a bootstrap replicate is a re-weighting of units. A unit is a participant with its matched comparison students
 * (matched design), or one participant or one control (randomized design).
 */
final class Estimate {

    /** Participant side: count, days and absences before and after the start, chronic at start and at year end,
     * days after the start inside P-2, and the LCFF dollars one unit of absence rate is worth over those days. */
    static final int N = 0;
    static final int PRE_DAYS = 1;
    static final int PRE_ABSENT = 2;
    static final int POST_DAYS = 3;
    static final int POST_ABSENT = 4;
    static final int CHRONIC_START = 5;
    static final int CHRONIC_END = 6;
    static final int P2_DAYS = 7;
    static final int DOLLARS_PER_RATE = 8;
    static final int SIZE = 9;

    static final int REPLICATES = 999;
    /** Fewer schools than this and a school-level bootstrap is too coarse to be trusted (few clusters). */
    static final int MINIMUM_CLUSTERS = 20;

    record Unit(int school, int stratum, double[] treated, double[] comparison) {
    }

    /** The figures of one sample. */
    record Figures(double relative, double daysPerParticipant, double chronicChange, double dollars, double net,
            double naive, double did, double p2Share, double participants, double costTotal) {
    }

    record Interval(double low, double high) {
    }

    static double[] sums(Profile p, double weight, double dollarsPerAda) {
        double[] s = new double[SIZE];
        add(s, p, weight, dollarsPerAda);
        return s;
    }

    static void add(double[] s, Profile p, double weight, double dollarsPerAda) {
        s[N] += weight;
        s[PRE_DAYS] += weight * p.preDays();
        s[PRE_ABSENT] += weight * p.preAbsent();
        s[POST_DAYS] += weight * p.postDays();
        s[POST_ABSENT] += weight * p.postAbsent();
        s[CHRONIC_START] += weight * (p.chronicAtStart() ? 1 : 0);
        s[CHRONIC_END] += weight * (p.chronicAtYearEnd() ? 1 : 0);
        s[P2_DAYS] += weight * p.p2PostDays();
        // ADA = days / instructional days of the year; dollars = ADA x (base grant + grade-span adjustment)
        s[DOLLARS_PER_RATE] += weight * p.p2PostDays() * dollarsPerAda / p.yearDays;
    }

    static Figures figures(double[] t, double[] c, double costPerStudent) {
        double pb = t[PRE_ABSENT] / t[PRE_DAYS];
        double pa = t[POST_ABSENT] / t[POST_DAYS];
        double cb = c[PRE_ABSENT] / c[PRE_DAYS];
        double ca = c[POST_ABSENT] / c[POST_DAYS];
        double did = (pa - pb) - (ca - cb);
        // counterfactual: the participants' own rate before, moved as much as the comparison group's moved
        double counterfactual = pb + (ca - cb);
        double relative = did / counterfactual;
        double days = -did * t[POST_DAYS] / t[N];
        double chronic = (t[CHRONIC_END] - t[CHRONIC_START]) / t[N] - (c[CHRONIC_END] - c[CHRONIC_START]) / c[N];
        double dollars = -did * t[DOLLARS_PER_RATE];
        double cost = t[N] * costPerStudent;
        return new Figures(relative, days, chronic, dollars, dollars - cost, (pa - pb) / pb, did,
                t[POST_DAYS] > 0 ? t[P2_DAYS] / t[POST_DAYS] : 0, t[N], cost);
    }

    static double[] total(List<Unit> units, boolean treated) {
        double[] s = new double[SIZE];
        for (Unit u : units) {
            double[] x = treated ? u.treated() : u.comparison();
            for (int i = 0; i < SIZE; i++) {
                s[i] += x[i];
            }
        }
        return s;
    }

    /** Bootstrap replicates: over schools when there are enough of them, else over units within school strata. */
    static List<Figures> bootstrap(List<Unit> units, double costPerStudent, long seed, boolean bySchool) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<Integer, List<Unit>> groups = new LinkedHashMap<>();
        for (Unit u : units) {
            groups.computeIfAbsent(bySchool ? u.school() : u.stratum(), k -> new ArrayList<>()).add(u);
        }
        List<List<Unit>> strata = new ArrayList<>(groups.values());
        List<Figures> replicates = new ArrayList<>(REPLICATES);
        for (int r = 0; r < REPLICATES; r++) {
            double[] t = new double[SIZE];
            double[] c = new double[SIZE];
            if (bySchool) {
                for (int i = 0; i < strata.size(); i++) {
                    for (Unit u : strata.get(random.nextInt(strata.size()))) {
                        accumulate(t, c, u);
                    }
                }
            } else {
                for (List<Unit> stratum : strata) {
                    for (int i = 0; i < stratum.size(); i++) {
                        accumulate(t, c, stratum.get(random.nextInt(stratum.size())));
                    }
                }
            }
            if (t[N] > 0 && c[N] > 0 && t[PRE_DAYS] > 0 && c[PRE_DAYS] > 0 && t[POST_DAYS] > 0 && c[POST_DAYS] > 0) {
                replicates.add(figures(t, c, costPerStudent));
            }
        }
        return replicates;
    }

    private static void accumulate(double[] t, double[] c, Unit u) {
        for (int i = 0; i < SIZE; i++) {
            t[i] += u.treated()[i];
            c[i] += u.comparison()[i];
        }
    }

    /** The 2.5th and 97.5th percentiles. */
    static Interval percentile(List<Figures> replicates, java.util.function.ToDoubleFunction<Figures> figure) {
        double[] values = replicates.stream().mapToDouble(figure).filter(Double::isFinite).toArray();
        if (values.length < 10) {
            return new Interval(Double.NaN, Double.NaN);
        }
        return new Interval(StatUtils.percentile(values, 2.5), StatUtils.percentile(values, 97.5));
    }

    private Estimate() {
    }
}
