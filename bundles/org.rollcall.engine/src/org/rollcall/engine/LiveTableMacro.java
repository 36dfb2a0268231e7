package org.rollcall.engine;

import java.util.List;

import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.TableMacro;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
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

    /**
     * The view, or, while the source cannot be reached, a table of the canonical columns whose every query fails
     * with the reason: metadata (a BI tool listing every schema's columns) still answers, and only queries that
     * need the source fail. The next use tries the source again.
     */
    @Override
    public TranslatableTable apply(List<? extends Object> arguments) {
        TableMacro resolved = view;
        if (resolved == null) {
            RelDataType sourceRow;
            try {
                sourceRow = sourceRowType();
            } catch (RuntimeException e) {
                return new Unreachable(table.table(), reason(e));
            }
            String name = table.table().name();
            String sql = LiveSchemas.canonicalSql(raw.getName(), table, sourceRow);
            resolved = ViewTable.viewMacro(schema, ViewSql.quoted(name, sql), List.of(schemaName),
                    List.of(schemaName, name), false);
            view = resolved;
        }
        return resolved.apply(arguments);
    }

    /** The innermost message that names the source (LivePool's), else the whole chain. */
    private static String reason(Throwable e) {
        StringBuilder chain = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().startsWith("Live source '")) {
                return t.getMessage();
            }
            if (t.getMessage() != null && !chain.toString().contains(t.getMessage())) {
                chain.append(chain.isEmpty() ? "" : ": ").append(t.getMessage());
            }
        }
        return chain.toString();
    }

    /** A live table whose source did not answer: its canonical columns, and the reason for any query. */
    private static final class Unreachable extends AbstractTable implements TranslatableTable {
        private final org.rollcall.model.Table table;
        private final String reason;

        Unreachable(org.rollcall.model.Table table, String reason) {
            this.table = table;
            this.reason = reason;
        }

        @Override
        public RelDataType getRowType(RelDataTypeFactory types) {
            RelDataTypeFactory.Builder row = types.builder();
            for (org.rollcall.model.Column column : table.columns()) {
                row.add(column.name(), types.createTypeWithNullability(types.createSqlType(
                        LiveSchemas.sqlTypeName(column.type())), true));
            }
            return row.build();
        }

        @Override
        public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
            throw new LiveSourceException(reason);
        }
    }

    /** The source table's columns, or null when the source has no such table (the view's SQL then says so). */
    private RelDataType sourceRowType() {
        Named<Table> source = raw.tables().getIgnoreCase(table.from());
        JavaTypeFactory types = new JavaTypeFactoryImpl();
        return source == null ? null : source.entity().getRowType(types);
    }
}
