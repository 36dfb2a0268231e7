package org.rollcall.analysis.outcomes;

import static org.rollcall.model.Column.optional;
import static org.rollcall.model.Column.required;
import static org.rollcall.model.ColumnType.BOOLEAN;
import static org.rollcall.model.ColumnType.DOUBLE;
import static org.rollcall.model.ColumnType.INTEGER;
import static org.rollcall.model.ColumnType.TEXT;

import java.util.List;

import org.rollcall.model.Column;
import org.rollcall.model.ForeignKey;
import org.rollcall.model.Table;

/** The tables of the attendance-outcome analysis, with the fixed names and columns reports and BI tools rely on. */
public final class OutcomeTables {

    /** Said in every table and every line of output: the data show an association, not what absence causes. */
    public static final String ASSOCIATION_NOT_EFFECT = "association, not effect: students who miss more school differ "
            + "in other ways too, so this is not what attending more would change";

    private static final Column MEASURE = required("measure", TEXT, "The outcome measure (outcomes.measure)");
    private static final Column SCHOOL_YEAR = required("school_year", TEXT, "Academic year of the outcome and of the "
            + "attendance it is set against");
    private static final Column SUPPRESSED = required("suppressed", BOOLEAN, "True where the cell is withheld "
            + "(10 or fewer students, or needed to keep such a cell from being computed by subtraction): its numbers "
            + "are NULL");
    private static final Column SUPPRESSION = optional("suppression", TEXT, "Why the cell is withheld: PRIMARY (10 or "
            + "fewer students) or COMPLEMENTARY; NULL where published");
    private static final ForeignKey YEAR = ForeignKey.of("school_year", "school_years", "school_year");

    public static final Table OUTCOMES_BY_ATTENDANCE_TIER = new Table("outcomes_by_attendance_tier",
            "Outcomes by Attendance Works tier (docs/rules.md section 1) per measure and year: students, mean with its "
                    + "95% interval, and the share meeting the cut score (outcome_cut_scores) with Wilson's interval. "
                    + "Students with an outcome and 31+ days expected in the district that year, tiered by their "
                    + "district-level share of days absent (district_student_year). Publishable: cells of 10 or fewer "
                    + "students, and those that would reveal them, are NULL and flagged. " + cap(ASSOCIATION_NOT_EFFECT)
                    + ".",
            List.of(MEASURE, SCHOOL_YEAR,
                    required("tier", TEXT, "Satisfactory (under 5% absent), At risk (5% to under 10%), Moderate chronic "
                            + "(10% to under 20%) or Severe chronic (20% or more)"),
                    required("tier_order", INTEGER, "1 Satisfactory .. 4 Severe chronic, for sorting"),
                    optional("students", INTEGER, "Students in the tier with a value of the measure"),
                    optional("mean_value", DOUBLE, "Mean of the measure"),
                    optional("mean_ci_low", DOUBLE, "Low end of the mean's 95% interval (Student's t)"),
                    optional("mean_ci_high", DOUBLE, "High end of the mean's 95% interval"),
                    optional("cut_score_students", INTEGER, "Students whose grade has a cut score for the measure; "
                            + "NULL when none has"),
                    optional("meeting_cut_score", INTEGER, "Of those, students at or above the cut score"),
                    optional("share_meeting_cut_score", DOUBLE, "Percent of cut_score_students meeting the cut score"),
                    optional("share_ci_low", DOUBLE, "Low end of the share's 95% Wilson interval, in percent"),
                    optional("share_ci_high", DOUBLE, "High end of the share's 95% Wilson interval, in percent"),
                    SUPPRESSED, SUPPRESSION),
            List.of("measure", "school_year", "tier"), List.of(YEAR));

