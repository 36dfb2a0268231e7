package org.rollcall.store.metrics;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.rollcall.model.Column;

/**
 * A metric view of the store: its name, what it answers, its columns (types and descriptions, as JDBC
 * metadata reports them) and its SQLite query over the canonical tables and earlier views.
 */
public record MetricView(String name, String description, List<Column> columns, String sql) {

    public MetricView {
        columns = List.copyOf(columns);
    }

    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equalsIgnoreCase(columnName)).findFirst();
    }

    /** The CREATE VIEW statement; the column list pins the names whatever the query's expressions are. */
    public String ddl() {
        return "CREATE VIEW " + name + " (" + columns.stream().map(Column::name).collect(Collectors.joining(", "))
                + ") AS\n" + sql;
    }
}
