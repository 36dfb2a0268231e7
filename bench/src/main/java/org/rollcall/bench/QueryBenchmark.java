package org.rollcall.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.rollcall.engine.RollCallDriver;
import org.rollcall.store.Workspace;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Times a fixed query set through the jdbc:rollcall: driver, on a plain SQLite connection to the same file,
 * and on DuckDB holding the same rows, and prints each time with its ratio to raw SQLite.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Query benchmark: RollCall's driver against raw SQLite and DuckDB on a synthetic district.")
public final class QueryBenchmark implements Callable<Integer> {

    @Mixin
    BenchDistrict district;

    private static final long MIN_SAMPLING_NANOS = 1_000_000_000L;
    private static final int MAX_RUNS = 1000;

    @Option(names = "--runs", defaultValue = "5", description = "Least timed runs per query after the first; quick queries run for a second (default ${DEFAULT-VALUE}).")
    int runs;

    /** The fixed query set of the rules issue: district snapshot, school-by-group Dashboard, early warning. */
    static final List<BenchQuery> QUERIES = List.of(
            new BenchQuery("district snapshot", "select * from district_snapshot order by school_year",
                    "select * from district_snapshot order by school_year"),
            new BenchQuery("school x group Dashboard",
                    "select school_code, student_group, eligible_students, chronic_students, status, change_level, "
                            + "color from dashboard_chronic_absence where reporting_level = 'SCHOOL'",
                    """
                    select c.school_code, c.student_group, c.eligible_students, c.chronic_students, c.chronic_rate,
                           p.eligible_students, p.chronic_students
                      from chronic_absence_rates c
                      left join chronic_absence_rates p
                        on p.definition = 'DASHBOARD' and p.reporting_level = c.reporting_level
                       and p.school_code = c.school_code and p.student_group = c.student_group
                       and p.school_year < c.school_year
                     where c.definition = 'DASHBOARD' and c.reporting_level = 'SCHOOL'"""),
            new BenchQuery("early-warning list", "select * from early_warning order by absences_to_chronic",
                    "select * from early_warning order by absences_to_chronic"),
            new BenchQuery("unexcused days by school (daily table)",
                    "select school_code, count(*) from daily_attendance where category = 'unexcused' "
                            + "group by school_code",
                    "select school_code, count(*) from daily_attendance where category = 'unexcused' "
                            + "group by school_code"));

    public static void main(String[] args) {
        System.exit(new CommandLine(new QueryBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path workspace = district.workspace();
        Path duck = DuckDbCopy.ensure(workspace, district.data.resolve(workspace.getFileName() + ".duckdb"));

        List<String[]> rows = new ArrayList<>();
        try (Connection driver = RollCallDriver.open(workspace);
                Connection sqlite = Workspace.dataSource(workspace, true).getConnection();
                Connection duckdb = DriverManager.getConnection("jdbc:duckdb:" + duck, readOnly())) {
            for (BenchQuery query : QUERIES) {
                Timing viaDriver = time(driver, query.driverSql());
                Timing raw = time(sqlite, query.rawSql());
                Timing viaDuck = time(duckdb, query.rawSql());
                rows.add(new String[] {query.name(), viaDriver.showFirst(), viaDriver.show(), raw.show(), viaDuck.show(),
                    ratio(viaDriver, raw), ratio(viaDuck, raw), Long.toString(raw.rows())});
            }
        }
        System.out.printf("%nDistrict: %,d students, %d year(s), seed %d; median of at least %d runs after a first run%n(driver 1st: that first run, planning included; later runs reuse the connection's plan).%n%n",
                district.students, district.years, district.seed, runs);
        print(List.of("query", "driver 1st ms", "driver ms", "raw SQLite ms", "DuckDB ms", "driver / SQLite", "DuckDB / SQLite",
                "rows"), rows);
        return 0;
    }

    private static java.util.Properties readOnly() {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("duckdb.read_only", "true");
        return properties;
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

    private Timing time(Connection connection, String sql) {
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

    private static long run(Connection connection, String sql) throws SQLException {
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

    private static String ratio(Timing timing, Timing baseline) {
        if (timing.error() != null || baseline.error() != null || baseline.millis() <= 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.2fx", timing.millis() / baseline.millis());
    }

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
