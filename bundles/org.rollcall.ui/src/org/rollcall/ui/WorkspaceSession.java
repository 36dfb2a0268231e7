package org.rollcall.ui;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.rollcall.engine.RollCallDriver;

/**
 * The workspace the analyst has open: one connection through the jdbc:rollcall: driver, shared by the
 * views, and listeners told when another workspace is opened.
 */
public final class WorkspaceSession {

    /** Told, on the thread that opened it, when a workspace has been opened. */
    @FunctionalInterface
    public interface Listener {
        void opened(Path workspace, Connection connection);
    }

    private static final WorkspaceSession INSTANCE = new WorkspaceSession();

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private Path workspace;
    private Connection connection;

    private WorkspaceSession() {
    }

    public static WorkspaceSession get() {
        return INSTANCE;
    }

    /**
     * Opens a workspace, then closes the previous one; on failure throws with a message for the analyst and
     * leaves the previous workspace open.
     */
    public synchronized void open(Path file) throws SQLException {
        Connection opened = RollCallDriver.open(file);
        close();
        workspace = file;
        connection = opened;
        for (Listener listener : listeners) {
            listener.opened(file, opened);
        }
    }

    public synchronized Optional<Connection> connection() {
        return Optional.ofNullable(connection);
    }

    public synchronized Optional<Path> workspace() {
        return Optional.ofNullable(workspace);
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the workspace is read-only; nothing can be lost by a failed close
            }
            connection = null;
            workspace = null;
        }
    }
}