    public static final Table ATTENDANCE_OUTCOME_ASSOCIATION = new Table("attendance_outcome_association",
            "How each outcome measure goes with the share of days absent, per year: Pearson and Spearman correlations "
                    + "with 95% intervals, and the slope in outcome points per percentage point of days absent, raw and "
                    + "adjusted for grade, school and the Dashboard student groups (EL, SED, SWD, foster, homeless, "
                    + "race/ethnicity), with cluster-robust intervals by school. " + cap(ASSOCIATION_NOT_EFFECT) + ".",
            List.of(MEASURE, SCHOOL_YEAR,
                    optional("students", INTEGER, "Students with the measure and 31+ days expected in the district"),
                    optional("schools", INTEGER, "Schools those students attended most (the clusters)"),
                    optional("mean_absence_rate", DOUBLE, "Their mean percent of days absent"),
                    optional("mean_value", DOUBLE, "Their mean value of the measure"),
                    optional("pearson_r", DOUBLE, "Pearson correlation of the measure with percent of days absent"),
                    optional("pearson_ci_low", DOUBLE, "Low end of its 95% interval (Fisher's z)"),
                    optional("pearson_ci_high", DOUBLE, "High end of its 95% interval"),
                    optional("spearman_r", DOUBLE, "Spearman rank correlation"),
                    optional("spearman_ci_low", DOUBLE, "Low end of its 95% interval (Fisher's z, variance 1.06/(n-3))"),
                    optional("spearman_ci_high", DOUBLE, "High end of its 95% interval"),
                    optional("raw_slope", DOUBLE, "Least-squares slope of the measure on percent of days absent, "
                            + "nothing else held equal: outcome points per percentage point of days absent"),
                    optional("raw_slope_ci_low", DOUBLE, "Low end of the raw slope's 95% interval (cluster-robust by school)"),
                    optional("raw_slope_ci_high", DOUBLE, "High end of the raw slope's 95% interval"),
                    optional("adjusted_slope", DOUBLE, "The slope with grade and school fixed effects and the student "
                            + "groups as covariates: points per percentage point of days absent among similar students"),
                    optional("adjusted_slope_ci_low", DOUBLE, "Low end of the adjusted slope's 95% interval"),
                    optional("adjusted_slope_ci_high", DOUBLE, "High end of the adjusted slope's 95% interval"),
                    required("method", TEXT, "How the numbers were computed, in words"),
                    required("interpretation", TEXT, "What the numbers may and may not be read as"),
                    SUPPRESSED),
            List.of("measure", "school_year"), List.of(YEAR));

    public static final Table ATTENDANCE_OUTCOME_BINS = new Table("attendance_outcome_bins",
            "A binned scatter of each measure against percent of days absent per year: the students sorted by absence "
                    + "and cut into 20 groups of (nearly) equal size, with each group's mean absence and mean value. "
                    + "Bins of 10 or fewer students are NULL and flagged. " + cap(ASSOCIATION_NOT_EFFECT) + ".",
            List.of(MEASURE, SCHOOL_YEAR, required("bin", INTEGER, "1 (least absent) to 20 (most absent)"),
                    optional("students", INTEGER, "Students in the bin"),
                    optional("mean_absence_rate", DOUBLE, "Their mean percent of days absent"),
                    optional("mean_value", DOUBLE, "Their mean value of the measure"),
                    SUPPRESSED, SUPPRESSION),
            List.of("measure", "school_year", "bin"), List.of(YEAR));

    public static final Table EARLY_CHRONIC_ABSENCE_GRADE3 = new Table("early_chronic_absence_grade3",
            "Third graders by chronic absence in kindergarten and first grade (chronically absent in both, in one, in "
                    + "neither; each year evaluated at the district level) and the share meeting the grade-3 cut score, "
                    + "with Wilson intervals: the local version of the finding in docs/rules.md section 7. Only third "
                    + "graders whose kindergarten and first-grade years are in the workspace count, so the table is "
                    + "empty until it holds four consecutive years. Cells of 10 or fewer students are NULL and flagged. "
                    + cap(ASSOCIATION_NOT_EFFECT) + ".",
            List.of(MEASURE, required("school_year", TEXT, "Academic year of the grade-3 outcome"),
                    required("chronic_years", INTEGER, "Years of kindergarten and first grade chronically absent: 2, 1, 0"),
                    required("chronic_in_k_and_1", TEXT, "BOTH, ONE or NEITHER"),
                    optional("students", INTEGER, "Third graders with the measure, a cut score and both earlier years"),
                    optional("meeting_cut_score", INTEGER, "Of those, students at or above the grade-3 cut score"),
                    optional("share_meeting_cut_score", DOUBLE, "Percent meeting the cut score"),
                    optional("share_ci_low", DOUBLE, "Low end of the share's 95% Wilson interval, in percent"),
                    optional("share_ci_high", DOUBLE, "High end of the share's 95% Wilson interval, in percent"),
                    SUPPRESSED, SUPPRESSION),
            List.of("measure", "school_year", "chronic_years"), List.of(YEAR));

    public static final List<Table> ALL = List.of(OUTCOMES_BY_ATTENDANCE_TIER, ATTENDANCE_OUTCOME_ASSOCIATION,
            ATTENDANCE_OUTCOME_BINS, EARLY_CHRONIC_ABSENCE_GRADE3);

    private OutcomeTables() {
    }

    private static String cap(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
