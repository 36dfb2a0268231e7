package org.rollcall.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcSchema;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Schemas;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.ViewTable;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.dialect.AnsiSqlDialect;
import org.apache.calcite.sql.dialect.MssqlSqlDialect;
import org.apache.calcite.sql.dialect.MysqlSqlDialect;
import org.apache.calcite.sql.dialect.OracleSqlDialect;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;
import org.apache.calcite.sql.type.SqlTypeName;
import org.rollcall.engine.LiveSource.LiveTable;
import org.rollcall.model.ColumnType;

import com.zaxxer.hikari.HikariConfig;

/**
 * Mounts a workspace's live sources beside {@code attendance}: for a source named {@code sis}, the schema
 * {@code sis_source} holds the source's own tables (Calcite's JDBC adapter, so filters, projections, joins and
 * aggregations run in the source database) and {@code sis} holds the canonical tables as views over them, plus the
 * summaries and chronic absence rates derived from them ({@link LiveViews}). Nothing is copied, and nothing connects
 * until a query needs the source: a source that is down fails its own queries only.
 */
final class LiveSchemas {

    private LiveSchemas() {
    }

    /** The live sources a workspace defines, read through {@code store}. */
    static List<LiveSource> defined(DataSource store) throws SQLException {
        try (Connection connection = store.getConnection()) {
            return LiveSources.read(connection, null);
        }
    }

    /**
     * Adds each source under {@code root}; the returned handle closes their connection pools. Credentials come from
     * the client's {@code <name>.user} / {@code <name>.password} properties when given (a BI tool's connection
     * dialog), else from the definition's user and the environment variable it names.
     */
    static AutoCloseable mount(SchemaPlus root, List<LiveSource> sources, Properties client) {
        List<LivePool> pools = new ArrayList<>();
        try {
            for (LiveSource source : sources) {
                LivePool pool = pool(source, client);
                pools.add(pool);
                mountOne(root, source, pool);
            }
        } catch (RuntimeException e) {
            pools.forEach(LivePool::close);
            throw e;
        }
        return () -> pools.forEach(LivePool::close);
    }

    private static void mountOne(SchemaPlus root, LiveSource source, DataSource pool) {
        String rawName = source.sourceSchemaName();
        SqlDialect dialect = dialect(source.url());
        Expression expression = Schemas.subSchemaExpression(root, rawName, JdbcSchema.class);
        JdbcSchema raw = new JdbcSchema(pool, dialect, JdbcConvention.of(dialect, expression, rawName), null,
                source.sourceSchema());
        SchemaPlus rawPlus = root.add(rawName, raw);
        SchemaPlus canonical = root.add(source.name(), new AbstractSchema());
        for (LiveTable table : source.tables().values()) {
            canonical.add(table.table().name(), new LiveTableMacro(canonical, source.name(), rawPlus, table));
        }
        for (Map.Entry<String, String> view : LiveViews.over(source.tables().keySet()).entrySet()) {
            addView(canonical, source.name(), view.getKey(), view.getValue());
        }
    }

    private static void addView(SchemaPlus schema, String schemaName, String viewName, String sql) {
        schema.add(viewName, ViewTable.viewMacro(schema, ViewSql.quoted(viewName, sql), List.of(schemaName),
                List.of(schemaName, viewName), false));
    }

    /**
     * The canonical table as a projection of the source table: each column under its canonical name, cast to its
     * canonical type where the source's type ({@code sourceRow}, null when unknown) does not already fit. Calcite
     * types a CASE over text literals of different lengths as CHAR, padded with blanks; an expression's text is
     * therefore trimmed of trailing blanks.
     */
    static String canonicalSql(String rawSchema, LiveTable table, RelDataType sourceRow) {
        return table.columns().entrySet().stream()
                .map(e -> {
                    ColumnType type = e.getKey().type();
                    String sql = e.getValue().sql();
                    if (!e.getValue().expression() && fits(type, sourceType(sourceRow, e.getValue().column()))) {
                        return sql + " AS " + LiveSource.quote(e.getKey().name());
                    }
                    String cast = "CAST(" + sql + " AS " + sqlType(type) + ")";
                    boolean trim = e.getValue().expression() && type == ColumnType.TEXT;
                    return (trim ? "TRIM(TRAILING ' ' FROM " + cast + ")" : cast) + " AS "
                            + LiveSource.quote(e.getKey().name());
                })
                .collect(Collectors.joining(", ", "SELECT ", " FROM " + LiveSource.quote(rawSchema) + "."
                        + LiveSource.quote(table.from())));
    }

