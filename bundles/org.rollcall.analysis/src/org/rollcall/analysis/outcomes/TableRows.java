package org.rollcall.analysis.outcomes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

import org.rollcall.model.Table;
import org.rollcall.rules.CellSuppression;

/** Inserts rows into a derived table in its column order; NaN and infinite numbers are stored as NULL. */
final class TableRows implements AutoCloseable {

    private final PreparedStatement insert;
    private final int columns;

    TableRows(Connection connection, Table table) throws SQLException {
        this.columns = table.columns().size();
        this.insert = connection.prepareStatement("INSERT INTO " + table.name() + " (" + String.join(", ",
                table.columnNames()) + ") VALUES (" + String.join(", ", Collections.nCopies(columns, "?")) + ")");
    }

    void add(Object... values) throws SQLException {
        if (values.length != columns) {
            throw new IllegalArgumentException(columns + " values expected, got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
                value = null;
            }
            insert.setObject(i + 1, value);
        }
        insert.addBatch();
    }

    /** A cell's values followed by its suppressed flag and the reason it is withheld (null where published). */
    void add(List<Object> values, CellSuppression.Reason reason) throws SQLException {
        List<Object> row = new java.util.ArrayList<>(values);
        row.add(reason != null);
        row.add(reason == null ? null : reason.name());
        add(row.toArray());
    }

    @Override
    public void close() throws SQLException {
        try {
            insert.executeBatch();
        } finally {
            insert.close();
        }
    }

    /** The value when the cell is published, else NULL. */
    static Object shown(boolean suppressed, Object value) {
        return suppressed ? null : value;
    }

    /** The values, each NULL when the cell is withheld. */
    static List<Object> shown(boolean suppressed, List<Object> values) {
        return suppressed ? Collections.nCopies(values.size(), null) : values;
    }
}
