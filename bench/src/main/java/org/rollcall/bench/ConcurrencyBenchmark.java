package org.rollcall.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.rollcall.engine.RollCallDriver;
import org.rollcall.store.Workspace;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Many BI users at once: N connections, each on its own thread, open together and run the metric views round
 * after round; prints the latency percentiles of every query run, of the first round alone (each connection's first
 * run of a query, planning included) and of the later rounds, then of the same sessions on plain SQLite connections.
 */
@Command(name = "bench-concurrent", mixinStandardHelpOptions = true,
        description = "Concurrency benchmark: N connections running the metric views at once.")
public final class ConcurrencyBenchmark implements Callable<Integer> {

    @Mixin
    BenchDistrict district;

    @Option(names = "--connections", defaultValue = "32", description = "Concurrent connections (default ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--rounds", defaultValue = "10", description = "Times each connection runs the query set (default ${DEFAULT-VALUE}).")
    int rounds;

    /** What a dashboard over the metric views asks, as a BI tool sends it. */
    static final List<String> QUERIES = List.of(
            "select * from district_snapshot order by school_year",
            "select * from chronic_absence_by_school",
            "select * from chronic_absence_by_grade",
            "select school_code, student_group, eligible_students, chronic_students, status, color "
                    + "from dashboard_chronic_absence where reporting_level = 'SCHOOL'",
            "select grade, count(*), avg(absences_to_chronic) from early_warning group by grade");

    public static void main(String[] args) {
        System.exit(new CommandLine(new ConcurrencyBenchmark()).execute(args));
    }

    /** One query run: its round and its wall time. */
    private record Sample(int round, double millis) {
    }

    /** Opens one session's connection. */
    @FunctionalInterface
    private interface Opener {
        Connection open() throws SQLException;
    }

    @Override
    public Integer call() throws Exception {
        Path workspace = district.workspace();
        long started = System.nanoTime();
        List<List<Sample>> driver = sessions(() -> RollCallDriver.open(workspace), QUERIES);
        double seconds = (System.nanoTime() - started) / 1e9;
        // the same sessions on plain SQLite connections, for the views SQLite answers alone (not the Dashboard)
        List<String> sqliteAlone = QUERIES.stream().filter(sql -> !sql.contains("dashboard_")).toList();
        List<List<Sample>> raw = sessions(() -> Workspace.dataSource(workspace, true).getConnection(), sqliteAlone);
        List<Double> all = new ArrayList<>();
        List<Double> first = new ArrayList<>();
        List<Double> later = new ArrayList<>();
        for (List<Sample> session : driver) {
            for (Sample sample : session) {
                all.add(sample.millis());
                (sample.round() == 0 ? first : later).add(sample.millis());
            }
        }
        List<Double> rawAll = raw.stream().flatMap(List::stream).map(Sample::millis).toList();
        int driverRuns = all.size();
        System.out.printf(Locale.ROOT, "%nDistrict: %,d students, %d year(s), seed %d; %d connections at once x %d rounds x "
                + "%d metric-view queries through the driver in %.1f s (%.0f queries/s)%n%n", district.students,
                district.years, district.seed, connections, rounds, QUERIES.size(), seconds, driverRuns / seconds);
        Sampling.print(List.of("queries", "runs", "p50 ms", "p95 ms", "max ms"), List.of(
                row("driver: all", all), row("driver: first round (planning)", first),
                row("driver: later rounds", later), row("raw SQLite, same sessions (no Dashboard)", rawAll)));
        return 0;
    }

    /** Runs {@code queries} round after round on {@code connections} sessions started together; their samples. */
    private List<List<Sample>> sessions(Opener opener, List<String> queries) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(connections);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Sample>>> results = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                results.add(threads.submit(() -> {
                    start.await();
                    List<Sample> samples = new ArrayList<>();
                    try (Connection connection = opener.open()) {
                        for (int round = 0; round < rounds; round++) {
                            for (String sql : queries) {
                                long began = System.nanoTime();
                                Sampling.run(connection, sql);
                                samples.add(new Sample(round, (System.nanoTime() - began) / 1e6));
                            }
                        }
                    }
                    return samples;
                }));
            }
            start.countDown();
            List<List<Sample>> samples = new ArrayList<>();
            for (Future<List<Sample>> result : results) {
                samples.add(result.get());
            }
            return samples;
        } finally {
            threads.shutdown();
        }
    }

    private static String[] row(String name, List<Double> millis) {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        return new String[] {name, Integer.toString(sorted.size()), show(percentile(sorted, 0.50)),
            show(percentile(sorted, 0.95)), show(sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1))};
    }

    private static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static String show(double millis) {
        return String.format(Locale.ROOT, "%.1f", millis);
    }
}
