package org.rollcall.engine;

import java.sql.SQLException;
import java.util.Properties;

/**
 * The connection properties RollCall gives Calcite. Nothing a client sends reaches Calcite: properties
 * such as {@code model}, {@code schemaFactory} or {@code typeSystem} would let any party that can set them
 * load classes, so the driver builds its own set.
 */
final class ConnectionPolicy {

    /** The connection property bounding the rows one query may make Calcite hold ({@link QueryControl}). */
    static final String MAX_ROWS_IN_MEMORY = "maxRowsInMemory";

    /**
     * A million rows of a few columns is a few hundred megabytes in Calcite's row arrays: room for joins and sorts of
     * the largest district's summaries, and a stop well before a 1 GB heap is full.
     */
    static final long DEFAULT_MAX_ROWS_IN_MEMORY = 1_000_000;

    private ConnectionPolicy() {
    }

    /** What the client sent: its properties, and the URL's {@code ;key=value} settings over them. */
    static Properties clientProperties(String url, Properties info) {
        Properties client = new Properties();
        if (info != null) {
            client.putAll(info);
        }
        int semicolon = url.indexOf(';');
        if (semicolon >= 0) {
            for (String setting : url.substring(semicolon + 1).split(";")) {
                int equals = setting.indexOf('=');
                if (equals > 0) {
                    client.setProperty(setting.substring(0, equals).trim(), setting.substring(equals + 1).trim());
                }
            }
        }
        return client;
    }

    /** The client's row budget for one query, or the default. */
    static long maxRowsInMemory(Properties client) throws SQLException {
        String value = client.getProperty(MAX_ROWS_IN_MEMORY);
        if (value == null || value.isBlank()) {
            return DEFAULT_MAX_ROWS_IN_MEMORY;
        }
        try {
            long rows = Long.parseLong(value.strip().replace("_", ""));
            if (rows > 0) {
                return rows;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SQLException("The connection property " + MAX_ROWS_IN_MEMORY + " is a number of rows above 0, not '"
                + value + "'", "22023");
    }

    /** The properties for a new connection; what the client supplied is deliberately not copied. */
    static Properties properties(Properties clientSupplied) {
        Properties properties = new Properties();
        // BI tools send unquoted, mixed-case names: fold them to the store's lower case, match either way.
        properties.setProperty("caseSensitive", "false");
        properties.setProperty("unquotedCasing", "TO_LOWER");
        properties.setProperty("quotedCasing", "UNCHANGED");
        properties.setProperty("quoting", "DOUBLE_QUOTE");
        return properties;
    }
}
