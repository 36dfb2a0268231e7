package org.rollcall.engine;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.rollcall.model.CanonicalSchema;
import org.rollcall.model.Column;
import org.rollcall.model.Table;
import org.rollcall.store.JdbcUrlPolicy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * A database queried in place: its connection and, for each canonical table it holds, the source table and the
 * source column (or SQL expression over the source's columns) behind each canonical column. Read from the YAML a
 * workspace keeps in {@code live_sources}.
 *
 * @param name schema name the source appears under
 * @param url JDBC URL
 * @param user user name, or null
 * @param passwordEnv environment variable holding the password, or null
 * @param sourceSchema the source's own schema holding its tables, or null for the connection's default
 * @param timeoutSeconds how long a query waits for a connection before it fails (default 10)
 * @param tables canonical table name to its mapping, in definition order
 */
public record LiveSource(String name, String url, String user, String passwordEnv, String sourceSchema,
        int timeoutSeconds, Map<String, LiveTable> tables) {

    /**
     * One canonical table over one source table.
     *
     * @param table the canonical table
     * @param from the source table
     * @param columns canonical column to where its values come from
     */
    public record LiveTable(Table table, String from, Map<Column, ColumnSource> columns) {
    }

    /**
     * Where a canonical column's values come from.
     *
     * @param sql a quoted source column, or the definition's expression in parentheses
     * @param column the source column's name, or null for an expression ({@code {sql: ...}})
     */
    public record ColumnSource(String sql, String column) {

        static ColumnSource column(String name) {
            return new ColumnSource(quote(name), name);
        }

        static ColumnSource expression(String sql) {
            return new ColumnSource("(" + sql + ")", null);
        }

        public boolean expression() {
            return column == null;
        }
    }

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,29}");
    private static final Pattern SOURCE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

    /** Tables a live source can supply: the canonical data tables, not the workspace's own bookkeeping. */
    private static final Set<String> MAPPABLE = Set.of("districts", "schools", "school_years", "calendar_days",
            "students", "student_programs", "enrollments", "attendance_codes", "daily_attendance", "interventions",
            "intervention_participants", "outcomes", "goals");

    /** The schema names a source cannot take. */
    private static final Set<String> RESERVED = Set.of(AttendanceSchema.NAME, "metadata", "jdbc");

    /** Reads and checks a definition; {@code origin} names it in messages (a file name or the stored source). */
    public static LiveSource parse(String yaml, String origin) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new LiveSourceException(origin + " is not valid YAML: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new LiveSourceException(origin + ": a live source is a YAML mapping with name, url and tables");
        }
        String name = text(root, "name", origin, true);
        if (!NAME.matcher(name).matches() || RESERVED.contains(name)) {
            throw new LiveSourceException(origin + ": name '" + name + "' must be lower case letters, digits and _ "
                    + "(up to 30, starting with a letter) and not one of " + RESERVED);
        }
        String url = text(root, "url", origin, true);
        checkUrl(url, origin);
        String schema = text(root, "schema", origin, false);
        if (schema != null) {
            checkSourceName(schema, origin, "schema");
        }
        JsonNode tablesNode = root.get("tables");
        if (tablesNode == null || !tablesNode.isObject() || tablesNode.isEmpty()) {
            throw new LiveSourceException(origin + ": 'tables' must map canonical tables to source tables");
        }
        Map<String, LiveTable> tables = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = tablesNode.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            tables.put(entry.getKey(), table(entry.getKey(), entry.getValue(), origin));
        }
        String timeout = text(root, "timeout_seconds", origin, false);
        int timeoutSeconds;
        try {
            timeoutSeconds = timeout == null ? 10 : Integer.parseInt(timeout);
        } catch (NumberFormatException e) {
            timeoutSeconds = 0;
        }
        if (timeoutSeconds < 1 || timeoutSeconds > 600) {
            throw new LiveSourceException(origin + ": timeout_seconds must be a whole number from 1 to 600");
        }
        return new LiveSource(name, url, text(root, "user", origin, false), text(root, "password_env", origin, false),
                schema, timeoutSeconds, java.util.Collections.unmodifiableMap(tables));
    }

    private static LiveTable table(String tableName, JsonNode node, String origin) {
        Table table = CanonicalSchema.table(tableName).filter(t -> MAPPABLE.contains(t.name()))
                .orElseThrow(() -> new LiveSourceException(origin + ": '" + tableName + "' is not a canonical table a "
                        + "live source can supply; one of " + String.join(", ", MAPPABLE.stream().sorted().toList())));
        String where = origin + " tables." + table.name();
        if (!node.isObject()) {
            throw new LiveSourceException(where + ": give 'from' (the source table) and 'columns'");
        }
        String from = text(node, "from", where, true);
        checkSourceName(from, where, "from");
        JsonNode columnsNode = node.get("columns");
        Map<String, ColumnSource> given = new LinkedHashMap<>();
        if (columnsNode != null) {
            if (!columnsNode.isObject()) {
                throw new LiveSourceException(where + ".columns: map each canonical column to a source column");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = columnsNode.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                String column = entry.getKey().toLowerCase(Locale.ROOT);
                if (table.column(column).isEmpty()) {
                    throw new LiveSourceException(where + ".columns: '" + entry.getKey() + "' is not a column of "
                            + table.name() + "; its columns are " + String.join(", ", table.columnNames()));
                }
                given.put(column, expression(entry.getValue(), where + ".columns." + column));
            }
        }
        Map<Column, ColumnSource> columns = new LinkedHashMap<>();
        for (Column column : table.columns()) {
            // a canonical column the definition does not map comes from the source column of the same name
            columns.put(column, given.getOrDefault(column.name(), ColumnSource.column(column.name())));
        }
        return new LiveTable(table, from, columns);
    }

    /** A plain source column name is quoted as written; {@code {sql: ...}} is an expression used as it is. */
    private static ColumnSource expression(JsonNode value, String where) {
        if (value.isTextual()) {
            checkSourceName(value.asText(), where, "a source column");
            return ColumnSource.column(value.asText());
        }
        if (value.isObject() && value.has("sql") && value.get("sql").isTextual() && value.size() == 1) {
            String sql = value.get("sql").asText().trim();
            if (sql.isEmpty() || sql.contains(";")) {
                throw new LiveSourceException(where + ": 'sql' must be one expression over the source's columns");
            }
            return ColumnSource.expression(sql);
        }
        throw new LiveSourceException(where + ": give a source column name, or {sql: <expression over the source's "
                + "columns>}");
    }

    private static void checkUrl(String url, String origin) {
        if (!url.startsWith("jdbc:") || url.startsWith(RollCallDriver.PREFIX)) {
            throw new LiveSourceException(origin + ": url must be a JDBC URL of another database, e.g. "
                    + "jdbc:postgresql://host:5432/sis");
        }
        List<String> properties;
        try {
            properties = JdbcUrlPolicy.propertyNames(url);
        } catch (IllegalArgumentException e) {
            throw new LiveSourceException(origin + ": the url has a " + e.getMessage());
        }
        List<String> refused = JdbcUrlPolicy.refusedProperties(url);
        if (!refused.isEmpty()) {
            throw new LiveSourceException(origin + ": the url sets " + String.join(", ", refused) + ", driver "
                    + "properties that load a class or write a file named in the URL; RollCall refuses them");
        }
        if (properties.stream().anyMatch(p -> p.equalsIgnoreCase("password"))) {
            throw new LiveSourceException(origin + ": the url carries a password; put it in an environment variable "
                    + "and name it with password_env (definitions are stored in the workspace)");
        }
    }

    private static void checkSourceName(String name, String where, String what) {
        if (!SOURCE_NAME.matcher(name).matches()) {
            throw new LiveSourceException(where + ": " + what + " '" + name + "' is not a plain SQL name; for an "
                    + "expression write {sql: ...}");
        }
    }

    private static String text(JsonNode node, String field, String where, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            if (required) {
                throw new LiveSourceException(where + ": '" + field + "' is required");
            }
            return null;
        }
        if (!value.isValueNode()) {
            throw new LiveSourceException(where + ": '" + field + "' must be a single value");
        }
        return value.asText().trim();
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** The schema holding the source's own tables as they are. */
    public String sourceSchemaName() {
        return name + "_source";
    }
}
