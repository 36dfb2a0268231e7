package org.rollcall.sources.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.rollcall.sources.DatabaseSource;
import org.rollcall.sources.Entity;
import org.rollcall.sources.Mapping;
import org.rollcall.sources.RecordSink;
import org.rollcall.sources.SourceAdapter;
import org.rollcall.sources.SourceException;
import org.rollcall.sources.SourceInput;

/**
 * A database read over JDBC: the mapping's {@code query:} runs against it and its fields name result-set columns
 * as a delimited mapping's name header columns (ignoring case, spaces and punctuation), or number them from 1.
 * Rows are numbered from 1 in the order the query returns them; that number is the "line" quarantine reports,
 * so a query meant to be re-read should say ORDER BY. The connection is read-only and the whole query runs in one
 * read-only transaction, rolled back at the end: an import never writes to the source. Rows are fetched in
 * batches, so a large table streams instead of filling memory. Descriptors and other lookups belong in the
 * query (joins), not here.
 */
public final class JdbcAdapter implements SourceAdapter {

    /** Rows fetched per round trip (PostgreSQL streams with a cursor when autocommit is off). */
    static final int FETCH_SIZE = 5_000;
    private static final int PROGRESS_EVERY = 20_000;

    @Override
    public String name() {
        return Mapping.JDBC;
    }

    @Override
    public String description() {
        return "A database over JDBC (--database URL): each mapping's query, fields by result-set column";
    }

    @Override
    public void read(SourceInput input, RecordSink sink) {
        Mapping mapping = input.mapping();
        if (!input.isDatabase()) {
            throw new SourceException(input.name() + ": the jdbc adapter reads a database, not a file; give "
                    + "--database URL and the mapping");
        }
        if (mapping.query() == null) {
            throw new SourceException("Mapping " + mapping.name() + " has no query: for the jdbc adapter, say what "
                    + "to read with query: SELECT ...");
        }
        DatabaseSource database = input.database();
        try (Connection connection = connect(database)) {
            try {
                connection.setReadOnly(true);
                connection.setAutoCommit(false);
                read(input, mapping, connection, sink);
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new SourceException(input.name() + ": " + database.scrub(e.getMessage()));
        }
    }

    private static void read(SourceInput input, Mapping mapping, Connection connection, RecordSink sink)
            throws SQLException {
        DatabaseSource database = input.database();
        Entity entity = mapping.entity();
        try (Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            statement.setFetchSize(FETCH_SIZE);
            ResultSet results;
            try {
                results = statement.executeQuery(mapping.query());
            } catch (SQLException e) {
                throw new SourceException(input.name() + ": the query of mapping " + mapping.name() + " failed: "
                        + database.scrub(e.getMessage()));
            }
            try (ResultSet rs = results) {
                Layout layout = new Layout(input, mapping, rs.getMetaData());
                sink.fields(entity, layout.fields);
                long row = 0;
                try {
                    while (rs.next()) {
                        row++;
                        sink.record(entity, row, layout.values(rs));
                        if (row % PROGRESS_EVERY == 0) {
                            sink.progress(row, 0);
                        }
                    }
                } catch (SQLException e) {
                    throw new SourceException(input.name() + " row " + (row + 1) + ": reading the result of the "
                            + "query failed after " + row + " rows: " + database.scrub(e.getMessage()));
                }
                sink.progress(row, row);
            }
        }
    }

    /** Opens the database with the source's account; the URL's own properties apply too. */
    private static Connection connect(DatabaseSource database) {
        try {
            DriverManager.getDriver(database.url());
        } catch (SQLException noDriver) {
            throw new SourceException("No JDBC driver here reads " + database.redactedUrl() + "; RollCall ships "
                    + "PostgreSQL's (jdbc:postgresql://host:5432/database); put another driver's jar in lib/");
        }
        Properties properties = new Properties();
        if (database.user() != null) {
            properties.setProperty("user", database.user());
        }
        if (database.password() != null) {
            properties.setProperty("password", database.password());
        }
        try {
            return DriverManager.getConnection(database.url(), properties);
        } catch (SQLException e) {
            throw new SourceException("Cannot connect to " + database + ": " + database.scrub(e.getMessage()));
        }
    }

    /** Where each mapped field is among the query's columns. */
    private static final class Layout {
        final List<String> fields = new ArrayList<>();
        private final int[] column;
        private final String[] constants;

        Layout(SourceInput input, Mapping mapping, ResultSetMetaData metadata) throws SQLException {
            List<String> labels = new ArrayList<>();
            for (int c = 1; c <= metadata.getColumnCount(); c++) {
                labels.add(metadata.getColumnLabel(c));
            }
            List<String> comparable = labels.stream().map(Mapping::comparableColumnName).toList();
            column = new int[mapping.fields().size()];
            constants = new String[column.length];
            int i = 0;
            for (Map.Entry<String, Mapping.FieldSource> entry : mapping.fields().entrySet()) {
                fields.add(entry.getKey());
                Mapping.FieldSource source = entry.getValue();
                if (source.isConstant()) {
                    column[i] = -1;
                    constants[i] = source.constant();
                } else if (source.isSlice() || source.isJoin()) {
                    throw new SourceException("Mapping " + mapping.name() + ": fields." + entry.getKey()
                            + ": " + (source.isSlice() ? "start and width are for fixed-width files"
                                    : "join is for delimited files (concatenate in the query)")
                            + "; a query's columns are named or numbered");
                } else if (source.column() != null) {
                    column[i] = comparable.indexOf(Mapping.comparableColumnName(source.column())) + 1;
                    if (column[i] == 0) {
                        throw new SourceException("Mapping " + mapping.name() + " reads " + entry.getKey()
                                + " from column '" + source.column() + "', but the query's result on "
                                + input.name() + " has no such column; it has: " + String.join(", ", labels));
                    }
                } else {
                    column[i] = source.columnNumber();
                    if (column[i] > labels.size()) {
                        throw new SourceException("Mapping " + mapping.name() + " reads " + entry.getKey()
                                + " from column " + column[i] + ", but the query returns " + labels.size()
                                + " columns: " + String.join(", ", labels));
                    }
                }
                i++;
            }
        }

        String[] values(ResultSet rs) throws SQLException {
            String[] values = new String[column.length];
            for (int i = 0; i < column.length; i++) {
                values[i] = column[i] < 0 ? constants[i] : rs.getString(column[i]);
            }
            return values;
        }
    }
}
