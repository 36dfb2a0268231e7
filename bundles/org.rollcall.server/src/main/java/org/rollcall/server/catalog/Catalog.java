package org.rollcall.server.catalog;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the PostgreSQL catalogs describe, read from the RollCall connection's own JDBC metadata (the engine's
 * tables, views, columns, remarks, primary and foreign keys): schemas, relations, columns and constraints, each
 * with the OID PostgreSQL clients join on. OIDs are given in name order from 16384 (PostgreSQL's first user OID),
 * so the same schema always gets the same OIDs.
 */
final class Catalog {

    static final int PG_CATALOG_OID = 11;
    static final int INFORMATION_SCHEMA_OID = 13000;
    /** The attendance schema takes the OID PostgreSQL gives {@code public}: it is the schema users work in. */
    static final int DEFAULT_SCHEMA_OID = 2200;
    static final int OWNER_OID = 10;
    static final String OWNER = "rollcall";
    static final int PG_CLASS_OID = 1259;
    static final int PG_CONSTRAINT_OID = 2606;
    static final int HEAP_AM = 2;
    static final int BTREE_AM = 403;
    static final int DEFAULT_COLLATION = 100;
    private static final int FIRST_USER_OID = 16384;

    /** A PostgreSQL type as pg_type lists it. */
    record Type(int oid, String name, int length, String category, int arrayOid, int collation) {
    }

    /** The types the endpoint's columns have, with PostgreSQL's OIDs. */
    static final List<Type> TYPES = List.of(
            new Type(16, "bool", 1, "B", 1000, 0),
            new Type(18, "char", 1, "Z", 1002, 0),
            new Type(19, "name", 64, "S", 1003, 950),
            new Type(20, "int8", 8, "N", 1016, 0),
            new Type(21, "int2", 2, "N", 1005, 0),
            new Type(22, "int2vector", -1, "A", 1006, 0),
            new Type(23, "int4", 4, "N", 1007, 0),
            new Type(25, "text", -1, "S", 1009, DEFAULT_COLLATION),
            new Type(26, "oid", 4, "N", 1028, 0),
            new Type(700, "float4", 4, "N", 1021, 0),
            new Type(701, "float8", 8, "N", 1022, 0),
            new Type(1043, "varchar", -1, "S", 1015, DEFAULT_COLLATION),
            new Type(1082, "date", 4, "D", 1182, 0),
            new Type(1083, "time", 8, "D", 1183, 0),
            new Type(1114, "timestamp", 8, "D", 1115, 0),
            new Type(1184, "timestamptz", 8, "D", 1185, 0),
            new Type(1700, "numeric", -1, "N", 1231, 0),
            new Type(17, "bytea", -1, "U", 1001, 0));

    record Schema(int oid, String name) {
    }

    record Column(String name, int number, Type type, boolean notNull, String remarks) {
    }

    record Relation(int oid, Schema schema, String name, char kind, String remarks, List<Column> columns,
            Constraint primaryKey, List<Constraint> foreignKeys) {

        Optional<Column> column(String name) {
            return columns.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
        }
    }

    /**
     * A primary key ({@code p}, with the OID of the unique index PostgreSQL makes for it) or a foreign key
     * ({@code f}, naming the referenced relation).
     */
    record Constraint(int oid, int indexOid, String name, char type, String table, List<String> columns,
            String referencedSchema, String referencedTable, List<String> referencedColumns) {
    }

    final String database;
    final String defaultSchema;
    final List<Schema> schemas = new ArrayList<>();
    final List<Relation> relations = new ArrayList<>();
    private final Map<Integer, Relation> byOid = new LinkedHashMap<>();
    private final Map<Integer, Constraint> constraintsByOid = new LinkedHashMap<>();

    private Catalog(String database, String defaultSchema) {
        this.database = database;
        this.defaultSchema = defaultSchema;
    }

    /**
     * Reads the relations of {@code connection} (every schema but Calcite's {@code metadata} and the catalogs
     * themselves), then adds the catalog tables {@code systemTables} under pg_catalog and information_schema.
     */
    static Catalog read(Connection connection, String database, Map<String, List<Column>> pgCatalogTables,
            Map<String, List<Column>> informationSchemaTables) throws SQLException {
        String defaultSchema = Optional.ofNullable(connection.getSchema()).orElse("attendance");
        Catalog catalog = new Catalog(database, defaultSchema);
        DatabaseMetaData meta = connection.getMetaData();
        record Found(String schema, String name, char kind, String remarks) {
        }
        List<Found> found = new ArrayList<>();
        try (ResultSet tables = meta.getTables(null, null, "%", null)) {
            while (tables.next()) {
                String schema = tables.getString("TABLE_SCHEM");
                if (schema == null || schema.equalsIgnoreCase("metadata") || schema.equals("pg_catalog")
                        || schema.equals("information_schema")) {
                    continue;
                }
                String type = String.valueOf(tables.getString("TABLE_TYPE")).toUpperCase(Locale.ROOT);
                found.add(new Found(schema, tables.getString("TABLE_NAME"), type.contains("VIEW") ? 'v' : 'r',
                        tables.getString("REMARKS")));
            }
        }
        found.sort(Comparator.comparing(Found::schema).thenComparing(Found::name));
        Map<String, Schema> schemas = new TreeMap<>();
        catalog.schemas.add(new Schema(PG_CATALOG_OID, "pg_catalog"));
        catalog.schemas.add(new Schema(DEFAULT_SCHEMA_OID, defaultSchema));
        catalog.schemas.add(new Schema(INFORMATION_SCHEMA_OID, "information_schema"));
        schemas.put(defaultSchema, catalog.schemas.get(1));
        int[] next = {FIRST_USER_OID};
        for (Found f : found) {
            schemas.computeIfAbsent(f.schema(), name -> {
                Schema s = new Schema(next[0]++, name);
                catalog.schemas.add(s);
                return s;
            });
        }
        for (Found f : found) {
            Schema schema = schemas.get(f.schema());
            int oid = next[0]++;
            List<Column> columns = new ArrayList<>();
            try (ResultSet rs = meta.getColumns(null, f.schema(), escape(f.name(), meta), "%")) {
                while (rs.next()) {
                    // (Calcite lists a view macro's columns under every pattern: keep the table's own)
                    if (!f.name().equals(rs.getString("TABLE_NAME")) || !f.schema().equals(rs.getString("TABLE_SCHEM"))) {
                        continue;
                    }
                    columns.add(new Column(rs.getString("COLUMN_NAME"), rs.getInt("ORDINAL_POSITION"),
                            ofJdbc(rs.getInt("DATA_TYPE")),
                            f.kind() == 'r' && rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls,
                            rs.getString("REMARKS")));
                }
            }
            columns.sort(Comparator.comparingInt(Column::number));
            Constraint primaryKey = null;
            List<Constraint> foreignKeys = new ArrayList<>();
            if (f.kind() == 'r') {
                TreeMap<Short, String> key = new TreeMap<>();
                try (ResultSet rs = meta.getPrimaryKeys(null, f.schema(), f.name())) {
                    while (rs.next()) {
                        key.put(rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME"));
                    }
                }
                if (!key.isEmpty()) {
                    int indexOid = next[0]++;
                    primaryKey = new Constraint(next[0]++, indexOid, f.name() + "_pkey", 'p', f.name(),
                            List.copyOf(key.values()), null, null, List.of());
                }
                Map<String, List<String[]>> references = new LinkedHashMap<>();
                try (ResultSet rs = meta.getImportedKeys(null, f.schema(), f.name())) {
                    while (rs.next()) {
                        references.computeIfAbsent(rs.getString("FK_NAME"), k -> new ArrayList<>())
                                .add(new String[] {rs.getString("FKCOLUMN_NAME"), rs.getString("PKTABLE_SCHEM"),
                                    rs.getString("PKTABLE_NAME"), rs.getString("PKCOLUMN_NAME")});
                    }
                }
                // PostgreSQL's own names: <table>_<columns>_fkey, in name order
                TreeMap<String, List<String[]>> named = new TreeMap<>();
                references.values().forEach(parts -> named.put(f.name() + "_"
                        + String.join("_", parts.stream().map(p -> p[0]).toList()) + "_fkey", parts));
                for (Map.Entry<String, List<String[]>> fk : named.entrySet()) {
                    List<String[]> parts = fk.getValue();
                    foreignKeys.add(new Constraint(next[0]++, 0, fk.getKey(), 'f', f.name(),
                            parts.stream().map(p -> p[0]).toList(), parts.get(0)[1], parts.get(0)[2],
                            parts.stream().map(p -> p[3]).toList()));
                }
            }
            catalog.add(new Relation(oid, schema, f.name(), f.kind(), f.remarks(), List.copyOf(columns), primaryKey,
                    List.copyOf(foreignKeys)));
        }
        // the catalogs describe themselves, as PostgreSQL's do (pgjdbc lists them as SYSTEM TABLE)
        int[] system = {12000};
        Schema pgCatalog = catalog.schemas.get(0);
        Schema informationSchema = catalog.schemas.get(2);
        pgCatalogTables.forEach((name, columns) -> catalog.add(new Relation(
                name.equals("pg_class") ? PG_CLASS_OID : name.equals("pg_constraint") ? PG_CONSTRAINT_OID : system[0]++,
                pgCatalog, name, 'r', null, columns, null, List.of())));
        informationSchemaTables.forEach((name, columns) -> catalog.add(new Relation(system[0]++, informationSchema,
                name, 'v', null, columns, null, List.of())));
        return catalog;
    }

    private static String escape(String name, DatabaseMetaData meta) throws SQLException {
        String escape = meta.getSearchStringEscape();
        if (escape == null || escape.isEmpty()) {
            return name;
        }
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }

    private void add(Relation relation) {
        relations.add(relation);
        byOid.put(relation.oid(), relation);
        if (relation.primaryKey() != null) {
            constraintsByOid.put(relation.primaryKey().oid(), relation.primaryKey());
        }
        relation.foreignKeys().forEach(fk -> constraintsByOid.put(fk.oid(), fk));
    }

    Optional<Relation> relation(int oid) {
        return Optional.ofNullable(byOid.get(oid));
    }

    /** A relation by name, as PostgreSQL resolves a {@code regclass} literal: qualified, or on the search path. */
    Optional<Relation> relation(String schema, String name) {
        return relations.stream().filter(r -> r.name().equals(name)
                && (schema == null ? r.schema().name().equals(defaultSchema) || r.schema().oid() == PG_CATALOG_OID
                        : r.schema().name().equals(schema)))
                .findFirst();
    }

    /** A relation or index by OID, as its name. */
    Optional<String> relationName(int oid) {
        Relation relation = byOid.get(oid);
        if (relation != null) {
            return Optional.of(relation.name());
        }
        return primaryKeys().filter(k -> k.indexOid() == oid).map(k -> k.name()).findFirst();
    }

    Optional<Constraint> constraint(int oid) {
        return Optional.ofNullable(constraintsByOid.get(oid));
    }

    java.util.stream.Stream<Constraint> primaryKeys() {
        return relations.stream().map(Relation::primaryKey).filter(java.util.Objects::nonNull);
    }

    Optional<Schema> schema(int oid) {
        return schemas.stream().filter(s -> s.oid() == oid).findFirst();
    }

    static Optional<Type> type(String name) {
        return TYPES.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    static Optional<Type> type(int oid) {
        return TYPES.stream().filter(t -> t.oid() == oid).findFirst();
    }

    /** The PostgreSQL type a column of JDBC type {@code jdbcType} is shown as. */
    static Type ofJdbc(int jdbcType) {
        String name = switch (jdbcType) {
            case Types.BIGINT -> "int8";
            case Types.INTEGER -> "int4";
            case Types.SMALLINT, Types.TINYINT -> "int2";
            case Types.DOUBLE, Types.FLOAT -> "float8";
            case Types.REAL -> "float4";
            case Types.DECIMAL, Types.NUMERIC -> "numeric";
            case Types.BOOLEAN, Types.BIT -> "bool";
            case Types.DATE -> "date";
            case Types.TIME -> "time";
            case Types.TIMESTAMP -> "timestamp";
            case Types.TIMESTAMP_WITH_TIMEZONE -> "timestamptz";
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> "bytea";
            default -> "text";
        };
        return type(name).orElseThrow();
    }

    /** format_type's spelling of a type, as psql's \d and SQLAlchemy read it. */
    static String formatType(int oid) {
        return switch (oid) {
            case 16 -> "boolean";
            case 18 -> "\"char\"";
            case 20 -> "bigint";
            case 21 -> "smallint";
            case 23 -> "integer";
            case 700 -> "real";
            case 701 -> "double precision";
            case 1043 -> "character varying";
            case 1083 -> "time without time zone";
            case 1114 -> "timestamp without time zone";
            case 1184 -> "timestamp with time zone";
            default -> type(oid).map(Type::name).orElse("???");
        };
    }

    /** pg_get_constraintdef: {@code PRIMARY KEY (a, b)} or {@code FOREIGN KEY (a) REFERENCES t(b)}. */
    String definition(Constraint c) {
        if (c.type() == 'p') {
            return "PRIMARY KEY (" + String.join(", ", c.columns()) + ")";
        }
        String target = c.referencedSchema() == null || c.referencedSchema().equals(defaultSchema) ? c.referencedTable()
                : c.referencedSchema() + "." + c.referencedTable();
        return "FOREIGN KEY (" + String.join(", ", c.columns()) + ") REFERENCES " + target + "("
                + String.join(", ", c.referencedColumns()) + ")";
    }
}
