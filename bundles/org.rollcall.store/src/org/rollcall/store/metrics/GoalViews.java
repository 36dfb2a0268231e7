package org.rollcall.store.metrics;

import static org.rollcall.model.Column.optional;
import static org.rollcall.model.Column.required;
import static org.rollcall.model.ColumnType.BOOLEAN;
import static org.rollcall.model.ColumnType.DOUBLE;
import static org.rollcall.model.ColumnType.INTEGER;
import static org.rollcall.model.ColumnType.TEXT;
import static org.rollcall.store.metrics.ViewColumns.DEFINITION;
import static org.rollcall.store.metrics.ViewColumns.LEVEL_SCHOOL_CODE;
import static org.rollcall.store.metrics.ViewColumns.REPORTING_LEVEL;
import static org.rollcall.store.metrics.ViewColumns.SCHOOL_YEAR;
import static org.rollcall.store.metrics.ViewColumns.STUDENT_GROUP;

import java.util.List;

import org.rollcall.model.CanonicalSchema;
import org.rollcall.rules.Privacy;

/**
 * Metric values in one long shape and the progress of each goal against them (LCAP State Priority 5,
 * docs/rules.md section 6: baseline, yearly outcomes, target, difference from baseline; suppression of cells of
 * 10 or fewer students).
 */
final class GoalViews {

    static final MetricView METRIC_VALUES = new MetricView("metric_values",
            "Every goal metric in one shape: CHRONIC_ABSENCE_RATE under each definition and ATTENDANCE_RATE "
                    + "(days attended as a percent of days expected), per reporting level, school, year and group.",
            List.of(required("metric", TEXT, "CHRONIC_ABSENCE_RATE or ATTENDANCE_RATE"), DEFINITION, REPORTING_LEVEL,
                    LEVEL_SCHOOL_CODE, SCHOOL_YEAR, STUDENT_GROUP,
                    required("students", INTEGER, "Students the value is computed over"),
                    required("value", DOUBLE, "The metric's value in percent, to 0.1"), ViewColumns.SUPPRESSION),
            """
            SELECT 'CHRONIC_ABSENCE_RATE', r.definition, r.reporting_level, r.school_code, r.school_year,
                   r.student_group, r.eligible_students, r.chronic_rate, r.suppression
              FROM chronic_absence_rates r
            UNION ALL
            SELECT 'ATTENDANCE_RATE', 'ALL', 'DISTRICT', NULL, a.school_year, a.student_group, a.students,
                   ROUND(CAST(a.days_attended AS DOUBLE) * 100 / a.days_expected, 1), a.suppression
              FROM district_group_attendance a
            """);

    static final MetricView GOAL_PROGRESS = new MetricView("goal_progress",
            "Each district or LCAP goal against the district's actual value in each year from its baseline to "
                    + "its target: the difference from baseline and whether the target is met. Values for groups "
                    + "of 10 or fewer students are suppressed, as LCAP metric tables must be.",
            List.of(required("goal_id", INTEGER, "The goal"), column("source"), column("goal_name"), column("metric"),
                    DEFINITION, STUDENT_GROUP, column("baseline_year"), column("baseline_value"),
                    column("target_year"), column("target_value"), SCHOOL_YEAR,
                    optional("students", INTEGER, "Students the actual value is computed over; NULL when suppressed"),
                    optional("actual_value", DOUBLE, "The metric's value that year; NULL when suppressed or no data"),
                    optional("difference_from_baseline", DOUBLE, "Actual value less the baseline, in points"),
                    optional("target_met", BOOLEAN, "Whether the actual value meets the target in its direction"),
                    required("suppressed", BOOLEAN, "True where the value is withheld or there is no data"),
                    ViewColumns.SUPPRESSION),
            """
            SELECT g.goal_id, g.source, g.goal_name, g.metric, g.definition, g.student_group, g.baseline_year,
                   g.baseline_value, g.target_year, g.target_value, y.school_year,
                   %1$s, %2$s, %3$s,
                   %4$s,
                   m.students IS NULL OR m.suppression IS NOT NULL, m.suppression
              FROM goals g
              JOIN school_years y ON y.school_year >= g.baseline_year AND y.school_year <= g.target_year
              LEFT JOIN metric_values m
                ON m.metric = g.metric AND m.reporting_level = 'DISTRICT' AND m.student_group = g.student_group
               AND m.school_year = y.school_year
               AND (m.definition = g.definition OR g.metric = 'ATTENDANCE_RATE')
            """.formatted(Privacy.sqlShown("m.suppression", "m.students"), Privacy.sqlShown("m.suppression", "m.value"),
                    Privacy.sqlShown("m.suppression", "ROUND(m.value - g.baseline_value, 1)"),
                    Privacy.sqlShown("m.suppression", "CASE WHEN g.direction = 'DECREASE' "
                            + "THEN m.value <= g.target_value ELSE m.value >= g.target_value END")));

    static final List<MetricView> ALL = List.of(METRIC_VALUES, GOAL_PROGRESS);

    private GoalViews() {
    }

    private static org.rollcall.model.Column column(String name) {
        return CanonicalSchema.GOALS.column(name).orElseThrow();
    }
}
