package org.rollcall.engine;

import java.util.Optional;
import java.util.stream.Stream;

import org.rollcall.model.CanonicalSchema;
import org.rollcall.model.Column;
import org.rollcall.model.Table;
import org.rollcall.store.metrics.MetricView;
import org.rollcall.store.metrics.MetricViews;

/** What each table, view and column of the attendance schema is, for JDBC metadata and the workbench. */
public final class SchemaDescriptions {

    private SchemaDescriptions() {
    }

    /** Every view of the schema: the store's metric views and the engine's Dashboard view. */
    public static Stream<MetricView> views() {
        return Stream.concat(MetricViews.ALL.stream(), Stream.of(DashboardView.VIEW));
    }

    public static Optional<String> ofTable(String name) {
        return CanonicalSchema.table(name).map(Table::description)
                .or(() -> view(name).map(MetricView::description));
    }

    public static Optional<String> ofColumn(String table, String column) {
        return columnOf(table, column).map(Column::description);
    }

    /** The declared column of a canonical table or view, with its type and description. */
    public static Optional<Column> columnOf(String table, String column) {
        return CanonicalSchema.table(table).flatMap(t -> t.column(column))
                .or(() -> view(table).flatMap(v -> v.column(column)));
    }

    private static Optional<MetricView> view(String name) {
        return views().filter(v -> v.name().equalsIgnoreCase(name)).findFirst();
    }
}
