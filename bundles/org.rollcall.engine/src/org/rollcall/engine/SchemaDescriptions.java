package org.rollcall.engine;

import java.util.Map;
import java.util.Optional;

import org.rollcall.model.CanonicalSchema;
import org.rollcall.model.Column;
import org.rollcall.model.Table;

/** What each table, view and column of the attendance schema means, for JDBC remarks and the workbench. */
public final class SchemaDescriptions {

    /** Columns that views compute rather than copy from a canonical table. */
    private static final Map<String, String> DERIVED_COLUMNS = Map.ofEntries(
            Map.entry("grade_order", "Sort key of the grade: TK = -1, K = 0, then 1 to 12"),
            Map.entry("days_attended", "Days expected less days absent"),
            Map.entry("absence_rate", "Days absent as a percent of days expected"),
            Map.entry("tier", "Attendance Works tier: Satisfactory (<5%), At risk (5-<10%), Moderate chronic "
                    + "(10-<20%), Severe chronic (20%+)"),
            Map.entry("is_chronic", "Absent on 10% or more of the expected days"),
            Map.entry("is_eligible", "Counted in Dashboard/DataQuest rates at this level: 31+ days enrolled, "
                    + "1+ day attended"),
            Map.entry("schools", "Number of schools the student attended in the year"),
            Map.entry("students", "Students with any attendance in the year"),
            Map.entry("eligible_students", "Students counted in the rate (31+ days enrolled, 1+ day attended)"),
            Map.entry("chronic_students", "Eligible students absent on 10% or more of their expected days"),
            Map.entry("chronic_rate", "Chronically absent students as a percent of eligible students, to 0.1"),
            Map.entry("at_risk_students", "Eligible students absent 5% to under 10% of their expected days"),
            Map.entry("severe_chronic_students", "Eligible students absent 20% or more of their expected days"),
            Map.entry("unexcused_share_of_absences", "Unexcused absences as a percent of all absences"));

    private SchemaDescriptions() {
    }

    public static Optional<String> ofTable(String name) {
        return CanonicalSchema.table(name).map(Table::description)
                .or(() -> MetricViews.ALL.stream().filter(v -> v.name().equalsIgnoreCase(name))
                        .map(MetricView::description).findFirst());
    }

    /**
     * A column's description: its own in a canonical table; in a view, the derived meaning or else the
     * description of the canonical column it carries.
     */
    public static Optional<String> ofColumn(String table, String column) {
        Optional<String> own = CanonicalSchema.table(table).flatMap(t -> t.column(column)).map(Column::description);
        if (own.isPresent() || CanonicalSchema.table(table).isPresent()) {
            return own;
        }
        String derived = DERIVED_COLUMNS.get(column.toLowerCase(java.util.Locale.ROOT));
        if (derived != null) {
            return Optional.of(derived);
        }
        return CanonicalSchema.TABLES.stream().flatMap(t -> t.column(column).stream()).map(Column::description)
                .findFirst();
    }
}
