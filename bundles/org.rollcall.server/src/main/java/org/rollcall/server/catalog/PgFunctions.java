package org.rollcall.server.catalog;

import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The PostgreSQL functions catalog queries call, as Calcite functions of {@code pg_catalog} (the method names are
 * the functions' names). Those that look things up read the catalog of the connection whose query runs on this
 * thread (a session runs its queries on its own thread, see {@link PgCatalog#translate}).
 */
public final class PgFunctions {

    static final ThreadLocal<Catalog> CURRENT = new ThreadLocal<>();

    private PgFunctions() {
    }

    private static Catalog catalog() {
        Catalog catalog = CURRENT.get();
        if (catalog == null) {
            throw new IllegalStateException("the PostgreSQL catalog functions run only inside rollcall serve");
        }
        return catalog;
    }

    public static String format_type(Integer type, Integer typmod) {
        return type == null ? null : Catalog.formatType(type);
    }

    /** Defaults are never stored (the schema is read-only and has none), so an expression is its own text. */
    public static String pg_get_expr(String expression, Integer relation) {
        return expression;
    }

    public static String pg_get_expr(String expression, Integer relation, Boolean pretty) {
        return expression;
    }

    public static Boolean pg_table_is_visible(Integer oid) {
        return oid == null ? null : catalog().relation(oid).map(r -> r.schema().oid() == Catalog.DEFAULT_SCHEMA_OID
                || r.schema().oid() == Catalog.PG_CATALOG_OID).orElse(catalog().relationName(oid).isPresent());
    }

    public static Boolean pg_type_is_visible(Integer oid) {
        return oid == null ? null : true;
    }

    public static Boolean pg_function_is_visible(Integer oid) {
        return oid == null ? null : true;
    }

    public static String obj_description(Integer oid, String catalogName) {
        if (oid == null || !"pg_class".equals(catalogName)) {
            return null;
        }
        return catalog().relation(oid).map(Catalog.Relation::remarks).filter(r -> !r.isEmpty()).orElse(null);
    }

    public static String obj_description(Integer oid) {
        return obj_description(oid, "pg_class");
    }

    public static String col_description(Integer oid, Short column) {
        return column == null ? null : col_description(oid, Integer.valueOf(column));
    }

    public static String col_description(Integer oid, Integer column) {
        if (oid == null || column == null) {
            return null;
        }
        return catalog().relation(oid).flatMap(r -> r.columns().stream().filter(c -> c.number() == column.intValue()).findFirst())
                .map(Catalog.Column::remarks).filter(r -> !r.isEmpty()).orElse(null);
    }

    public static String shobj_description(Integer oid, String catalogName) {
        return null;
    }

    public static String pg_get_constraintdef(Integer oid) {
        return oid == null ? null : catalog().constraint(oid).map(catalog()::definition).orElse(null);
    }

    public static String pg_get_constraintdef(Integer oid, Boolean pretty) {
        return pg_get_constraintdef(oid);
    }

    public static String pg_get_indexdef(Integer oid) {
        if (oid == null) {
            return null;
        }
        Catalog catalog = catalog();
        return catalog.relations.stream().filter(r -> r.primaryKey() != null && r.primaryKey().indexOid() == oid)
                .findFirst().map(r -> "CREATE UNIQUE INDEX " + r.primaryKey().name() + " ON " + r.schema().name() + "."
                        + r.name() + " USING btree (" + String.join(", ", r.primaryKey().columns()) + ")")
                .orElse(null);
    }

    public static String pg_get_indexdef(Integer oid, Integer column, Boolean pretty) {
        return pg_get_indexdef(oid);
    }

    public static String pg_get_viewdef(Integer oid) {
        return null;
    }

    public static String pg_get_viewdef(Integer oid, Boolean pretty) {
        return null;
    }

    public static String pg_get_userbyid(Integer oid) {
        return oid == null ? null : oid == Catalog.OWNER_OID ? Catalog.OWNER : "unknown (OID=" + oid + ")";
    }

    public static String pg_encoding_to_char(Integer encoding) {
        return encoding == null ? null : encoding == 6 ? "UTF8" : "";
    }

    public static Boolean has_table_privilege(String table, String privilege) {
        return readPrivilege(privilege);
    }

    public static Boolean has_table_privilege(String user, String table, String privilege) {
        return readPrivilege(privilege);
    }

    public static Boolean has_schema_privilege(String schema, String privilege) {
        return privilege == null ? null : privilege.toUpperCase().contains("USAGE");
    }

    public static Boolean has_schema_privilege(String user, String schema, String privilege) {
        return has_schema_privilege(schema, privilege);
    }

    public static Boolean has_database_privilege(String database, String privilege) {
        return privilege == null ? null : privilege.toUpperCase().matches("(CONNECT|TEMP|TEMPORARY)(,.*)?");
    }

    public static Boolean has_database_privilege(String user, String database, String privilege) {
        return has_database_privilege(database, privilege);
    }

    public static Boolean has_column_privilege(String table, String column, String privilege) {
        return readPrivilege(privilege);
    }

    /** A read-only server grants SELECT and nothing else. */
    private static Boolean readPrivilege(String privilege) {
        return privilege == null ? null
                : Arrays.stream(privilege.split(",")).allMatch(p -> p.strip().toUpperCase().startsWith("SELECT"));
    }

    /** Joins a PostgreSQL array shown in its text form ({a,b}, or "1 2" for a vector). */
    public static String array_to_string(String array, String separator) {
        if (array == null) {
            return null;
        }
        String[] items = elements(array);
        return String.join(separator == null ? "" : separator, items);
    }

    /** {@code value = ANY(array)} over an array in its text form. */
    public static Boolean pg_array_has(String array, String value) {
        if (array == null || value == null) {
            return null;
        }
        return Arrays.asList(elements(array)).contains(value);
    }

    /** {@code array[i]}: a vector (int2vector, oidvector) counts from 0, an array from 1, as in PostgreSQL. */
    public static Integer pg_array_item(String array, Integer index) {
        if (array == null || index == null) {
            return null;
        }
        String[] items = elements(array);
        int i = array.startsWith("{") ? index - 1 : index;
        if (i < 0 || i >= items.length || items[i].isEmpty()) {
            return null;
        }
        return Integer.valueOf(items[i]);
    }

    private static String[] elements(String array) {
        String body = array.strip();
        if (body.startsWith("{")) {
            body = body.substring(1, body.length() - 1);
            return body.isEmpty() ? new String[0] : body.split(",");
        }
        return body.isEmpty() ? new String[0] : body.split("\\s+");
    }

    /** {@code ~} and {@code ~*}: a POSIX regular expression match (Java's syntax covers what clients send). */
    public static Boolean pg_regex_match(String value, String pattern, Boolean caseInsensitive) {
        if (value == null || pattern == null) {
            return null;
        }
        try {
            int flags = Boolean.TRUE.equals(caseInsensitive) ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
            return Pattern.compile(pattern, flags).matcher(value).find();
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regular expression: " + e.getDescription());
        }
    }

    public static String pg_regclass_name(Integer oid) {
        if (oid == null) {
            return null;
        }
        Catalog catalog = catalog();
        return catalog.relation(oid).map(r -> r.schema().oid() == Catalog.DEFAULT_SCHEMA_OID
                || r.schema().oid() == Catalog.PG_CATALOG_OID ? r.name() : r.schema().name() + "." + r.name())
                .or(() -> catalog.relationName(oid)).orElse(String.valueOf(oid));
    }

    public static String pg_regnamespace_name(Integer oid) {
        return oid == null ? null : catalog().schema(oid).map(Catalog.Schema::name).orElse(String.valueOf(oid));
    }

    public static Long pg_table_size(Integer oid) {
        return oid == null ? null : 0L;
    }

    public static Long pg_total_relation_size(Integer oid) {
        return pg_table_size(oid);
    }

    public static Long pg_relation_size(Integer oid) {
        return pg_table_size(oid);
    }

    public static String pg_size_pretty(Long bytes) {
        if (bytes == null) {
            return null;
        }
        return bytes < 10240 ? bytes + " bytes" : bytes / 1024 < 10240 ? (bytes + 512) / 1024 + " kB"
                : (bytes + 512 * 1024) / (1024 * 1024) + " MB";
    }

    public static String quote_ident(String name) {
        if (name == null) {
            return null;
        }
        return name.matches("[a-z_][a-z0-9_$]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    public static Integer pg_backend_pid() {
        return (int) ProcessHandle.current().pid();
    }

    public static String pg_get_serial_sequence(String table, String column) {
        return null;
    }

    public static Integer txid_current() {
        return 1;
    }
}
