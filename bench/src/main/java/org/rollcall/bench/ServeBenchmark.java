package org.rollcall.bench;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.rollcall.cli.RollCall;
import org.rollcall.engine.RollCallDriver;
import org.rollcall.server.Scram;
import org.rollcall.server.UsersFile;
import org.rollcall.testing.PostgresServer;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A BI tool's dashboard against {@code rollcall serve}, side by side with PostgreSQL holding the same answers: the
 * first execution of SQL text the server has not seen (a new chart or filter), a repeated execution, and N clients
 * for a while, counting queries and errors. PostgreSQL holds each queried view's rows as a table of its own (what a
 * district's warehouse keeps), so the ratio is what the endpoint costs over a database that only has to read them.
 */
@Command(name = "bench-serve", mixinStandardHelpOptions = true,
        description = "rollcall serve against PostgreSQL: first and repeated latency, N clients for a while.")
public final class ServeBenchmark implements Callable<Integer> {

    @Mixin
    BenchDistrict district;

    @Option(names = "--clients", defaultValue = "32", description = "Concurrent clients (default ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--seconds", defaultValue = "600", description = "How long the clients run (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--query-mode", defaultValue = "simple",
            description = "pgjdbc's preferQueryMode for both servers: simple, extended, extendedForPrepared "
                    + "(default ${DEFAULT-VALUE}).")
    String queryMode;

    @Option(names = "--runs", defaultValue = "20", description = "Repeated runs per query (default ${DEFAULT-VALUE}).")
    int runs;

    /** The views a dashboard reads, each copied to PostgreSQL as a table. */
    static final List<String> VIEWS = List.of("district_snapshot", "chronic_absence_by_school",
            "chronic_absence_by_grade", "dashboard_chronic_absence", "early_warning");

    /** The dashboard's charts, as a BI tool sends them. */
    static final List<String> QUERIES = List.of(
            "select * from district_snapshot order by school_year",
            "select school_name, chronic_rate from chronic_absence_by_school order by chronic_rate desc",
            "select grade, chronic_rate from chronic_absence_by_grade order by grade_order",
            "select school_code, student_group, eligible_students, chronic_students, status, color "
                    + "from dashboard_chronic_absence where reporting_level = 'SCHOOL'",
            "select grade, count(*), avg(absences_to_chronic) from early_warning group by grade");

