package org.rollcall.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.rollcall.model.CanonicalSchema;
import org.rollcall.model.Column;
import org.rollcall.model.Table;
import org.rollcall.store.Workspace;
import org.rollcall.store.metrics.MetricView;
import org.rollcall.store.metrics.MetricViews;
import org.rollcall.store.spi.Derivations;

import me.tongfei.progressbar.ProgressBar;

/**
 * Copies a workspace into a DuckDB file with the same tables and the same metric views, so both engines
 * answer the same SQL over the same rows. (DuckDB's SQLite extension would download at run time; this
 * machine has no network, so rows are appended through JDBC.)
 */
final class DuckDbCopy {

    private DuckDbCopy() {
    }

    static Path ensure(Path workspace, Path duckFile) throws SQLException {
        if (Files.isRegularFile(duckFile)) {
            return duckFile;
        }
        // built beside its final name and moved there once complete, so a run that fails midway is not reused
        Path partial = duckFile.resolveSibling(duckFile.getFileName() + ".partial");
        try {
            Files.deleteIfExists(partial);
        } catch (java.io.IOException e) {
            throw new SQLException("Cannot remove " + partial + ": " + e.getMessage(), e);
        }
        List<String> skipped = new ArrayList<>();
        try (Connection sqlite = Workspace.dataSource(workspace, true).getConnection();
                DuckDBConnection duck = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + partial)) {
            for (Table table : CanonicalSchema.TABLES) {
                copy(sqlite, duck, table);
            }
            // tables computed in Java at every import (the analysis bundle's derivations): copied as rows too
            for (Table table : Derivations.tables()) {
                copy(sqlite, duck, table);
            }
            for (MetricView view : MetricViews.ALL) {
                // Some store views use SQLite's own SQL (bare columns beside MAX, two-argument MIN): DuckDB gets
                // every view it can run; a benchmark query that needs a skipped one fails on DuckDB by itself.
                try (Statement statement = duck.createStatement()) {
                    statement.execute(view.ddl());
                    if (view.materialized()) {
                        statement.execute(view.refill());
                    }
                } catch (SQLException e) {
                    skipped.add(view.name() + " (" + e.getMessage().lines().findFirst().orElse("") + ")");
                    // no empty table left behind: a query or view that reads it fails instead of finding no rows
                    try (Statement drop = duck.createStatement()) {
                        drop.execute((view.materialized() ? "DROP TABLE IF EXISTS " : "DROP VIEW IF EXISTS ")
                                + view.name());
                    }
                }
            }
        }
        try {
            Files.move(partial, duckFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (java.io.IOException e) {
            throw new SQLException("Cannot move " + partial + " to " + duckFile + ": " + e.getMessage(), e);
        }
        if (!skipped.isEmpty()) {
            System.out.println("DuckDB copy without " + skipped.size() + " view(s) written in SQLite's own SQL: "
                    + String.join("; ", skipped));
        }
        return duckFile;
    }

    private static void copy(Connection sqlite, DuckDBConnection duck, Table table) throws SQLException {
        try (Statement statement = duck.createStatement()) {
            statement.execute("CREATE TABLE " + table.name() + " (" + table.columns().stream()
                    .map(c -> c.name() + " " + duckType(c)).collect(Collectors.joining(", ")) + ")");
        }
        long rows;
        try (Statement count = sqlite.createStatement();
                ResultSet rs = count.executeQuery("SELECT COUNT(*) FROM " + table.name())) {
            rows = rs.next() ? rs.getLong(1) : 0;
        }
        int columns = table.columns().size();
        try (Statement read = sqlite.createStatement();
                ResultSet rs = read.executeQuery("SELECT " + String.join(", ", table.columnNames()) + " FROM "
                        + table.name());
                DuckDBAppender appender = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table.name());
                ProgressBar bar = new ProgressBar("DuckDB " + table.name(), rows)) {
            while (rs.next()) {
                appender.beginRow();
                for (int i = 0; i < columns; i++) {
                    Column column = table.columns().get(i);
                    switch (column.type()) {
                        case INTEGER -> {
                            long value = rs.getLong(i + 1);
                            appender.append(rs.wasNull() ? null : Long.valueOf(value));
                        }
                        case DOUBLE -> {
                            double value = rs.getDouble(i + 1);
                            appender.append(rs.wasNull() ? null : Double.valueOf(value));
                        }
                        case BOOLEAN -> {
                            boolean value = rs.getBoolean(i + 1);
                            appender.append(rs.wasNull() ? null : Boolean.valueOf(value));
                        }
                        default -> appender.append(rs.getString(i + 1));
                    }
                }
                appender.endRow();
                bar.step();
            }
        }
    }

    /** Dates stay ISO text, as in the store, so comparisons behave the same in both engines. */
    private static String duckType(Column column) {
        return switch (column.type()) {
            case INTEGER -> "BIGINT";
            case DOUBLE -> "DOUBLE";
            case BOOLEAN -> "BOOLEAN";
            case TEXT, DATE -> "VARCHAR";
        };
    }
}
