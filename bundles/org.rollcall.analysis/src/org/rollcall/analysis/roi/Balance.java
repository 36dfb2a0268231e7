package org.rollcall.analysis.roi;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Baseline balance the What Works Clearinghouse way (docs/rules.md section 7): per covariate the standardized
 * difference between participants and comparison students, Hedges' g for measures and the Cox index for yes/no
 * covariates, before matching (against every eligible non-participant) and after (against the comparison group as
 * matched, weighted). After matching the same pooled standard deviation is used as before, so that the change is a
 * change of means only. Under 0.05 is fine, 0.05 to 0.25 needs statistical adjustment, over 0.25 fails.
 */
final class Balance {

    record Weighted(Profile student, double weight) {
    }

    record Row(String covariate, Double participantMean, Double before, Double after, Double diffBefore,
            Double diffAfter, String verdict) {
    }

    private record Covariate(String name, boolean binary, Function<Profile, Double> value) {
    }

    private static final List<Covariate> COVARIATES = List.of(
            new Covariate("ytd_absence_rate", false, Profile::ytdRate),
            new Covariate("prior_year_absence_rate", false, p -> p.hasPrior ? p.prior : null),
            new Covariate("days_enrolled_before_start", false, p -> (double) p.preDays()),
            new Covariate("grade", false, p -> p.grade == Integer.MIN_VALUE ? null : (double) p.grade),
            new Covariate("english_learner", true, p -> flag(p.el)),
            new Covariate("socioeconomically_disadvantaged", true, p -> flag(p.sed)),
            new Covariate("students_with_disabilities", true, p -> flag(p.swd)),
            new Covariate("foster_youth", true, p -> flag(p.foster)),
            new Covariate("homeless_youth", true, p -> flag(p.homeless)),
            new Covariate("elementary_school", true, p -> flag(p.level == 0)),
            new Covariate("middle_school", true, p -> flag(p.level == 1)),
            new Covariate("high_school", true, p -> flag(p.level == 2)),
            new Covariate("prior_year_on_record", true, p -> flag(p.hasPrior)),
            new Covariate("in_another_intervention", true, p -> flag(p.otherIntervention)));

    private Balance() {
    }

    private static Double flag(boolean b) {
        return b ? 1.0 : 0.0;
    }

    static String verdict(Double diff) {
        if (diff == null) {
            return null;
        }
        double d = Math.abs(diff);
        return d < 0.05 ? "fine" : d <= 0.25 ? "needs adjustment" : "fails";
    }

    static List<Row> table(List<Profile> treated, List<Weighted> pool, List<Weighted> matched) {
        List<Row> rows = new ArrayList<>();
        for (Covariate c : COVARIATES) {
            double[] t = moments(treated.stream().map(p -> new Weighted(p, 1)).toList(), c.value());
            double[] b = moments(pool, c.value());
            double[] a = moments(matched, c.value());
            if (t[0] == 0 || b[0] == 0) {
                continue;
            }
            double nt = t[0];
            double nc = b[0];
            double pooled = nt + nc > 2 ? Math.sqrt(((nt - 1) * t[2] + (nc - 1) * b[2]) / (nt + nc - 2)) : 0;
            double omega = nt + nc > 3 ? 1 - 3 / (4 * (nt + nc) - 9) : 1;
            Double before = difference(c.binary(), t[1], b[1], pooled, omega);
            Double after = a[0] == 0 ? null : difference(c.binary(), t[1], a[1], pooled, omega);
            rows.add(new Row(c.name(), t[1], b[1], a[0] == 0 ? null : a[1], before, after, verdict(after)));
        }
        return rows;
    }

    private static Double difference(boolean binary, double mt, double mc, double pooled, double omega) {
        if (mt == mc) {
            return 0.0;
        }
        if (binary && mt > 0 && mt < 1 && mc > 0 && mc < 1) {
            // Cox index: the difference in log odds over 1.65 (WWC Procedures and Standards Handbook)
            return omega * (Math.log(mt / (1 - mt)) - Math.log(mc / (1 - mc))) / 1.65;
        }
        return pooled > 0 ? omega * (mt - mc) / pooled : null;
    }

    /** Weighted count, mean and (unweighted-count) variance of the non-missing values. */
    private static double[] moments(List<Weighted> list, Function<Profile, Double> value) {
        double w = 0;
        double sum = 0;
        double sq = 0;
        for (Weighted x : list) {
            Double v = value.apply(x.student());
            if (v != null) {
                w += x.weight();
                sum += x.weight() * v;
                sq += x.weight() * v * v;
            }
        }
        if (w == 0) {
            return new double[] {0, 0, 0};
        }
        double mean = sum / w;
        double variance = Math.max(0, sq / w - mean * mean) * (w > 1 ? w / (w - 1) : 1);
        return new double[] {w, mean, variance};
    }
}
