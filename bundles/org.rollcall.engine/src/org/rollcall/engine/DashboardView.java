package org.rollcall.engine;

import static org.rollcall.model.Column.optional;
import static org.rollcall.model.Column.required;
import static org.rollcall.model.ColumnType.BOOLEAN;
import static org.rollcall.model.ColumnType.DOUBLE;
import static org.rollcall.model.ColumnType.INTEGER;
import static org.rollcall.model.ColumnType.TEXT;

import java.util.List;

import org.rollcall.rules.Privacy;
import org.rollcall.store.metrics.MetricView;
import org.rollcall.store.metrics.MetricViews;

/**
 * The California School Dashboard chronic absenteeism indicator as a view. It is a Calcite view, not a store
 * view, because status, change and color come from the rule functions ({@link DashboardFunctions}), which
 * compute change from the unrounded rates exactly; the counts underneath, this year's beside the prior year's,
 * are kept in the store's materialized dashboard_counts, so the view is one scan.
 */
final class DashboardView {

    static final MetricView VIEW = new MetricView("dashboard_chronic_absence",
            "The California School Dashboard chronic absenteeism indicator for the district and each school and "
                    + "student group: status (rate to 0.1), change from the prior year's unrounded rate, and color "
                    + "(30+ students; safety net under 150). Suppressed as chronic_absence_published is: groups of 10 "
                    + "or fewer students and the cells that would let a reader compute them by subtraction.",
            List.of(column("reporting_level"), column("school_code"), column("school_year"), column("student_group"),
                    optional("eligible_students", INTEGER, "Students counted by the Dashboard definition (TK-8, 31+ "
                            + "days, 1+ attended); NULL when suppressed"),
                    optional("chronic_students", INTEGER, "Counted students chronically absent; NULL when suppressed"),
                    optional("status_rate", DOUBLE, "Dashboard status: the chronic absenteeism rate rounded to 0.1"),
                    optional("status", TEXT, "Status level: Very High, High, Medium, Low or Very Low"),
                    optional("change_points", DOUBLE, "Change from the prior year's unrounded rate, to 0.1 points; "
                            + "NULL when this or the prior year's cell is withheld"),
                    optional("change_level", TEXT, "Change level, with the safety net under 150 students"),
                    optional("color", TEXT, "Red, Orange, Yellow, Green or Blue; NULL under 30 students or without "
                            + "a prior year"),
                    required("suppressed", BOOLEAN, "True where the cell's numbers are withheld: see suppression"),
                    column("suppression")),
            """
            SELECT c.reporting_level, c.school_code, c.school_year, c.student_group,
                   %1$s AS eligible_students,
                   %2$s AS chronic_students,
                   %3$s AS status_rate,
                   %4$s AS status,
                   %5$s AS change_points,
                   %6$s AS change_level,
                   %7$s AS color,
                   c.suppression IS NOT NULL AS suppressed,
                   c.suppression
              FROM dashboard_counts c
            """.formatted(
                    shown("c.eligible_students"), shown("c.chronic_students"), shown("c.chronic_rate"),
                    shown("dashboard_status(c.chronic_students, c.eligible_students)"),
                    shownWithPrior("dashboard_change_points(c.chronic_students, c.eligible_students, "
                            + "c.prior_chronic_students, c.prior_eligible_students)"),
                    shownWithPrior("dashboard_change(c.chronic_students, c.eligible_students, c.prior_chronic_students, "
                            + "c.prior_eligible_students)"),
                    shownWithPrior("dashboard_color(c.chronic_students, c.eligible_students, c.prior_chronic_students, "
                            + "c.prior_eligible_students)")));

    private DashboardView() {
    }

    private static String shown(String value) {
        return Privacy.sqlShown("c.suppression", value);
    }

    /**
     * Change and color also need the prior year's cell to be published: this year's rate less the change would
     * otherwise give a withheld prior-year rate away (to 0.1 point, which for 10 or fewer students is the count).
     */
    private static String shownWithPrior(String value) {
        return Privacy.sqlShown("c.prior_suppression", shown(value));
    }

    private static org.rollcall.model.Column column(String name) {
        return MetricViews.view("dashboard_counts").flatMap(v -> v.column(name)).orElseThrow();
    }
}
