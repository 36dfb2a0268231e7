package org.rollcall.store;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.rollcall.model.CanonicalSchema;
import org.rollcall.model.Column;
import org.rollcall.model.ColumnType;
import org.rollcall.model.ForeignKey;
import org.rollcall.model.Table;
import org.rollcall.store.metrics.MetricView;
import org.rollcall.store.metrics.MetricViews;

/** Turns the canonical schema into SQLite DDL. */
final class SqliteDdl {

    /** Tables whose rows are only ever found by their full key are stored clustered on it. */
    private static final List<Table> CLUSTERED = List.of(CanonicalSchema.DAILY_ATTENDANCE,
            CanonicalSchema.ATTENDANCE_SUMMARY);

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
        ddl.add("CREATE UNIQUE INDEX students_by_ssid ON students(ssid)");
        for (MetricView view : MetricViews.ALL) {
            ddl.add(view.ddl());
        }
        return ddl;
    }

    static String createTable(Table table) {
        List<String> parts = new ArrayList<>();
        for (Column column : table.columns()) {
            parts.add(column.name() + " " + sqlType(column.type()) + (column.nullable() ? "" : " NOT NULL"));
        }
        parts.add("PRIMARY KEY (" + String.join(", ", table.primaryKey()) + ")");
        for (ForeignKey fk : table.foreignKeys()) {
            parts.add("FOREIGN KEY (" + String.join(", ", fk.columns()) + ") REFERENCES " + fk.referencedTable()
                    + " (" + String.join(", ", fk.referencedColumns()) + ")");
        }
        return parts.stream().collect(Collectors.joining(",\n  ", "CREATE TABLE " + table.name() + " (\n  ",
                "\n)" + (CLUSTERED.contains(table) ? " WITHOUT ROWID" : "")));
    }

    /**
     * DATE columns hold ISO-8601 text ('2025-08-14'): it sorts and compares correctly, reads the same in
     * every time zone, and sqlite-jdbc reports the declared type DATE to JDBC metadata.
     */
    static String sqlType(ColumnType type) {
        return switch (type) {
            case INTEGER -> "INTEGER";
            case TEXT -> "TEXT";
            case DATE -> "DATE";
            case DOUBLE -> "DOUBLE";
            case BOOLEAN -> "BOOLEAN";
        };
    }
}
