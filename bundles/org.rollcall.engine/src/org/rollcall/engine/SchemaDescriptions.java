package org.rollcall.engine;

import java.util.Optional;
import java.util.stream.Stream;

import org.rollcall.model.CanonicalSchema;
import org.rollcall.model.Column;
import org.rollcall.model.Table;
import org.rollcall.store.metrics.MetricView;
import org.rollcall.store.metrics.MetricViews;
import org.rollcall.store.spi.Derivation;
import org.rollcall.store.spi.Derivations;

/** What each table, view and column of the attendance schema is, for JDBC metadata and the workbench. */
public final class SchemaDescriptions {

    private SchemaDescriptions() {
    }

    /** Every view of the schema: the store's metric views and the engine's Dashboard view. */
    public static Stream<MetricView> views() {
        return Stream.concat(MetricViews.ALL.stream(), Stream.of(DashboardView.VIEW));
    }

    /** Descriptions of the plugins' metric views mounted in this JVM, by name. */
    private static final java.util.Map<String, String> PLUGIN_VIEWS = new java.util.concurrent.ConcurrentHashMap<>();

    public static Optional<String> ofTable(String name) {
        return table(name).map(Table::description)
                .or(() -> view(name).map(MetricView::description))
                .or(() -> Optional.ofNullable(PLUGIN_VIEWS.get(name.toLowerCase(java.util.Locale.ROOT))));
    }

    static void describePluginView(String name, String description) {
        PLUGIN_VIEWS.put(name.toLowerCase(java.util.Locale.ROOT), description);
    }

    public static Optional<String> ofColumn(String table, String column) {
        return columnOf(table, column).map(Column::description);
    }

    /** The declared column of a canonical table or view, with its type and description. */
    public static Optional<Column> columnOf(String table, String column) {
        return table(table).flatMap(t -> t.column(column))
                .or(() -> view(table).flatMap(v -> v.column(column)));
    }

    /** A canonical table or one a {@link Derivation} contributes. */
    public static Optional<Table> table(String name) {
        return CanonicalSchema.table(name).or(() -> Derivations.table(name));
    }

    /** The canonical tables, then those the derivations contribute. */
    public static Stream<Table> tables() {
        return Stream.concat(CanonicalSchema.TABLES.stream(), Derivations.tables().stream());
    }

    private static Optional<MetricView> view(String name) {
        return views().filter(v -> v.name().equalsIgnoreCase(name)).findFirst();
    }
}
