package org.rollcall.sources;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/** Writes the rows of one file that were not loaded into {@code import_quarantine}, and counts them by problem. */
final class Quarantine implements AutoCloseable {

    private static final int MAX_RECORD_TEXT = 1_000;

    private final String file;
    private final PreparedStatement insert;
    private final Map<String, Long> counts = new TreeMap<>();
    private int pending;
    private long total;

    /** Forgets the file's earlier quarantine (a re-import replaces it), keeping it in the undo log. */
    Quarantine(Connection connection, String file, ImportUndo undo) throws SQLException {
        this.file = file;
        undo.rowsWhere(org.rollcall.model.CanonicalSchema.IMPORT_QUARANTINE, ImportUndo.REMOVED, "t.file = ?", file);
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM import_quarantine WHERE file = ?")) {
            delete.setString(1, file);
            delete.executeUpdate();
        }
        insert = connection.prepareStatement("INSERT OR REPLACE INTO import_quarantine "
                + "(file, line, entity, field, value, reason, record) VALUES (?, ?, ?, ?, ?, ?, ?)");
    }

    void add(long line, Entity entity, Problem problem, String record) throws SQLException {
        insert.setString(1, file);
        insert.setLong(2, line);
        insert.setString(3, entity.tableName());
        insert.setString(4, problem.field());
        insert.setString(5, problem.value());
        insert.setString(6, problem.reason());
        insert.setString(7, record == null || record.length() <= MAX_RECORD_TEXT ? record
                : record.substring(0, MAX_RECORD_TEXT) + "...");
        insert.addBatch();
        counts.merge(problem.field() == null ? problem.kind() : problem.kind() + " (" + problem.field() + ")", 1L,
                Long::sum);
        total++;
        if (++pending >= 5_000) {
            flush();
        }
    }

    private void flush() throws SQLException {
        if (pending > 0) {
            insert.executeBatch();
            pending = 0;
        }
    }

    long total() {
        return total;
    }

    Map<String, Long> counts() {
        return counts;
    }

    @Override
    public void close() throws SQLException {
        try {
            flush();
        } finally {
            insert.close();
        }
    }
}
