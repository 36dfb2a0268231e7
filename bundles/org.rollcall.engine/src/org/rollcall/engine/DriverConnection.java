package org.rollcall.engine;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;

/**
 * The connection a client holds: Calcite's, with metadata that describes the schema ({@link DescribedMetaData}),
 * statements whose cancel and query timeout reach the work wherever it runs ({@link QueryControl}), and no way to
 * write. Calcite's own statement keeps the timeout to itself and its cancel waits for the running step.
 */
final class DriverConnection {

    private DriverConnection() {
    }

    /**
     * Wraps {@code calcite}; closing the result also closes {@code resources} (pools, live sources, plans);
     * {@code warnings} (plugins skipped, for instance) are the connection's SQL warnings until cleared.
     */
    static Connection wrap(Connection calcite, AutoCloseable resources, long maxRowsInMemory, List<String> warnings) {
        List<String> pending = new java.util.concurrent.CopyOnWriteArrayList<>(warnings);
        return (Connection) Proxy.newProxyInstance(DriverConnection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "close" -> {
                        try (resources) {
                            yield invoke(calcite, method, args);
                        }
                    }
                    case "setReadOnly" -> {
                        if (!(Boolean) args[0]) {
                            throw ReadOnlyRefusal.setting("setReadOnly(false)");
                        }
                        yield null;
                    }
                    case "isReadOnly" -> {
                        invoke(calcite, method, args); // fails as Calcite does on a closed connection
                        yield true;
                    }
                    case "getWarnings" -> {
                        SQLWarning chain = (SQLWarning) invoke(calcite, method, args);
                        for (String warning : pending) {
                            SQLWarning ours = new SQLWarning(warning, "01000");
                            if (chain == null) {
                                chain = ours;
                            } else {
                                chain.setNextWarning(ours);
                            }
                        }
                        yield chain;
                    }
                    case "clearWarnings" -> {
                        pending.clear();
                        yield invoke(calcite, method, args);
                    }
                    case "getMetaData" -> DescribedMetaData.wrap((DatabaseMetaData) invoke(calcite, method, args),
                            (Connection) proxy);
                    case "createStatement", "prepareStatement", "prepareCall" -> {
                        Statement statement = (Statement) invoke(calcite, method, args);
                        yield statement(statement, (Connection) proxy, new QueryControl(maxRowsInMemory));
                    }
                    default -> invoke(calcite, method, args);
                });
    }

    private static Statement statement(Statement calcite, Connection connection, QueryControl control) {
        Class<?> type = calcite instanceof CallableStatement ? CallableStatement.class
                : calcite instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
        return (Statement) Proxy.newProxyInstance(DriverConnection.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    String name = method.getName();
                    switch (name) {
                        case "equals":
                            return proxy == args[0];
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "cancel":
                            control.cancel();
                            return null;
                        case "setQueryTimeout":
                            int seconds = (Integer) args[0];
                            if (seconds < 0) {
                                throw new SQLException("a query timeout is 0 (none) or more seconds, not " + seconds,
                                        "22023");
                            }
                            if (calcite.isClosed()) {
                                throw new SQLException("the statement is closed");
                            }
                            control.setTimeoutSeconds(seconds);
                            return null;
                        case "getQueryTimeout":
                            return control.timeoutSeconds();
                        case "getConnection":
                            return connection;
                        case "getResultSet":
                            return resultSet((ResultSet) invoke(calcite, method, args), (Statement) proxy, control);
                        default:
                            break;
                    }
                    if (!name.startsWith("execute")) {
                        return invoke(calcite, method, args);
                    }
                    control.startExecution();
                    Object result = control.run(() -> invoke(calcite, method, args));
                    return result instanceof ResultSet rows ? resultSet(rows, (Statement) proxy, control) : result;
                });
    }

    private static ResultSet resultSet(ResultSet calcite, Statement statement, QueryControl control) {
        if (calcite == null) {
            return null;
        }
        return (ResultSet) Proxy.newProxyInstance(DriverConnection.class.getClassLoader(),
                new Class<?>[] {ResultSet.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "next" -> control.run(() -> invoke(calcite, method, args));
                    case "getStatement" -> statement;
                    default -> invoke(calcite, method, args);
                });
    }

    /** Calls {@code method} on Calcite's object, rethrowing what it threw as the user should see it. */
    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            SQLException refused = ReadOnlyRefusal.in(e.getCause());
            throw refused != null ? refused : e.getCause();
        }
    }
}