    private static SqlTypeName sourceType(RelDataType row, String column) {
        if (row == null || column == null) {
            return null;
        }
        RelDataTypeField field = row.getField(column, false, false);
        return field == null ? null : field.getType().getSqlTypeName();
    }

    /** Whether a source column of type {@code source} can stand for a canonical column of type {@code type}. */
    private static boolean fits(ColumnType type, SqlTypeName source) {
        if (source == null) {
            return false;
        }
        return switch (type) {
            case INTEGER -> SqlTypeName.INT_TYPES.contains(source);
            case TEXT -> SqlTypeName.CHAR_TYPES.contains(source);
            case DATE -> source == SqlTypeName.DATE;
            case DOUBLE -> SqlTypeName.APPROX_TYPES.contains(source) || source == SqlTypeName.DECIMAL;
            case BOOLEAN -> source == SqlTypeName.BOOLEAN;
        };
    }

    private static String sqlType(ColumnType type) {
        return sqlTypeName(type).getName();
    }

    /** The SQL type a canonical column has in a live schema. */
    static SqlTypeName sqlTypeName(ColumnType type) {
        return switch (type) {
            case INTEGER -> SqlTypeName.INTEGER;
            case TEXT -> SqlTypeName.VARCHAR;
            case DATE -> SqlTypeName.DATE;
            case DOUBLE -> SqlTypeName.DOUBLE;
            case BOOLEAN -> SqlTypeName.BOOLEAN;
        };
    }

    /**
     * The SQL the source speaks, chosen by its URL without connecting (Calcite's dialect factory would open a
     * connection when the schema is mounted). Databases not listed get ANSI SQL.
     */
    static SqlDialect dialect(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:")) {
            return PostgresqlSqlDialect.DEFAULT;
        } else if (lower.startsWith("jdbc:mysql:") || lower.startsWith("jdbc:mariadb:")) {
            return MysqlSqlDialect.DEFAULT;
        } else if (lower.startsWith("jdbc:sqlserver:")) {
            return MssqlSqlDialect.DEFAULT;
        } else if (lower.startsWith("jdbc:oracle:")) {
            return OracleSqlDialect.DEFAULT;
        }
        return AnsiSqlDialect.DEFAULT;
    }

    /**
     * Read-only connections, the pool made on first use: a source that is down, or whose driver is missing, fails
     * its own queries with a message naming it, and the workspace still opens.
     */
    private static LivePool pool(LiveSource source, Properties client) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("rollcall-live-" + source.name());
        Properties login = new Properties();
        String user = client.getProperty(source.name() + ".user", source.user());
        String password = client.getProperty(source.name() + ".password",
                source.passwordEnv() == null ? null : System.getenv(source.passwordEnv()));
        if (user != null) {
            login.setProperty("user", user);
        }
        if (password != null) {
            login.setProperty("password", password);
        }
        if (source.url().startsWith("jdbc:postgresql:")) {
            // pgjdbc enforces read-only only inside explicit transactions unless told to always
            login.setProperty("readOnlyMode", "always");
        }
        config.setReadOnly(true);
        config.setMinimumIdle(0);
        config.setMaximumPoolSize(4);
        config.setIdleTimeout(TimeUnit.MINUTES.toMillis(2));
        config.setConnectionTimeout(TimeUnit.SECONDS.toMillis(source.timeoutSeconds()));
        config.setInitializationFailTimeout(-1);
        config.setRegisterMbeans(false);
        return new LivePool(source, config, login);
    }
}
