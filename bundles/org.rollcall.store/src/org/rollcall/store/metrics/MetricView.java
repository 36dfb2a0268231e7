package org.rollcall.store.metrics;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.rollcall.model.Column;
import org.rollcall.store.SqliteTypes;

/**
 * A metric view of the store: its name, what it answers, its columns (types and descriptions, as JDBC
 * metadata reports them) and its SQLite query over the canonical tables and earlier views. A materialized
 * view is a table that every summary rebuild refills from the query, for views too costly to compute on
 * each read. A suppressed view is a materialized one whose {@code suppression} column its {@link SuppressionRule} fills
 * after every refill (null for views that publish nothing).
 */
public record MetricView(String name, String description, List<Column> columns, String sql, boolean materialized,
        SuppressionRule suppression) {

    public MetricView {
        columns = List.copyOf(columns);
    }

    public MetricView(String name, String description, List<Column> columns, String sql) {
        this(name, description, columns, sql, false, null);
    }

    /** The same view, kept as a table refilled by every summary rebuild. */
    public MetricView materialize() {
        return new MetricView(name, description + " (Kept current by every import.)", columns, sql, true, suppression);
    }

    /** The same view, materialized, with its {@code suppression} column filled by {@code rule} at every refill. */
    public MetricView suppressedBy(SuppressionRule rule) {
        return new MetricView(name, description, columns, sql, false, rule).materialize();
    }

    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equalsIgnoreCase(columnName)).findFirst();
    }

    /**
     * The CREATE VIEW statement (the column list pins the names whatever the query's expressions are), or
     * for a materialized view the CREATE TABLE it is refilled into.
     */
    public String ddl() {
        if (materialized) {
            return columns.stream().map(c -> c.name() + " " + SqliteTypes.of(c.type()))
                    .collect(Collectors.joining(", ", "CREATE TABLE " + name + " (", ")"));
        }
        return "CREATE VIEW " + name + " (" + columns.stream().map(Column::name).collect(Collectors.joining(", "))
                + ") AS\n" + sql;
    }

    /** For a materialized view: the statement that refills its table. */
    public String refill() {
        return "INSERT INTO " + name + " (" + columns.stream().map(Column::name).collect(Collectors.joining(", "))
                + ")\n" + sql;
    }
}
