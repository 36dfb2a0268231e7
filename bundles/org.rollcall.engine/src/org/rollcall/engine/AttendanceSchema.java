package org.rollcall.engine;

import java.nio.file.Path;
import java.util.List;

import org.apache.calcite.adapter.jdbc.JdbcSchema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.schema.impl.ViewTable;
import org.rollcall.store.Workspace;

/**
 * Mounts a workspace as the Calcite schema {@code attendance}: the store's tables, the metric views and the
 * rule functions.
 */
public final class AttendanceSchema {

    /** The schema every RollCall connection opens in. */
    public static final String NAME = "attendance";

    private AttendanceSchema() {
    }

    /** Adds the schema over {@code workspaceFile}, read-only, under {@code root}. */
    public static SchemaPlus mount(SchemaPlus root, Path workspaceFile) {
        SchemaPlus schema = root.add(NAME, JdbcSchema.create(root, NAME,
                CanonicalTypes.wrap(Workspace.dataSource(workspaceFile, true)),
                SqliteDialect.FACTORY, null, null));
        for (MetricView view : MetricViews.ALL) {
            schema.add(view.name(), ViewTable.viewMacro(schema, ViewSql.quoted(view), List.of(NAME), List.of(NAME,
                    view.name()), false));
        }
        schema.add("dashboard_status", ScalarFunctionImpl.create(DashboardFunctions.class, "status"));
        schema.add("dashboard_change", ScalarFunctionImpl.create(DashboardFunctions.class, "change"));
        schema.add("dashboard_color", ScalarFunctionImpl.create(DashboardFunctions.class, "color"));
        return schema;
    }
}
