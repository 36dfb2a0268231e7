package org.rollcall.engine;

import java.sql.Connection;
import java.sql.SQLException;

import org.sqlite.ProgressHandler;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;

/**
 * SQLite connections that stop a statement when its query is cancelled or out of time. SQLite runs a statement's
 * steps without returning to Java, and sqlite-jdbc's query timeout only bounds waiting for a lock; SQLite's
 * progress handler (sqlite.org/c3ref/progress_handler.html), called every few thousand virtual-machine
 * instructions on the thread running the statement, asks that thread's {@link QueryControl} and interrupts the
 * statement when it says so.
 */
final class InterruptibleSqlite extends ConnectionSource {

    /** Instructions between two calls of the handler: a fraction of a millisecond, a negligible cost. */
    private static final int INSTRUCTIONS_PER_CHECK = 10_000;

    private static final ProgressHandler STOP_WHEN_ASKED = new ProgressHandler() {
        @Override
        protected int progress() {
            QueryControl control = QueryControl.current();
            return control != null && control.shouldStop() ? 1 : 0;
        }
    };

    private final SQLiteDataSource sqlite;

    InterruptibleSqlite(SQLiteDataSource sqlite) {
        this.sqlite = sqlite;
    }

    @Override
    public Connection getConnection() throws SQLException {
        SQLiteConnection connection = (SQLiteConnection) sqlite.getConnection();
        try {
            ProgressHandler.setHandler(connection, INSTRUCTIONS_PER_CHECK, STOP_WHEN_ASKED);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }
}
