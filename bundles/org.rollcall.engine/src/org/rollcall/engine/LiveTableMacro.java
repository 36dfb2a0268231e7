package org.rollcall.engine;

import java.util.List;

import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.TableMacro;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.ViewTable;
import org.apache.calcite.schema.lookup.Named;
import org.rollcall.engine.LiveSource.LiveTable;

/**
 * A canonical table of a live source, as a view whose SQL is written the first time a query uses it, once the
 * source's column types are known: a column whose type already fits its canonical one is used as it is, so that a
 * filter on it reaches the source untouched and can use its indexes (a cast around the column would hide them).
 */
final class LiveTableMacro implements TableMacro {

    private final SchemaPlus schema;
    private final String schemaName;
    private final SchemaPlus raw;
    private final LiveTable table;
    private volatile TableMacro view;

    /** The canonical {@code table} in {@code schema} (named {@code schemaName}) over the source schema {@code raw}. */
    LiveTableMacro(SchemaPlus schema, String schemaName, SchemaPlus raw, LiveTable table) {
        this.schema = schema;
        this.schemaName = schemaName;
        this.raw = raw;
        this.table = table;
    }

    @Override
    public List<FunctionParameter> getParameters() {
        return List.of();
    }

    @Override
    public TranslatableTable apply(List<? extends Object> arguments) {
        TableMacro resolved = view;
        if (resolved == null) {
            String name = table.table().name();
            String sql = LiveSchemas.canonicalSql(raw.getName(), table, sourceRowType());
            resolved = ViewTable.viewMacro(schema, ViewSql.quoted(name, sql), List.of(schemaName),
                    List.of(schemaName, name), false);
            view = resolved;
        }
        return resolved.apply(arguments);
    }

    /** The source table's columns, or null when the source has no such table (the view's SQL then says so). */
    private RelDataType sourceRowType() {
        Named<Table> source = raw.tables().getIgnoreCase(table.from());
        JavaTypeFactory types = new JavaTypeFactoryImpl();
        return source == null ? null : source.entity().getRowType(types);
    }
}
