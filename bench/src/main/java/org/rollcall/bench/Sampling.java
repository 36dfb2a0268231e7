package org.rollcall.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** How the benchmarks time a query and print their tables, so that every ratio is measured the same way. */
final class Sampling {

    private static final long MIN_SAMPLING_NANOS = 1_000_000_000L;
    private static final int MAX_RUNS = 1000;

    private Sampling() {
    }

    /**
     * Median wall time of one query, all rows fetched, and the time of its first run on the connection (for the
     * driver, that includes planning the SQL; repeats reuse the connection's plan), or why it could not run.
     */
    record Timing(double millis, double firstMillis, long rows, String error) {
        String show() {
            return error != null ? "n/a" : milliseconds(millis);
        }

        String showFirst() {
            return error != null ? "n/a" : milliseconds(firstMillis);
        }

        private static String milliseconds(double value) {
            return String.format(Locale.ROOT, value < 10 ? "%.2f" : "%.1f", value);
        }
    }

    /** Runs {@code sql} once, then at least {@code runs} times and, for quick queries, for at least a second. */
    static Timing time(Connection connection, String sql, int runs) {
        try {
            long first = System.nanoTime();
            long rows = run(connection, sql);
            double firstMillis = (System.nanoTime() - first) / 1e6;
            // at least `runs` runs, and for quick queries as many as fit in a second, so a median of sub-millisecond
            // times is not one JIT pause
            List<Double> samples = new ArrayList<>();
            long deadline = System.nanoTime() + MIN_SAMPLING_NANOS;
            while (samples.size() < runs || (System.nanoTime() < deadline && samples.size() < MAX_RUNS)) {
                long started = System.nanoTime();
                run(connection, sql);
                samples.add((System.nanoTime() - started) / 1e6);
            }
            Collections.sort(samples);
            return new Timing(samples.get(samples.size() / 2), firstMillis, rows, null);
        } catch (SQLException e) {
            System.err.println("Could not run on " + describe(connection) + ": " + e.getMessage());
            return new Timing(Double.NaN, Double.NaN, 0, e.getMessage());
        }
    }

    private static String describe(Connection connection) {
        try {
            return connection.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            return "a connection";
        }
    }

    /** Runs {@code sql} and reads every column of every row; the number of rows. */
    static long run(Connection connection, String sql) throws SQLException {
        long rows = 0;
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    rs.getObject(i);
                }
                rows++;
            }
        }
        return rows;
    }

    static String ratio(Timing timing, Timing baseline) {
        if (timing.error() != null || baseline.error() != null || baseline.millis() <= 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.2fx", timing.millis() / baseline.millis());
    }

    /** A Markdown table, as the README shows it. */
    static void print(List<String> header, List<String[]> rows) {
        int[] widths = new int[header.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = header.get(c).length();
            for (String[] row : rows) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder line = new StringBuilder("|");
        StringBuilder rule = new StringBuilder("|");
        for (int c = 0; c < widths.length; c++) {
            line.append(' ').append(String.format("%-" + widths[c] + "s", header.get(c))).append(" |");
            rule.append('-').append("-".repeat(widths[c])).append("-|");
        }
        System.out.println(line);
        System.out.println(rule);
        for (String[] row : rows) {
            StringBuilder cells = new StringBuilder("|");
            for (int c = 0; c < widths.length; c++) {
                cells.append(' ').append(String.format((c == 0 ? "%-" : "%") + widths[c] + "s", row[c])).append(" |");
            }
            System.out.println(cells);
        }
    }
}
