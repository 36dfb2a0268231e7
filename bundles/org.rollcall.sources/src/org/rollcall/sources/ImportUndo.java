package org.rollcall.sources;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.rollcall.model.CanonicalSchema;
import org.rollcall.model.Table;

/**
 * The undo log of one import ({@code import_undo}): before the import writes a table it records the rows it is
 * about to replace or remove as they are, the keys of the rows it adds, and for a daily file the days and schools
 * it covers. {@link #undoLastRun} puts every import of the last run back, newest first. Rows are kept as JSON
 * arrays (SQLite's built-in JSON functions), so one table serves every canonical table.
 */
final class ImportUndo {

    static final String ADDED = "added";
    static final String REPLACED = "replaced";
    static final String REMOVED = "removed";
    static final String KEPT = "kept";
    static final String RANGE = "range";

    private static final String UNDO = CanonicalSchema.IMPORT_UNDO.name();

    private final Connection connection;
    private final long importId;

    ImportUndo(Connection connection, long importId) {
        this.connection = connection;
        this.importId = importId;
    }

    long importId() {
        return importId;
    }

    /** Starts a new run: the undo log keeps only the imports of the last run that changed the workspace. */
    static void startRun(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("DELETE FROM " + UNDO);
        }
    }

    /** {@code json_array(alias.k1, alias.k2, ...)} over the table's primary key. */
    static String keyJson(Table table, String alias) {
        return table.primaryKey().stream().map(c -> alias + "." + c).collect(Collectors.joining(", ", "json_array(",
                ")"));
    }

    /** {@code json_array(alias.c1, ...)} over every column of the table, in table order. */
    static String rowJson(Table table, String alias) {
        return table.columnNames().stream().map(c -> alias + "." + c).collect(Collectors.joining(", ", "json_array(",
                ")"));
    }

    /** {@code a.k1 = b.k1 AND ...} over the table's primary key. */
    static String sameKey(Table table, String a, String b) {
        return table.primaryKey().stream().map(c -> a + "." + c + " = " + b + "." + c)
                .collect(Collectors.joining(" AND "));
    }

    /** {@code (a.c1 IS NOT b.c1 OR ...)} over the columns outside the primary key: true when the rows differ. */
    static String differs(Table table, String a, String b) {
        List<String> values = table.columnNames().stream().filter(c -> !table.primaryKey().contains(c)).toList();
        return values.isEmpty() ? "0" : values.stream().map(c -> a + "." + c + " IS NOT " + b + "." + c)
                .collect(Collectors.joining(" OR ", "(", ")"));
    }

    /**
     * Before staged rows are written by key: records the keys of the rows they add, and the rows of
     * {@code table} they change, as they are (a row re-supplied unchanged needs nothing to undo it). Returns
     * {added, replaced}, replaced counting every row re-supplied.
     */
    long[] beforeKeyedWrite(Table table, String stage) throws SQLException {
        long added = keysOfAdded(table, stage);
        rowsWhere(table, REPLACED, "EXISTS (SELECT 1 FROM " + stage + " s WHERE " + sameKey(table, "s", "t") + " AND "
                + differs(table, "s", "t") + ")");
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + stage
                + " s WHERE EXISTS (SELECT 1 FROM " + table.name() + " t WHERE " + sameKey(table, "s", "t") + ")")) {
            rs.next();
            return new long[] {added, rs.getLong(1)};
        }
    }

    /** Records the keys of the staged rows that {@code table} does not have yet. */
    long keysOfAdded(Table table, String stage) throws SQLException {
        return record(table, ADDED, "SELECT " + keyJson(table, "s") + ", NULL FROM " + stage + " s WHERE NOT "
                + "EXISTS (SELECT 1 FROM " + table.name() + " t WHERE " + sameKey(table, "s", "t") + ")");
    }

    /** Records the rows of {@code table} that {@code where} (over alias t) selects, as they are, as {@code change}. */
    long rowsWhere(Table table, String change, String where, Object... parameters) throws SQLException {
        return record(table, change, "SELECT " + keyJson(table, "t") + ", " + rowJson(table, "t") + " FROM "
                + table.name() + " t WHERE " + where, parameters);
    }

    /** Records the keys of the rows of {@code table} that {@code where} (over alias t) selects as added. */
    long keysWhere(Table table, String where, Object... parameters) throws SQLException {
        return record(table, ADDED, "SELECT " + keyJson(table, "t") + ", NULL FROM " + table.name() + " t WHERE "
                + where, parameters);
    }

    /**
     * Records the old rows of the range a daily file covers, each with what the import does to it: {@code change}
     * is an SQL expression over alias t giving replaced, removed or kept.
     */
    long rangeRows(Table table, String change, String where, Object... parameters) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + UNDO + " (import_id, "
                + "table_name, change, row_key, row_values) SELECT ?, ?, " + change + ", " + keyJson(table, "t") + ", "
                + rowJson(table, "t") + " FROM " + table.name() + " t WHERE " + where)) {
            insert.setLong(1, importId);
            insert.setString(2, table.name());
            for (int i = 0; i < parameters.length; i++) {
                insert.setObject(i + 3, parameters[i]);
            }
            return insert.executeUpdate();
        }
    }

    /** Records that the import covers the days from..to at the schools listed in {@code schoolsTable}. */
    void range(Table table, String from, String to, String schoolsTable) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + UNDO + " (import_id, table_name, "
                + "change, row_key, row_values) SELECT ?, ?, ?, json_object('from', ?, 'to', ?, 'schools', json("
                + "(SELECT json_group_array(school_code) FROM " + schoolsTable + "))), NULL")) {
            insert.setLong(1, importId);
            insert.setString(2, table.name());
            insert.setString(3, RANGE);
            insert.setString(4, from);
            insert.setString(5, to);
            insert.executeUpdate();
        }
    }

    /** Records one key the import adds (its import_log entry, say). */
    void added(Table table, Object... key) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + UNDO + " (import_id, table_name, "
                + "change, row_key, row_values) VALUES (?, ?, ?, json_array(" + String.join(", ",
                        java.util.Collections.nCopies(key.length, "?")) + "), NULL)")) {
            insert.setLong(1, importId);
            insert.setString(2, table.name());
            insert.setString(3, ADDED);
            for (int i = 0; i < key.length; i++) {
                insert.setObject(i + 4, key[i]);
            }
            insert.executeUpdate();
        }
    }

    private long record(Table table, String change, String select, Object... parameters) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + UNDO + " (import_id, table_name, "
                + "change, row_key, row_values) SELECT ?, ?, ?, * FROM (" + select + ")")) {
            insert.setLong(1, importId);
            insert.setString(2, table.name());
            insert.setString(3, change);
            for (int i = 0; i < parameters.length; i++) {
                insert.setObject(i + 4, parameters[i]);
            }
            return insert.executeUpdate();
        }
    }

    /** One import put back by {@link #undoLastRun}. */
    record Undone(long importId, String file, String entity, String importedAt, long rowsRemoved, long rowsRestored) {
    }

    /**
     * Puts back every import of the last run, newest first: deletes the rows each added and the days its range
     * covered, restores the rows it replaced, removed or kept, and deletes its import_log entry. The caller rebuilds
     * the summaries and commits. Returns the imports undone, newest first; none when there is nothing to undo.
     */
    static List<Undone> undoLastRun(Connection connection) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT DISTINCT import_id FROM " + UNDO + " ORDER BY import_id DESC")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        List<Undone> undone = new ArrayList<>();
        for (long id : ids) {
            String file = null;
            String entity = null;
            String at = null;
            try (PreparedStatement log = connection.prepareStatement(
                    "SELECT file, entity, imported_at FROM import_log WHERE import_id = ?")) {
                log.setLong(1, id);
                try (ResultSet rs = log.executeQuery()) {
                    if (rs.next()) {
                        file = rs.getString(1);
                        entity = rs.getString(2);
                        at = rs.getString(3);
                    }
                }
            }
            long removed = 0;
            long restored = 0;
            for (Table table : CanonicalSchema.TABLES) {
                removed += deleteRange(connection, id, table) + deleteKeys(connection, id, table);
            }
            for (Table table : CanonicalSchema.TABLES) {
                restored += restore(connection, id, table);
            }
            undone.add(new Undone(id, file, entity, at, removed, restored));
        }
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("DELETE FROM " + UNDO);
        }
        return undone;
    }

    private static long deleteRange(Connection connection, long id, Table table) throws SQLException {
        if (!table.columnNames().contains("attendance_date") || !table.columnNames().contains("school_code")) {
            return 0; // only days have ranges
        }
        return execute(connection, "DELETE FROM " + table.name() + " WHERE EXISTS (SELECT 1 FROM " + UNDO + " u "
                + "WHERE u.import_id = ? AND u.table_name = ? AND u.change = ? AND attendance_date BETWEEN "
                + "json_extract(u.row_key, '$.from') AND json_extract(u.row_key, '$.to') AND school_code IN "
                + "(SELECT value FROM json_each(u.row_key, '$.schools')))", id, table, RANGE);
    }

    private static long deleteKeys(Connection connection, long id, Table table) throws SQLException {
        return execute(connection, "DELETE FROM " + table.name() + " WHERE (" + String.join(", ", table.primaryKey())
                + ") IN (SELECT " + elements("row_key", table.primaryKey().size()) + " FROM " + UNDO
                + " WHERE import_id = ? AND table_name = ? AND change <> ?)", id, table, RANGE);
    }

    private static long restore(Connection connection, long id, Table table) throws SQLException {
        return execute(connection, "INSERT OR REPLACE INTO " + table.name() + " (" + String.join(", ",
                table.columnNames()) + ") SELECT " + elements("row_values", table.columnNames().size()) + " FROM "
                + UNDO + " WHERE import_id = ? AND table_name = ? AND row_values IS NOT NULL AND change <> ?", id,
                table, RANGE);
    }

    /** {@code json_extract(column, '$[0]'), ...} for the first {@code count} elements of a JSON array. */
    private static String elements(String column, int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> "json_extract(" + column + ", '$[" + i + "]')")
                .collect(Collectors.joining(", "));
    }

    /** Runs a statement over one import's entries for one table, excluding or selecting one kind of change. */
    private static long execute(Connection connection, String sql, long id, Table table, String change)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, id);
            statement.setString(2, table.name());
            statement.setString(3, change);
            return statement.executeUpdate();
        }
    }
}
