package org.rollcall.engine;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The read-only connections to one live source, pooled once the first query needs one. Failures name the source,
 * its URL and the cause, so that a BI tool shows which database is down rather than a pool time-out.
 */
final class LivePool extends ConnectionSource implements AutoCloseable {

    /**
     * Driver classes of the databases RollCall ships a driver for. Inside OSGi, DriverManager hands a driver only to
     * callers whose class loader sees it (the pool's does not), so the driver is instantiated through this bundle.
     */
    private static final Map<String, String> KNOWN_DRIVERS = Map.of("jdbc:postgresql:", "org.postgresql.Driver");

    private final LiveSource source;
    private final HikariConfig config;
    private final Properties login;
    private HikariDataSource pool;
    private boolean closed;

    /** {@code config} without a data source; {@code login} holds user, password and the driver's own properties. */
    LivePool(LiveSource source, HikariConfig config, Properties login) {
        this.source = source;
        this.config = config;
        this.login = login;
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
            Driver driver = driver(source.url());
            config.setDataSource(new DriverConnections(driver, source.url(), login));
            pool = new HikariDataSource(config);
        }
        return pool;
    }

    /** The JDBC driver for {@code url}: DriverManager's on a flat class path, else a known driver class. */
    static Driver driver(String url) throws SQLException {
        try {
            return DriverManager.getDriver(url);
        } catch (SQLException notVisibleHere) {
            for (Map.Entry<String, String> known : KNOWN_DRIVERS.entrySet()) {
                if (url.startsWith(known.getKey())) {
                    try {
                        return (Driver) Class.forName(known.getValue(), true, LivePool.class.getClassLoader())
                                .getDeclaredConstructor().newInstance();
                    } catch (ReflectiveOperationException | LinkageError e) {
                        break;
                    }
                }
            }
            throw new SQLException("no JDBC driver for " + url + " is installed; put the database's driver jar on the "
                    + "class path", "08001", notVisibleHere);
        }
    }

    /** New connections from one driver, as the pool asks for them. */
    private static final class DriverConnections extends ConnectionSource {
        private final Driver driver;
        private final String url;
        private final Properties login;

        DriverConnections(Driver driver, String url, Properties login) {
            this.driver = driver;
            this.url = url;
            this.login = login;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection connection = driver.connect(url, login);
            if (connection == null) {
                throw new SQLException(driver.getClass().getName() + " does not accept " + url, "08001");
            }
            return connection;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (pool != null) {
            pool.close();
        }
    }
}