    /** A filter the analyst changes: each school's text is new to the server the first time. */
    static final String BY_SCHOOL = "select school_year, chronic_rate, eligible_students from chronic_absence_by_school "
            + "where school_code = '%s'";

    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    public static void main(String[] args) {
        System.exit(new CommandLine(new ServeBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path workspace = district.workspace();
        List<String> schools = new ArrayList<>();
        try (Connection c = RollCallDriver.open(workspace); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select school_code from schools order by school_code")) {
            while (rs.next()) {
                schools.add(rs.getString(1));
            }
        }
        String password = "bench-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        Path users = district.data.resolve("serve-users.json");
        UsersFile.write(users, List.of(new UsersFile.User("bench", Scram.verifier(password.toCharArray(),
                Scram.DEFAULT_ITERATIONS), List.of(), List.of())));
        StringWriter serveOut = new StringWriter();
        CommandLine serve = RollCall.commandLine();
        serve.setOut(new PrintWriter(serveOut, true));
        serve.setErr(new PrintWriter(serveOut, true));
        Thread serving = new Thread(() -> serve.execute("serve", "--workspace", workspace.toString(), "--port", "0",
                "--users", users.toString()), "rollcall-serve");
        serving.setDaemon(true);
        serving.start();
        int port = awaitListening(serveOut, serving);

        String database = "serve_" + workspace.getFileName().toString().replaceAll("[^A-Za-z0-9]", "_")
                .toLowerCase(Locale.ROOT);
        try (PostgresServer postgres = PostgresServer.startKept(district.data.resolve("postgres"))) {
            if (!postgres.hasDatabase(database)) {
                long started = System.nanoTime();
                postgres.createDatabase(database);
                try (Connection from = RollCallDriver.open(workspace); Connection to = postgres.connect(database)) {
                    for (String view : VIEWS) {
                        copyView(from, to, view);
                    }
                    try (Statement s = to.createStatement()) {
                        s.execute("ANALYZE");
                    }
                }
                System.out.printf("Copied the dashboard's views into PostgreSQL in %.1f s%n",
                        (System.nanoTime() - started) / 1e9);
            }
            Opener rollcall = () -> connect("jdbc:postgresql://127.0.0.1:" + port + "/rollcall", "bench", password);
            String pgUrl = postgres.jdbcUrl(database);
            Opener pg = () -> {
                Connection c = DriverManager.getConnection(pgUrl + (pgUrl.contains("?") ? "&" : "?")
                        + "preferQueryMode=" + queryMode);
                c.setReadOnly(true);
                return c;
            };

            // one client: the first execution of each chart's text, then repeated
            List<String[]> latency = new ArrayList<>();
            try (Connection serverConnection = rollcall.open(); Connection pgConnection = pg.open()) {
                for (String sql : QUERIES) {
                    Sampling.Timing viaServe = Sampling.time(serverConnection, sql, runs);
                    Sampling.Timing direct = Sampling.time(pgConnection, sql, runs);
                    latency.add(new String[] {abbreviate(sql), viaServe.showFirst(), viaServe.show(),
                        direct.showFirst(), direct.show(), Sampling.ratio(viaServe, direct)});
                }
                // new filter values: every text is new to the server; the median of their first executions
                List<Double> serveFirst = new ArrayList<>();
                List<Double> pgFirst = new ArrayList<>();
                for (String school : schools) {
                    serveFirst.add(once(serverConnection, BY_SCHOOL.formatted(school)));
                    pgFirst.add(once(pgConnection, BY_SCHOOL.formatted(school)));
                }
                latency.add(new String[] {"a new school filter, each text first seen (" + schools.size() + ")",
                    show(median(serveFirst)), "", show(median(pgFirst)), "",
                    String.format(Locale.ROOT, "%.2fx (first)", median(serveFirst) / median(pgFirst))});
            }
            System.out.printf(Locale.ROOT, "%nDistrict: %,d students, %d year(s), seed %d; pgjdbc %s mode; PostgreSQL "
                    + "holds each view's rows as a table; medians of at least %d runs.%n%n", district.students,
                    district.years, district.seed, queryMode, runs);
            Sampling.print(List.of("query", "serve 1st ms", "serve ms", "PostgreSQL 1st ms", "PostgreSQL ms",
                    "serve / PostgreSQL"), latency);

            // N clients for a while, on each server in turn
            Load serveLoad = load(rollcall, schools);
            Load pgLoad = load(pg, schools);
            System.out.printf(Locale.ROOT, "%n%d clients for %d s each, every client looping over the %d charts and a "
                    + "random school filter:%n%n", clients, seconds, QUERIES.size());
            Sampling.print(List.of("server", "queries", "queries/s", "errors", "p50 ms", "p95 ms", "max ms"),
                    List.of(serveLoad.row("rollcall serve"), pgLoad.row("PostgreSQL")));
            if (!serveLoad.errorExamples.isEmpty()) {
                System.out.println("\nErrors from rollcall serve, e.g.: " + serveLoad.errorExamples);
            }
            return serveLoad.errors.get() == 0 && pgLoad.errors.get() == 0 ? 0 : 1;
        } finally {
            serving.interrupt();
        }
    }

    @FunctionalInterface
    interface Opener {
        Connection open() throws SQLException;
    }

    private Connection connect(String url, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("preferQueryMode", queryMode);
        properties.setProperty("sslmode", "disable");
        return DriverManager.getConnection(url, properties);
    }

    /** What N clients did in the time given. */
    private static final class Load {
        final List<Double> millis = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong errors = new AtomicLong();
        final List<String> errorExamples = Collections.synchronizedList(new ArrayList<>());
        double elapsedSeconds;

        String[] row(String name) {
            List<Double> sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            return new String[] {name, String.format(Locale.ROOT, "%,d", sorted.size()),
                String.format(Locale.ROOT, "%.0f", sorted.size() / elapsedSeconds), Long.toString(errors.get()),
                show(percentile(sorted, 0.5)), show(percentile(sorted, 0.95)),
                show(sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1))};
        }
    }

    private Load load(Opener opener, List<String> schools) throws Exception {
        Load load = new Load();
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        try {
            CountDownLatch start = new CountDownLatch(1);
            long[] deadline = new long[1];
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                running.add(threads.submit(() -> {
                    start.await();
                    try (Connection connection = opener.open()) {
                        while (System.nanoTime() < deadline[0]) {
                            List<String> round = new ArrayList<>(QUERIES);
                            round.add(BY_SCHOOL.formatted(schools.get(ThreadLocalRandom.current()
                                    .nextInt(schools.size()))));
                            for (String sql : round) {
                                long began = System.nanoTime();
                                try {
                                    Sampling.run(connection, sql);
                                    load.millis.add((System.nanoTime() - began) / 1e6);
                                } catch (SQLException e) {
                                    if (load.errors.incrementAndGet() <= 3) {
                                        load.errorExamples.add(e.getSQLState() + " " + e.getMessage());
                                    }
                                }
                            }
                        }
                    } catch (SQLException e) {
                        load.errors.incrementAndGet();
                        load.errorExamples.add("connect: " + e.getMessage());
                    }
                    return null;
                }));
            }
            long began = System.nanoTime();
            deadline[0] = began + TimeUnit.SECONDS.toNanos(seconds);
            start.countDown();
            for (Future<?> f : running) {
                f.get();
            }
            load.elapsedSeconds = (System.nanoTime() - began) / 1e9;
        } finally {
            threads.shutdown();
        }
        return load;
    }

