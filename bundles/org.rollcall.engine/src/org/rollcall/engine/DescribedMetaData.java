package org.rollcall.engine;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

import javax.sql.rowset.CachedRowSet;
import javax.sql.rowset.RowSetMetaDataImpl;
import javax.sql.rowset.RowSetProvider;

import org.rollcall.model.ForeignKey;
import org.rollcall.model.Table;

/**
 * JDBC metadata as BI tools need it: Calcite answers tables and columns without remarks and has no keys,
 * so DBeaver or Metabase could neither explain nor join. This adds remarks from {@link SchemaDescriptions}
 * and primary and foreign keys from the canonical schema; every other call goes to Calcite.
 */
final class DescribedMetaData {

    private static final String[] KEY_COLUMNS = {"TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ",
        "PK_NAME"};
    private static final String[] REFERENCE_COLUMNS = {"PKTABLE_CAT", "PKTABLE_SCHEM", "PKTABLE_NAME",
        "PKCOLUMN_NAME", "FKTABLE_CAT", "FKTABLE_SCHEM", "FKTABLE_NAME", "FKCOLUMN_NAME", "KEY_SEQ", "UPDATE_RULE",
        "DELETE_RULE", "FK_NAME", "PK_NAME", "DEFERRABILITY"};

    private DescribedMetaData() {
    }

