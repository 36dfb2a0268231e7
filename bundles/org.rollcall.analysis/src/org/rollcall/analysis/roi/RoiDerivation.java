package org.rollcall.analysis.roi;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import org.rollcall.model.Table;
import org.rollcall.store.spi.Derivation;
import org.rollcall.store.spi.DerivationProgress;

/**
 * Intervention ROI (issue 12; docs/rules.md section 7), computed at every import: for each intervention and school
 * year, the participants against the control group the district recorded (randomized) or against matched
 * non-participants, the difference in differences of the daily absence rate with seeded bootstrap intervals, the
 * baseline balance, the monthly rates and the LCFF dollars. Reads the canonical tables, never workspace_info (so
 * nothing of a synthetic district's planted truth).
 */
public final class RoiDerivation implements Derivation {

    @Override
    public String name() {
        return "intervention-roi";
    }

    @Override
    public List<Table> tables() {
        return RoiTables.ALL;
    }

    @Override
    public void fill(Connection connection, DerivationProgress progress) throws SQLException {
        progress.report("Intervention ROI: reading attendance", 0, -1);
        RoiData data = RoiData.load(connection, progress);
        List<Analysis> analyses = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>();
        for (RoiData.Assignment a : data.participants) {
            if (data.interventions.containsKey(a.interventionId())) {
                keys.add(String.format("%012d|%s", a.interventionId(), a.schoolYear()));
            }
        }
        int done = 0;
        for (String key : keys) {
            progress.report("Intervention ROI: matching and bootstrapping", done++, keys.size());
            int id = Integer.parseInt(key.substring(0, 12));
            Analysis analysis = new Analysis(data, data.interventions.get(id), key.substring(13));
            analysis.run();
            analyses.add(analysis);
        }
        write(connection, analyses);
        progress.report("Intervention ROI: done", keys.size(), keys.size());
    }

    private static void write(Connection c, List<Analysis> analyses) throws SQLException {
        try (PreparedStatement effects = c.prepareStatement(insert(RoiTables.EFFECTS));
                PreparedStatement balance = c.prepareStatement(insert(RoiTables.BALANCE));
                PreparedStatement monthly = c.prepareStatement(insert(RoiTables.MONTHLY))) {
            for (Analysis a : analyses) {
                Double baseline = a.baselineBalance();
                Estimate.Figures f = a.point;
                Double costPerDay = f == null || f.daysPerParticipant() <= 0 ? null
                        : f.costTotal() / (f.daysPerParticipant() * f.participants());
                set(effects, a.intervention.id(), a.intervention.name(), a.year, a.participants,
                        a.unmatched + a.notEnrolled, a.comparisonStudents, a.design, baseline, verdict(a, baseline),
                        f == null ? null : f.relative(), low(a.relative), high(a.relative),
                        f == null ? null : f.daysPerParticipant(), low(a.days), high(a.days),
                        f == null ? null : f.chronicChange(), low(a.chronic), high(a.chronic),
                        f == null ? null : f.naive(), a.participants * a.intervention.costPerStudent(),
                        f == null || a.ratesYear == null ? null : f.dollars(),
                        a.ratesYear == null ? null : low(a.dollars), a.ratesYear == null ? null : high(a.dollars),
                        f == null || a.ratesYear == null ? null : f.net(),
                        a.ratesYear == null ? null : low(a.net), a.ratesYear == null ? null : high(a.net),
                        costPerDay, p2Note(a), method(a), summary(a, baseline, costPerDay));
                effects.executeUpdate();
                for (Balance.Row row : a.balance) {
                    set(balance, a.intervention.id(), a.year, row.covariate(), row.participantMean(), row.before(),
                            row.after(), row.diffBefore(), row.diffAfter(), row.verdict());
                    balance.executeUpdate();
                }
                for (Analysis.Month m : a.months) {
                    set(monthly, a.intervention.id(), a.year, m.month(), m.monthStart().toString(),
                            a.medianStart.toString(), m.participantDays(), m.participantRate(), m.comparisonDays(),
                            m.comparisonRate());
                    monthly.executeUpdate();
                }
            }
        }
    }

    private static String insert(Table table) {
        return "INSERT INTO " + table.name() + " (" + String.join(", ", table.columnNames()) + ") VALUES ("
                + String.join(", ", java.util.Collections.nCopies(table.columns().size(), "?")) + ")";
    }

