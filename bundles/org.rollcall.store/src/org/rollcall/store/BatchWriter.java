package org.rollcall.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.Collections;
import java.util.stream.Collectors;

import org.rollcall.model.Table;

/** Appends rows to one canonical table with a prepared statement, executed in batches. */
public final class BatchWriter implements AutoCloseable {

    private static final int BATCH_SIZE = 10_000;

    private final Table table;
    private final Connection connection;
    private final PreparedStatement insert;
    private int pending;
    private long written;

    BatchWriter(Connection connection, Table table) throws SQLException {
        this.table = table;
        this.connection = connection;
        String columns = String.join(", ", table.columnNames());
        String marks = String.join(", ", Collections.nCopies(table.columns().size(), "?"));
        this.insert = connection.prepareStatement("INSERT INTO " + table.name() + " (" + columns + ") VALUES ("
                + marks + ")");
        connection.setAutoCommit(false);
    }

    /** Adds one row; values follow the table's column order. Dates may be {@link LocalDate}s. */
    public void add(Object... values) throws SQLException {
        if (values.length != table.columns().size()) {
            throw new IllegalArgumentException(table.name() + " has " + table.columns().size() + " columns ("
                    + table.columnNames().stream().collect(Collectors.joining(", ")) + "), got " + values.length
                    + " values");
        }
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            if (value == null) {
                insert.setNull(i + 1, Types.NULL);
            } else if (value instanceof LocalDate date) {
                insert.setString(i + 1, date.toString());
            } else {
                insert.setObject(i + 1, value);
            }
        }
        insert.addBatch();
        if (++pending == BATCH_SIZE) {
            flush();
        }
    }

    private void flush() throws SQLException {
        if (pending > 0) {
            insert.executeBatch();
            written += pending;
            pending = 0;
        }
    }

    /** Rows handed to the database so far. */
    public long written() {
        return written + pending;
    }

    @Override
    public void close() throws SQLException {
        try {
            flush();
            connection.commit();
        } finally {
            insert.close();
        }
    }
}
