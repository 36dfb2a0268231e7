package org.rollcall.engine;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.Optional;

import javax.sql.DataSource;

import org.rollcall.model.Column;
import org.rollcall.model.ColumnType;

/**
 * SQLite reports every column by its storage class, so a DATE column reaches Calcite as VARCHAR and a view's
 * computed column has no type at all. This wraps a store's data source so that column metadata carries the
 * declared types of the canonical tables and metric views instead and
 * SQLite's internal tables stay hidden; everything else passes through untouched.
 */
final class CanonicalTypes {

    private CanonicalTypes() {
    }

    static DataSource wrap(DataSource store) {
        return proxy(DataSource.class, store, (method, args) -> {
            Object result = method.invoke(store, args);
            return result instanceof Connection connection && method.getName().equals("getConnection")
                    ? wrapConnection(connection) : result;
        });
    }

    private static Connection wrapConnection(Connection connection) {
        return proxy(Connection.class, connection, (method, args) -> {
            Object result = method.invoke(connection, args);
            return result instanceof DatabaseMetaData metaData ? wrapMetaData(metaData) : result;
        });
    }

    private static DatabaseMetaData wrapMetaData(DatabaseMetaData metaData) {
        return proxy(DatabaseMetaData.class, metaData, (method, args) -> {
            if (method.getName().equals("getTables") && args[3] == null) {
                // SQLite lists its internal indexes as SYSTEM TABLEs; a BI tool should see the store's tables only.
                args[3] = new String[] {"TABLE", "VIEW"};
            }
            Object result = method.invoke(metaData, args);
            return method.getName().equals("getColumns") ? wrapColumns((ResultSet) result) : result;
        });
    }

    private static ResultSet wrapColumns(ResultSet columns) {
        return proxy(ResultSet.class, columns, (method, args) -> {
            // DATA_TYPE is the fifth column of getColumns; callers read it by name or by position.
            if (method.getName().equals("getInt") && ("DATA_TYPE".equals(args[0]) || Integer.valueOf(5).equals(args[0]))) {
                Optional<Integer> canonical = canonicalType(columns.getString("TABLE_NAME"),
                        columns.getString("COLUMN_NAME"));
                if (canonical.isPresent()) {
                    return canonical.get();
                }
            }
            return method.invoke(columns, args);
        });
    }

    static Optional<Integer> canonicalType(String table, String column) {
        return SchemaDescriptions.columnOf(table, column).map(Column::type).map(CanonicalTypes::jdbcType);
    }

    static int jdbcType(ColumnType type) {
        return switch (type) {
            case INTEGER -> Types.INTEGER;
            case TEXT -> Types.VARCHAR;
            case DATE -> Types.DATE;
            case DOUBLE -> Types.DOUBLE;
            case BOOLEAN -> Types.BOOLEAN;
        };
    }

    /** What a proxied method does, given the call; may rethrow the target's own exception. */
    @FunctionalInterface
    private interface Call {
        Object handle(Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, T target, Call call) {
        InvocationHandler handler = (proxy, method, args) -> {
            try {
                return call.handle(method, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(CanonicalTypes.class.getClassLoader(), new Class<?>[] {type},
                handler));
    }
}