    /** Calcite's {@code metaData} with remarks and keys; {@code connection} is the client's connection. */
    static DatabaseMetaData wrap(DatabaseMetaData metaData, Connection connection) {
        return (DatabaseMetaData) Proxy.newProxyInstance(DescribedMetaData.class.getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getConnection" -> connection;
                    case "getTables" -> matching(withRemarks((ResultSet) invoke(metaData, method, args), "REMARKS",
                            (table, column) -> SchemaDescriptions.ofTable(table)), (String) args[2]);
                    case "getColumns" -> matching(plainTypeNames(withRemarks((ResultSet) invoke(metaData, method,
                            args), "REMARKS", SchemaDescriptions::ofColumn)), (String) args[2]);
                    case "getPrimaryKeys" -> primaryKeys((String) args[1], (String) args[2]);
                    case "getImportedKeys" -> references((String) args[1], (String) args[2], true);
                    case "getExportedKeys" -> references((String) args[1], (String) args[2], false);
                    default -> invoke(metaData, method, args);
                });
    }

    static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * A new CachedRowSet. The JDK finds its sync provider through the thread's context class loader and fails on a
     * thread that has none (some BI tools' and OSGi threads): the system class loader always sees it.
     */
    private static CachedRowSet cachedRowSet() throws SQLException {
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        thread.setContextClassLoader(ClassLoader.getSystemClassLoader());
        try {
            return RowSetProvider.newFactory().createCachedRowSet();
        } finally {
            thread.setContextClassLoader(context);
        }
    }

    /** Copies a metadata result, filling its remark column from (table name, column name). */
    private static ResultSet withRemarks(ResultSet source, String remarkColumn,
            BiFunction<String, String, Optional<String>> remark) throws SQLException {
        CachedRowSet copy = cachedRowSet();
        try (source) {
            copy.populate(source);
        }
        boolean hasColumnName = hasColumn(copy, "COLUMN_NAME");
        copy.beforeFirst();
        while (copy.next()) {
            String table = copy.getString("TABLE_NAME");
            String column = hasColumnName ? copy.getString("COLUMN_NAME") : null;
            Optional<String> text = remark.apply(table, column);
            if (text.isPresent()) {
                copy.updateString(remarkColumn, text.get());
                copy.updateRow();
            }
        }
        copy.beforeFirst();
        return copy;
    }

    /**
     * Keeps the rows whose TABLE_NAME matches the JDBC pattern ({@code %} any text, {@code _} one character, {@code \}
     * escapes): Calcite lists the views it holds as macros (the Dashboard view, plugins' metric views) whatever
     * pattern was asked for.
     */
    static ResultSet matching(ResultSet rows, String tablePattern) throws SQLException {
        if (tablePattern == null || tablePattern.equals("%")) {
            return rows;
        }
        java.util.regex.Pattern pattern = likePattern(tablePattern);
        CachedRowSet copy = (CachedRowSet) rows;
        copy.beforeFirst();
        while (copy.next()) {
            String name = copy.getString("TABLE_NAME");
            if (name == null || !pattern.matcher(name).matches()) {
                copy.deleteRow();
            }
        }
        copy.setShowDeleted(false);
        copy.beforeFirst();
        return copy;
    }

    static java.util.regex.Pattern likePattern(String like) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < like.length(); i++) {
            char c = like.charAt(i);
            if (c == '\\' && i + 1 < like.length()) {
                regex.append(java.util.regex.Pattern.quote(String.valueOf(like.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(java.util.regex.Pattern.quote(String.valueOf(c)));
            }
        }
        return java.util.regex.Pattern.compile(regex.toString(), java.util.regex.Pattern.CASE_INSENSITIVE
                | java.util.regex.Pattern.DOTALL);
    }

    /**
     * Calcite names a column's type with its nullability ("DATE NOT NULL"); tools expect the type alone and read
     * nullability from NULLABLE.
     */
    private static ResultSet plainTypeNames(ResultSet columns) throws SQLException {
        CachedRowSet copy = (CachedRowSet) columns;
        while (copy.next()) {
            String type = copy.getString("TYPE_NAME");
            if (type != null && type.endsWith(" NOT NULL")) {
                copy.updateString("TYPE_NAME", type.substring(0, type.length() - " NOT NULL".length()));
                copy.updateRow();
            }
        }
        copy.beforeFirst();
        return copy;
    }

    private static boolean hasColumn(ResultSet rs, String name) throws SQLException {
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            if (rs.getMetaData().getColumnLabel(i).equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean inSchema(String schema) {
        return schema == null || schema.isEmpty() || schema.equalsIgnoreCase(AttendanceSchema.NAME);
    }

    private static ResultSet primaryKeys(String schema, String tableName) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        Optional<Table> table = inSchema(schema) ? SchemaDescriptions.table(tableName) : Optional.empty();
        table.ifPresent(t -> {
            for (int i = 0; i < t.primaryKey().size(); i++) {
                rows.add(new Object[] {null, AttendanceSchema.NAME, t.name(), t.primaryKey().get(i), (short) (i + 1),
                    "pk_" + t.name()});
            }
        });
        return rows(KEY_COLUMNS, rows);
    }

    /** Foreign keys of {@code tableName} (imported) or pointing at it (exported). */
    private static ResultSet references(String schema, String tableName, boolean imported) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        if (inSchema(schema)) {
            for (Table fkTable : SchemaDescriptions.tables().toList()) {
                for (ForeignKey fk : fkTable.foreignKeys()) {
                    String matched = imported ? fkTable.name() : fk.referencedTable();
                    if (!matched.equalsIgnoreCase(tableName)) {
                        continue;
                    }
                    for (int i = 0; i < fk.columns().size(); i++) {
                        rows.add(new Object[] {null, AttendanceSchema.NAME, fk.referencedTable(),
                            fk.referencedColumns().get(i), null, AttendanceSchema.NAME, fkTable.name(),
                            fk.columns().get(i), (short) (i + 1), (short) DatabaseMetaData.importedKeyNoAction,
                            (short) DatabaseMetaData.importedKeyNoAction,
                            "fk_" + fkTable.name() + "_" + String.join("_", fk.columns()), "pk_" + fk.referencedTable(),
                            (short) DatabaseMetaData.importedKeyNotDeferrable});
                    }
                }
            }
        }
        return rows(REFERENCE_COLUMNS, rows);
    }

    private static ResultSet rows(String[] columns, List<Object[]> rows) throws SQLException {
        RowSetMetaDataImpl meta = new RowSetMetaDataImpl();
        meta.setColumnCount(columns.length);
        for (int i = 0; i < columns.length; i++) {
            meta.setColumnName(i + 1, columns[i]);
            meta.setColumnLabel(i + 1, columns[i]);
            boolean small = columns[i].equals("KEY_SEQ") || columns[i].endsWith("_RULE")
                    || columns[i].equals("DEFERRABILITY");
            meta.setColumnType(i + 1, small ? Types.SMALLINT : Types.VARCHAR);
            meta.setNullable(i + 1, DatabaseMetaData.columnNullable);
        }
        CachedRowSet result = cachedRowSet();
        result.setMetaData(meta);
        for (Object[] row : rows) {
            result.moveToInsertRow();
            for (int i = 0; i < row.length; i++) {
                if (row[i] == null) {
                    result.updateNull(i + 1);
                } else {
                    result.updateObject(i + 1, row[i]);
                }
            }
            result.insertRow();
        }
        result.moveToCurrentRow();
        result.beforeFirst();
        return result;
    }
}