    /** Copies a view's rows, as the driver answers them, into a PostgreSQL table of the same name. */
    static void copyView(Connection from, Connection to, String view) throws SQLException {
        try (Statement s = from.createStatement(); ResultSet rs = s.executeQuery("select * from " + view)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            List<String> definitions = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnLabel(i));
                definitions.add(meta.getColumnLabel(i) + " " + postgresType(meta.getColumnType(i)));
            }
            try (Statement ddl = to.createStatement()) {
                ddl.execute("CREATE TABLE " + view + " (" + String.join(", ", definitions) + ")");
            }
            to.setAutoCommit(false);
            try (PreparedStatement insert = to.prepareStatement("INSERT INTO " + view + " VALUES ("
                    + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")")) {
                int batch = 0;
                while (rs.next()) {
                    for (int i = 1; i <= columns.size(); i++) {
                        insert.setObject(i, rs.getObject(i));
                    }
                    insert.addBatch();
                    if (++batch % 5000 == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            to.commit();
            to.setAutoCommit(true);
        }
    }

    private static String postgresType(int jdbcType) {
        return switch (jdbcType) {
            case Types.INTEGER, Types.SMALLINT, Types.TINYINT -> "integer";
            case Types.BIGINT -> "bigint";
            case Types.DOUBLE, Types.FLOAT, Types.REAL, Types.DECIMAL, Types.NUMERIC -> "double precision";
            case Types.BOOLEAN, Types.BIT -> "boolean";
            case Types.DATE -> "date";
            default -> "text";
        };
    }

    private static double once(Connection connection, String sql) throws SQLException {
        long began = System.nanoTime();
        Sampling.run(connection, sql);
        return (System.nanoTime() - began) / 1e6;
    }

    private static int awaitListening(StringWriter output, Thread serving) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(output.toString());
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!serving.isAlive()) {
                throw new IllegalStateException("rollcall serve ended: " + output);
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("rollcall serve did not listen within two minutes: " + output);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2);
    }

    private static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static String show(double millis) {
        return String.format(Locale.ROOT, millis < 10 ? "%.2f" : "%.1f", millis);
    }

    private static String abbreviate(String sql) {
        return sql.length() <= 70 ? sql : sql.substring(0, 67) + "...";
    }
}
