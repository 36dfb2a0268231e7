package org.rollcall.analysis.roi;

import static org.rollcall.model.Column.optional;
import static org.rollcall.model.Column.required;
import static org.rollcall.model.ColumnType.DATE;
import static org.rollcall.model.ColumnType.DOUBLE;
import static org.rollcall.model.ColumnType.INTEGER;
import static org.rollcall.model.ColumnType.TEXT;

import java.util.List;

import org.rollcall.model.ForeignKey;
import org.rollcall.model.Table;

/** The tables intervention ROI fills at every import (names fixed by issue 12: reports and BI tools read them). */
public final class RoiTables {

    public static final Table EFFECTS = new Table("intervention_effects",
            "Did the intervention work? One row per intervention and school year: participants against a randomized "
                    + "control group (intervention_controls) or a matched comparison group, the difference in "
                    + "differences of the daily absence rate before and after the start date with 95% intervals, "
                    + "days gained, the change in chronic absence, LCFF dollars (lcff_rates, P-2 window) against cost, "
                    + "and the naive pre/post change beside it (docs/rules.md section 7).",
            List.of(required("intervention_id", INTEGER, "The intervention"),
                    required("intervention_name", TEXT, "Its name"),
                    required("school_year", TEXT, "Academic year"),
                    required("participants", INTEGER, "Participants analysed (enrolled on their start date with 20+ "
                            + "days enrolled before it, and matched)"),
                    required("unmatched_participants", INTEGER, "Participants left out: no comparable student, or "
                            + "not enrolled 20 days before their start"),
                    required("comparison_students", INTEGER, "Distinct control or matched comparison students"),
                    required("design", TEXT, "randomized (the recorded control group) or matched"),
                    optional("baseline_balance", DOUBLE, "Largest absolute standardized baseline difference after "
                            + "matching (Hedges' g or Cox index; intervention_balance has each covariate)"),
                    optional("balance_verdict", TEXT, "WWC: fine (< 0.05), needs adjustment (0.05-0.25), fails (> 0.25); "
                            + "randomized for a randomized design (WWC asks no baseline equivalence of it)"),
                    optional("relative_effect", DOUBLE, "Change in the absence rate against the counterfactual, e.g. "
                            + "-0.30 = 30% fewer absences than without the intervention"),
                    optional("relative_effect_ci_low", DOUBLE, "95% interval, low end"),
                    optional("relative_effect_ci_high", DOUBLE, "95% interval, high end"),
                    optional("days_gained_per_participant", DOUBLE, "Days of attendance gained per participant "
                            + "from the start date to the end of the year"),
                    optional("days_gained_ci_low", DOUBLE, "95% interval, low end"),
                    optional("days_gained_ci_high", DOUBLE, "95% interval, high end"),
                    optional("chronic_change", DOUBLE, "Difference in differences of the share chronically absent "
                            + "(start date to year end), e.g. -0.08 = 8 points fewer"),
                    optional("chronic_change_ci_low", DOUBLE, "95% interval, low end"),
                    optional("chronic_change_ci_high", DOUBLE, "95% interval, high end"),
                    optional("naive_relative_change", DOUBLE, "Participants' own change in absence rate after the "
                            + "start against before (the vendor's pre/post figure, biased)"),
                    optional("cost_total", DOUBLE, "Participants x the intervention's cost per student"),
                    optional("dollars_gained", DOUBLE, "LCFF base grant and grade-span adjustment earned by the days "
                            + "gained inside the P-2 window (days / instructional days x rate of lcff_rates)"),
                    optional("dollars_gained_ci_low", DOUBLE, "95% interval, low end"),
                    optional("dollars_gained_ci_high", DOUBLE, "95% interval, high end"),
                    optional("net_benefit", DOUBLE, "dollars_gained - cost_total"),
                    optional("net_benefit_ci_low", DOUBLE, "95% interval, low end"),
                    optional("net_benefit_ci_high", DOUBLE, "95% interval, high end"),
                    optional("cost_per_day_gained", DOUBLE, "cost_total / days gained by all participants; empty when "
                            + "no days were gained"),
                    optional("p2_note", TEXT, "Which share of the days gained falls inside P-2 and which LCFF rates "
                            + "were used"),
                    required("method_text", TEXT, "The method in plain words: design, matching, estimate, interval, money "
                            + "and the hold-harmless caveat"),
                    required("summary", TEXT, "The result in one plain-language line")),
            List.of("intervention_id", "school_year"),
            List.of(ForeignKey.of("intervention_id", "interventions", "intervention_id")));

    public static final Table BALANCE = new Table("intervention_balance",
            "Baseline balance of each intervention's comparison group, the What Works Clearinghouse way: per "
                    + "covariate the participants' mean, the comparison pool's before matching and the comparison "
                    + "group's after, and the standardized differences (Hedges' g; Cox index for yes/no covariates).",
            List.of(required("intervention_id", INTEGER, "The intervention"),
                    required("school_year", TEXT, "Academic year"),
                    required("covariate", TEXT, "What is compared at the start date"),
                    optional("participant_mean", DOUBLE, "Participants' mean (a share for yes/no covariates)"),
                    optional("comparison_mean_before", DOUBLE, "Mean of every eligible non-participant (randomized: "
                            + "the control group)"),
                    optional("comparison_mean_after", DOUBLE, "Mean of the comparison group as matched (weighted)"),
                    optional("std_diff_before", DOUBLE, "Standardized difference before matching"),
                    optional("std_diff_after", DOUBLE, "Standardized difference after matching"),
                    optional("verdict", TEXT, "fine (< 0.05), needs adjustment (0.05-0.25) or fails (> 0.25), after")),
            List.of("intervention_id", "school_year", "covariate"),
            List.of(ForeignKey.of("intervention_id", "interventions", "intervention_id")));

    public static final Table MONTHLY = new Table("intervention_monthly",
            "The participants' and the comparison group's daily absence rate by month, with the start date to mark "
                    + "on a chart: the picture behind intervention_effects.",
            List.of(required("intervention_id", INTEGER, "The intervention"),
                    required("school_year", TEXT, "Academic year"),
                    required("month", TEXT, "Calendar month, YYYY-MM"),
                    required("month_start", DATE, "First day of the month"),
                    required("start_date", DATE, "The participants' usual (median) start date"),
                    required("participant_days", INTEGER, "Days enrolled of the participants in the month"),
                    optional("participant_absence_rate", DOUBLE, "Their absences / days enrolled"),
                    required("comparison_days", DOUBLE, "Days enrolled of the comparison group (weighted as matched)"),
                    optional("comparison_absence_rate", DOUBLE, "Its absences / days enrolled")),
            List.of("intervention_id", "school_year", "month"),
            List.of(ForeignKey.of("intervention_id", "interventions", "intervention_id")));

    public static final List<Table> ALL = List.of(EFFECTS, BALANCE, MONTHLY);

    private RoiTables() {
    }
}
