package org.rollcall.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Rolls back what a writer killed in mid-commit left behind, before a workspace is read read-only. A process
 * killed while SQLite commits leaves a "hot" rollback journal ({@code <workspace>-journal}) with the pages it was
 * overwriting; only a connection that may write can put them back, so every read-only open (the commands, the
 * driver in a BI tool) failed with SQLITE_READONLY_ROLLBACK, and deleting the journal, the usual advice, leaves a
 * half-written, corrupt database.
 * <p>
 * Why not WAL: a WAL database is three files whose {@code -wal} holds committed data until a checkpoint, so a
 * workspace copied, mailed or backed up as the one {@code .rollcall} file would lose it, and a read-only open
 * needs the {@code -shm} file or a writable folder. With the rollback journal a workspace at rest is one
 * self-contained file; it only needs this: when a journal is there, open the workspace once read-write and read
 * it, which makes SQLite decide, under its own locks, whether the journal is hot (a live writer's is not: it holds
 * the lock) and roll it back if so (https://www.sqlite.org/lockingv3.html#hot_journals). Nothing is deleted by
 * hand.
 */
final class WorkspaceRecovery {

    private WorkspaceRecovery() {
    }

    /** The journal SQLite writes beside a workspace in its default (DELETE) journal mode. */
    static Path journalOf(Path workspace) {
        return workspace.resolveSibling(workspace.getFileName() + "-journal");
    }

    /** Rolls back an interrupted commit of {@code workspace}, if there is one and this user may write it. */
    static void recover(Path workspace) throws SQLException {
        Path journal = journalOf(workspace);
        if (!mayBeHot(journal)) {
            return;
        }
        Path folder = workspace.toAbsolutePath().getParent();
        if (!Files.isWritable(workspace) || folder == null || !Files.isWritable(folder)) {
            return; // SQLite reads past a live writer's journal; a dead one's fails the read (see refusal)
        }
        SQLiteDataSource writable = Workspace.plainDataSource(workspace, false);
        try (Connection connection = writable.getConnection(); Statement statement = connection.createStatement()) {
            // the first read of a connection checks for a hot journal and rolls it back
            statement.executeQuery("SELECT count(*) FROM sqlite_master").close();
        }
    }

    /**
     * As SQLite judges it before the locks: a journal whose header is still zero belongs to a writer that has not
     * begun to commit (or was killed before it did) and needs no rollback; readers read past it.
     */
    /**
     * The error for a workspace whose hot journal this user cannot roll back (SQLite's SQLITE_READONLY_ROLLBACK),
     * saying what to do; null for any other error.
     */
    static SQLException refusal(Path workspace, SQLException e) {
        if (!(e instanceof SQLiteException sqlite) || sqlite.getResultCode() != SQLiteErrorCode.SQLITE_READONLY_ROLLBACK) {
            return null;
        }
        String journal = journalOf(workspace).getFileName().toString();
        return new SQLException(workspace + " holds an unfinished change of a RollCall process that stopped while "
                + "writing it (" + journal + "). Run any rollcall command on it once as a user who may write the file "
                + "and its folder: that rolls the change back. Do not delete " + journal + ": deleting it corrupts the "
                + "workspace.", "08001", e);
    }

    private static boolean mayBeHot(Path journal) {
        try (InputStream in = Files.newInputStream(journal)) {
            int first = in.read();
            return first > 0;
        } catch (IOException e) {
            return false; // no journal (the usual case), or it is gone already
        }
    }

    /** A read-only data source whose every connection first recovers the workspace. */
    static final class Recovering extends SQLiteDataSource {

        private final Path workspace;

        Recovering(Path workspace, org.sqlite.SQLiteConfig config) {
            super(config);
            this.workspace = workspace;
        }

        @Override
        public SQLiteConnection getConnection(String username, String password) throws SQLException {
            recover(workspace);
            return super.getConnection(username, password);
        }
    }
}