    private static void set(PreparedStatement p, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null || (v instanceof Double d && !Double.isFinite(d))) {
                p.setNull(i + 1, Types.NULL);
            } else {
                p.setObject(i + 1, v);
            }
        }
    }

    private static Double low(Estimate.Interval i) {
        return i == null || Double.isNaN(i.low()) ? null : i.low();
    }

    private static Double high(Estimate.Interval i) {
        return i == null || Double.isNaN(i.high()) ? null : i.high();
    }

    /** WWC asks baseline equivalence of comparison-group designs; a randomized trial with low attrition needs none. */
    static String verdict(Analysis a, Double baseline) {
        return "randomized".equals(a.design) ? "randomized" : Balance.verdict(baseline);
    }

    static String p2Note(Analysis a) {
        String rates = a.ratesNote == null ? "" : " " + a.ratesNote;
        if (a.point == null) {
            return rates.strip();
        }
        return String.format(Locale.ROOT, "%d%% of the participants' days from the start date fall inside the P-2 "
                + "window (July 1-April 15) and count for LCFF funding; the rest earn nothing.%s",
                Math.round(100 * a.point.p2Share()), rates);
    }

    static String method(Analysis a) {
        StringBuilder m = new StringBuilder();
        if ("randomized".equals(a.design)) {
            m.append("Randomized: the participants are compared with the control group the district recorded in "
                    + "intervention_controls (eligible, drawn at random, not treated), each control from its recorded "
                    + "start date; no matching is needed. ");
        } else {
            m.append("Matched comparison: each participant is matched, with replacement, to up to ")
                    .append(Matcher.NEIGHBOURS).append(" non-participants enrolled on its start date, exactly on "
                    + "school level, LCFF grade span, the Dashboard groups (EL, SED, SWD, foster, homeless), the other "
                    + "interventions already begun and whether a prior year is on record, and nearest in "
                    + "Mahalanobis distance on the year-to-date absence rate at the start date and the prior year's "
                    + "rate, within a caliper of ").append(Matcher.CALIPER).append(" (Mahalanobis rather than a "
                    + "propensity score: students are picked on these rates, and matching on them directly balances "
                    + "them best). Students who join another intervention later stay in the pool: leaving them out "
                    + "would select on what happened after the start. Each comparison student takes its match's "
                    + "start date. ");
            if (a.relaxed > 0) {
                m.append(a.relaxed).append(" participants had no one that close in their exact group and were "
                        + "matched with a doubled caliper, across the grade spans of their school level, or on the "
                        + "year-to-date rate alone. ");
            }
            if (a.unmatched > 0) {
                m.append(a.unmatched).append(" participants had no comparable student (the student groups are "
                        + "never relaxed) and are left out. ");
            }
        }
        if (a.notEnrolled > 0) {
            m.append(a.notEnrolled).append(" participants were not enrolled on their start date with 20 days before "
                    + "it and are left out. ");
        }
        m.append("Estimate: the difference in differences of the daily absence rate (absences over days enrolled, "
                + "pooled), from the start of the year to the start date against from the start date to the end of "
                + "the year, participants against comparison students; the relative effect divides it by the "
                + "counterfactual rate (the participants' rate before plus the comparison group's change); days "
                + "gained = minus the difference in differences times the participants' days after the start. ");
        if (a.point != null) {
            boolean matched = "matched".equals(a.design);
            if (a.bySchool) {
                m.append("Intervals: ").append(Estimate.REPLICATES).append(" seeded bootstrap replicates over the ")
                        .append(a.schools).append(" schools (a school with its participants and comparison "
                        + "students), percentile 95% intervals, so that they allow for students of a school being "
                        + "alike. ");
            } else {
                m.append("Intervals: ").append(Estimate.REPLICATES).append(" seeded bootstrap replicates, percentile "
                        + "95% intervals. With only ").append(a.schools).append(a.schools == 1 ? " school" : " schools")
                        .append(" a bootstrap over schools would be too narrow (it needs about ")
                        .append(Estimate.MINIMUM_CLUSTERS).append("), so participants and comparison students are "
                        + "resampled within their school instead: the interval does not allow for a shock shared "
                        + "by a whole school, and can be too narrow where schools run the intervention "
                        + "differently. ");
            }
            if (matched) {
                m.append("Participants and comparison students are resampled as the two samples they are, a "
                        + "comparison student matched to several participants once with its whole weight; the "
                        + "matches themselves are held fixed. ");
            }
        }
        m.append("Money: days gained inside the P-2 window (July 1-April 15), divided by the year's instructional "
                + "days, times the LCFF base grant plus grade-span adjustment per ADA of the participant's grade span "
                + "(lcff_rates, editable: an assumption, not a promise); cost = participants times the cost per "
                + "student. Under the LCFF hold-harmless rule a district is funded on the greatest of its current-year, "
                + "prior-year or three-prior-year-average ADA, so a gain in attendance may add no money this year "
                + "(and a basic-aid district gains no state aid).");
        return m.toString();
    }

    static String summary(Analysis a, Double baseline, Double costPerDay) {
        String head = a.intervention.name() + " " + a.year + ": ";
        if (a.point == null) {
            return head + "not estimated (" + a.participants + " participants analysed, " + a.comparisonStudents
                    + " comparison students).";
        }
        String against = "randomized".equals(a.design) ? "than the control group" : "than matched students";
        double r = a.point.relative();
        StringBuilder s = new StringBuilder(head);
        s.append(percent(Math.abs(r))).append(r <= 0 ? " fewer absences " : " more absences ").append(against);
        Double lo = low(a.relative);
        Double hi = high(a.relative);
        if (lo != null && hi != null) {
            if (hi <= 0) {
                s.append(" (95% CI ").append(percent(-hi)).append("\u2013").append(percent(-lo)).append(')');
            } else if (lo >= 0) {
                s.append(" (95% CI ").append(percent(lo)).append("\u2013").append(percent(hi)).append(" more)");
            } else {
                s.append(" (95% CI ").append(percent(-lo)).append(" fewer to ").append(percent(hi)).append(" more)");
            }
        }
        s.append(String.format(Locale.ROOT, ", %.1f days per participant", a.point.daysPerParticipant()));
        if (costPerDay != null) {
            s.append(String.format(Locale.ROOT, ", $%,.0f per day gained", costPerDay));
        } else {
            s.append(", no days gained");
        }
        if (baseline != null && "randomized".equals(a.design)) {
            s.append(String.format(Locale.ROOT, "; randomized (largest baseline difference %.2f)", baseline));
        } else if (baseline != null) {
            s.append(String.format(Locale.ROOT, "; balance %s (largest difference %.2f)", Balance.verdict(baseline),
                    baseline));
        }
        return s.toString();
    }

    private static String percent(double share) {
        return Math.round(100 * share) + "%";
    }
}
