package org.rollcall.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.rollcall.model.CanonicalSchema;

/**
 * Refuses a file that is not a RollCall workspace of the schema version this build reads, before anything
 * opens it as one: SQLite opens any file lazily, so a text file or a foreign SQLite database would otherwise
 * open as a schema that fails on first use with an engine message about some view.
 */
public final class WorkspaceCheck {

    /** SQLite's result code for a file that is not a database. */
    private static final int SQLITE_NOTADB = 26;

    private WorkspaceCheck() {
    }

    /** True when the file is a workspace of this version of RollCall (see {@link #verify} for why not). */
    public static boolean isCurrent(Path file) {
        try {
            verify(file);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Throws with a message an analyst can act on unless {@code file} is a workspace this build reads. */
    public static void verify(Path file) throws SQLException {
        if (!Files.isRegularFile(file)) {
            throw new SQLException("No RollCall workspace at " + file + ": the file does not exist.", "08001");
        }
        String info = CanonicalSchema.WORKSPACE_INFO.name();
        try (Connection sqlite = Workspace.dataSource(file, true).getConnection()) {
            if (!hasTable(sqlite, info)) {
                throw new SQLException(file + " is a database but not a RollCall workspace: it has no "
                        + info + " table.");
            }
            int version = schemaVersion(sqlite, info);
            if (version != CanonicalSchema.VERSION) {
                throw new SQLException(file + " is a RollCall workspace of schema version " + version
                        + "; this version of RollCall reads version " + CanonicalSchema.VERSION + ".");
            }
        } catch (SQLException e) {
            SQLException unrecoverable = WorkspaceRecovery.refusal(file, e);
            if (unrecoverable != null) {
                throw unrecoverable;
            }
            if (e.getErrorCode() == SQLITE_NOTADB) {
                throw new SQLException(file.toString()
                        + " is not a RollCall workspace: it is not a SQLite database.", e);
            }
            throw e;
        }
    }

    private static boolean hasTable(Connection sqlite, String table) throws SQLException {
        try (PreparedStatement statement = sqlite.prepareStatement(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static int schemaVersion(Connection sqlite, String table) throws SQLException {
        try (PreparedStatement statement = sqlite.prepareStatement(
                "SELECT value FROM " + table + " WHERE key = 'schema_version'");
                ResultSet rs = statement.executeQuery()) {
            return rs.next() ? Integer.parseInt(rs.getString(1).strip()) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
