package org.rollcall.model;

import java.util.List;
import java.util.Optional;

/** A canonical table: its columns, primary key, references and description. */
public record Table(String name, String description, List<Column> columns, List<String> primaryKey,
        List<ForeignKey> foreignKeys) {

    public Table {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        foreignKeys = List.copyOf(foreignKeys);
    }

    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equalsIgnoreCase(columnName)).findFirst();
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }
}
