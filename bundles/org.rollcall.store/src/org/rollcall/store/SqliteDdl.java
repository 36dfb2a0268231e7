package org.rollcall.store;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.rollcall.model.AttendanceCategory;
import org.rollcall.model.CanonicalSchema;
import org.rollcall.model.Column;
import org.rollcall.model.ForeignKey;
import org.rollcall.model.Table;
import org.rollcall.store.metrics.MetricView;
import org.rollcall.store.metrics.MetricViews;

/** Turns the canonical schema into SQLite DDL. */
final class SqliteDdl {

    /** Tables whose rows are only ever found by their full key are stored clustered on it. */
    private static final List<Table> CLUSTERED = List.of(CanonicalSchema.DAILY_ATTENDANCE,
            CanonicalSchema.ATTENDANCE_SUMMARY, CanonicalSchema.IMPORT_UNDO);

    private SqliteDdl() {
    }

    static List<String> statements() {
        List<String> ddl = new ArrayList<>();
        for (Table table : CanonicalSchema.TABLES) {
            ddl.add(createTable(table));
        }
        ddl.add("CREATE INDEX enrollments_by_school ON enrollments(school_code, school_year)");
        ddl.add("CREATE INDEX enrollments_by_student ON enrollments(student_id, school_year)");
        ddl.add("CREATE INDEX summary_by_school ON attendance_summary(school_code, school_year)");
        // One SIS student number per student; an SSID under two local IDs is a data error the audit reports.
        ddl.add("CREATE UNIQUE INDEX students_by_local_id ON students(local_id)");
        ddl.add("CREATE INDEX students_by_ssid ON students(ssid)");
        // Truancy reads only the unexcused days and tardies: a partial index keeps that a few percent of the table.
        ddl.add("CREATE INDEX daily_truancy_occurrences ON daily_attendance(category) WHERE category IN ('"
                + AttendanceCategory.UNEXCUSED.code() + "', '" + AttendanceCategory.TARDY.code() + "')");
        ddl.add("CREATE INDEX recovery_by_student ON attendance_recovery(student_id, session_date)");
        for (List<Object> row : CanonicalSchema.RECOVERY_MINIMUM_DAY_SEED) {
            ddl.add("INSERT INTO recovery_minimum_day (grade, grade_span, minutes, source) VALUES ('" + row.get(0)
                    + "', '" + row.get(1) + "', " + row.get(2) + ", '" + CanonicalSchema.RECOVERY_MINIMUM_DAY_SOURCE.replace("'", "''")
                    + "')");
        }
        for (List<Object> row : CanonicalSchema.LCFF_RATES_SEED) {
            ddl.add("INSERT INTO lcff_rates (fiscal_year, grade_span, base_grant_per_ada, grade_span_adjustment_per_ada, "
                    + "source) VALUES ('" + row.get(0) + "', '" + row.get(1) + "', " + row.get(2) + ", " + row.get(3)
                    + ", '" + row.get(4).toString().replace("'", "''") + "')");
        }
        for (List<Object> row : CanonicalSchema.OUTCOME_CUT_SCORES_SEED) {
            ddl.add("INSERT INTO outcome_cut_scores (measure, grade, cut_score, level_name, source) VALUES ('"
                    + row.get(0) + "', '" + row.get(1) + "', " + row.get(2) + ", 'Standard Met', '"
                    + CanonicalSchema.OUTCOME_CUT_SCORES_SOURCE.replace("'", "''") + "')");
        }
        for (MetricView view : MetricViews.ALL) {
            ddl.add(view.ddl());
        }
        return ddl;
    }

    static String createTable(Table table) {
        List<String> parts = new ArrayList<>();
        for (Column column : table.columns()) {
            parts.add(column.name() + " " + SqliteTypes.of(column.type()) + (column.nullable() ? "" : " NOT NULL"));
        }
        parts.add("PRIMARY KEY (" + String.join(", ", table.primaryKey()) + ")");
        for (ForeignKey fk : table.foreignKeys()) {
            parts.add("FOREIGN KEY (" + String.join(", ", fk.columns()) + ") REFERENCES " + fk.referencedTable()
                    + " (" + String.join(", ", fk.referencedColumns()) + ")");
        }
        return parts.stream().collect(Collectors.joining(",\n  ", "CREATE TABLE " + table.name() + " (\n  ",
                "\n)" + (CLUSTERED.contains(table) ? " WITHOUT ROWID" : "")));
    }
}
