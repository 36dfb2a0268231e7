package org.rollcall.server.catalog;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.IntFunction;

import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;

/**
 * The PostgreSQL catalogs of one RollCall connection: {@code pg_catalog} and {@code information_schema} as Calcite
 * schemas beside {@code attendance}, made from the connection's own metadata when it first runs SQL, and the
 * translation of each statement from PostgreSQL's SQL into the engine's ({@link PgSql}).
 */
public final class PgCatalog {

    private record State(Catalog catalog, CatalogTables tables) {
    }

    private static final Map<Connection, State> STATES = Collections.synchronizedMap(new WeakHashMap<>());

    private PgCatalog() {
    }

    /**
     * {@code sql} as the engine runs it on {@code connection}, for the session user {@code user} whose settings
     * (server_version, search_path ...) are {@code settings}; {@code fallback} when it is not SQL that Babel reads
     * (the engine then reports its own error). Each dynamic parameter ({@code ?}) of {@code sql}, numbered from 0 in
     * the order written, is written as {@code parameter} of its number wherever the translation puts it. The
     * catalogs are mounted on the connection on its first call. Catalog functions then read that connection's
     * catalog: run the result on the calling thread.
     */
    public static String translate(Connection connection, String user, Map<String, String> settings, String sql,
            IntFunction<String> parameter, String fallback) throws SQLException {
        State state = STATES.get(connection);
        if (state == null) {
            state = mount(connection, settings);
            STATES.put(connection, state);
        }
        PgFunctions.CURRENT.set(state.catalog());
        State s = state;
        try {
            String translated = PgSql.translate(sql, new PgSql.Context(state.catalog(), state.tables(), user, settings,
                    name -> s.catalog().relation(s.catalog().defaultSchema, name).isPresent()), parameter);
            return translated == null ? fallback : translated;
        } catch (IllegalArgumentException e) {
            // a regclass literal naming no relation, as PostgreSQL reports it
            throw new SQLException(e.getMessage(), "42P01", e);
        }
    }

    private static State mount(Connection connection, Map<String, String> settings) throws SQLException {
        CatalogTables tables = new CatalogTables();
        Catalog catalog = Catalog.read(connection, org.rollcall.server.PgServer.DATABASE, CatalogTables.described(tables.pgCatalog),
                CatalogTables.described(tables.informationSchema));
        tables.fill(catalog, settings);
        SchemaPlus root = connection.unwrap(CalciteConnection.class).getRootSchema();
        SchemaPlus pgCatalog = root.add("pg_catalog", schema(tables.pgCatalog));
        for (Method method : PgFunctions.class.getMethods()) {
            if (Modifier.isStatic(method.getModifiers()) && method.getDeclaringClass() == PgFunctions.class) {
                pgCatalog.add(method.getName(), ScalarFunctionImpl.create(method));
            }
        }
        root.add("information_schema", schema(tables.informationSchema));
        return new State(catalog, tables);
    }

    private static AbstractSchema schema(Map<String, RowTable> tables) {
        Map<String, Table> map = Map.copyOf(tables);
        return new AbstractSchema() {
            @Override
            protected Map<String, Table> getTableMap() {
                return map;
            }
        };
    }
}
