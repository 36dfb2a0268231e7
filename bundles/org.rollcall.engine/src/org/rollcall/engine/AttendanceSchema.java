package org.rollcall.engine;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.apache.calcite.adapter.jdbc.JdbcSchema;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Schemas;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.schema.impl.ViewTable;
import org.apache.calcite.sql.SqlDialect;
import org.rollcall.engine.plugins.Plugin;
import org.rollcall.engine.plugins.PluginDescriptor;
import org.rollcall.store.metrics.MetricView;

/**
 * Mounts a workspace as the Calcite schema {@code attendance}: the store's tables, the store's metric views,
 * the Dashboard view and the rule functions.
 */
public final class AttendanceSchema {

    /** The schema every RollCall connection opens in. */
    public static final String NAME = "attendance";

    private AttendanceSchema() {
    }

    /**
     * Adds the schema over {@code store} under {@code root}, with the metric views of {@code plugins}; returns what
     * was skipped and why (a metric whose name is taken, or whose SQL does not parse).
     */
    public static List<String> mount(SchemaPlus root, DataSource store, List<Plugin> plugins) {
        DataSource typed = CanonicalTypes.wrap(store);
        SqlDialect dialect = JdbcSchema.createDialect(SqliteDialect.FACTORY, typed);
        Expression expression = Schemas.subSchemaExpression(root, NAME, JdbcSchema.class);
        SchemaPlus schema = root.add(NAME, new JdbcSchema(typed, dialect, new SqliteConvention(dialect, expression, NAME),
                null, null));
        // The metric views are SQLite views in the store; only the Dashboard needs the rule functions.
        MetricView dashboard = DashboardView.VIEW;
        schema.add(dashboard.name(), ViewTable.viewMacro(schema, ViewSql.quoted(dashboard), List.of(NAME),
                List.of(NAME, dashboard.name()), false));
        schema.add("dashboard_status", ScalarFunctionImpl.create(DashboardFunctions.class, "status"));
        schema.add("dashboard_change", ScalarFunctionImpl.create(DashboardFunctions.class, "change"));
        schema.add("dashboard_change_points", ScalarFunctionImpl.create(DashboardFunctions.class, "changePoints"));
        schema.add("dashboard_color", ScalarFunctionImpl.create(DashboardFunctions.class, "color"));
        List<String> skipped = new ArrayList<>();
        for (Plugin plugin : plugins) {
            for (PluginDescriptor.Metric metric : plugin.descriptor().metrics()) {
                String name = metric.name();
                if (schema.tables().get(name) != null || SchemaDescriptions.table(name).isPresent()) {
                    skipped.add("metric " + name + " of plugin " + plugin.id() + " skipped: the name is taken");
                    continue;
                }
                try {
                    schema.add(name, ViewTable.viewMacro(schema, ViewSql.quoted(name, metric.sql()), List.of(NAME),
                            List.of(NAME, name), false));
                    SchemaDescriptions.describePluginView(name, metric.description() + " (plugin " + plugin.id() + " "
                            + plugin.descriptor().version() + ")");
                } catch (RuntimeException e) {
                    skipped.add("metric " + name + " of plugin " + plugin.id() + " skipped: " + e.getMessage());
                }
            }
        }
        return skipped;
    }
}
