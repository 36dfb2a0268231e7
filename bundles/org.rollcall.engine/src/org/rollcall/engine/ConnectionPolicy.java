package org.rollcall.engine;

import java.util.Properties;

/**
 * The connection properties RollCall gives Calcite. Nothing a client sends reaches Calcite: properties
 * such as {@code model}, {@code schemaFactory} or {@code typeSystem} would let any party that can set them
 * load classes, so the driver builds its own set.
 */
final class ConnectionPolicy {

    private ConnectionPolicy() {
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
