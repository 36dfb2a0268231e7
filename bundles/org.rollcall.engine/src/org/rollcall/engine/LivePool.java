package org.rollcall.engine;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The read-only connections to one live source, pooled once the first query needs one. Failures name the source,
 * its URL and the cause, so that a BI tool shows which database is down rather than a pool time-out.
 */
final class LivePool implements DataSource, AutoCloseable {

    private final LiveSource source;
    private final HikariConfig config;
    private HikariDataSource pool;
    private boolean closed;

    LivePool(LiveSource source, HikariConfig config) {
        this.source = source;
        this.config = config;
    }

    @Override
    public Connection getConnection() throws SQLException {
        try {
            return pool().getConnection();
        } catch (SQLException | RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new SQLException("Live source '" + source.name() + "' (" + source.url() + ") cannot be reached: "
                    + cause.getMessage(), "08001", e);
        }
    }

    private synchronized HikariDataSource pool() throws SQLException {
        if (closed) {
            throw new SQLException("the connection is closed");
        }
        if (pool == null) {
            pool = new HikariDataSource(config);
        }
        return pool;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (pool != null) {
            pool.close();
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("a live source's credentials come from its definition");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // Hikari logs through SLF4J
    }

    @Override
    public void setLoginTimeout(int seconds) {
        config.setConnectionTimeout(seconds * 1000L);
    }

    @Override
    public int getLoginTimeout() {
        return (int) (config.getConnectionTimeout() / 1000);
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper of " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
