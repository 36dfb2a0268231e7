package org.rollcall.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.rollcall.bench.Sampling.Timing;
import org.rollcall.engine.LiveSources;
import org.rollcall.engine.RollCallDriver;
import org.rollcall.model.CanonicalSchema;
import org.rollcall.model.Table;
import org.rollcall.store.Workspace;
import org.rollcall.testing.PostgresServer;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Times queries on a live source: the benchmark district copied once into PostgreSQL, queried through the
 * jdbc:rollcall: driver's {@code sis} schema and, as the baseline, directly on PostgreSQL with the same question
 * written by hand; prints the medians and the ratio to raw PostgreSQL.
 */
@Command(name = "bench-live", mixinStandardHelpOptions = true,
        description = "Live-source benchmark: RollCall's driver over PostgreSQL against raw PostgreSQL.")
public final class LiveBenchmark implements Callable<Integer> {

    @Mixin
    BenchDistrict district;

    @Option(names = "--runs", defaultValue = "5", description = "Least timed runs per query after the first (default ${DEFAULT-VALUE}).")
    int runs;

    private static final List<Table> COPIED = List.of(CanonicalSchema.SCHOOLS, CanonicalSchema.STUDENTS,
            CanonicalSchema.ENROLLMENTS, CanonicalSchema.DAILY_ATTENDANCE);

    /** A day's July-June school year in PostgreSQL's own SQL, for the hand-written baseline. */
    private static final String YEAR = "(CASE WHEN EXTRACT(MONTH FROM attendance_date) >= 7 "
            + "THEN EXTRACT(YEAR FROM attendance_date) ELSE EXTRACT(YEAR FROM attendance_date) - 1 END)";
    private static final String ABSENT = "SUM(CASE WHEN category IN ('excused', 'unexcused', 'suspension_out', "
            + "'independent_study_non_ada') THEN 1 ELSE 0 END)";

    static final List<BenchQuery> QUERIES = List.of(
            new BenchQuery("unexcused days by school",
                    "select school_code, count(*) from sis.daily_attendance where category = 'unexcused' "
                            + "group by school_code",
                    "select school_code, count(*) from sis_data.daily_attendance where category = 'unexcused' "
                            + "group by school_code"),
            new BenchQuery("one student's days",
                    "select * from sis.daily_attendance where student_id = 42 order by attendance_date",
                    "select * from sis_data.daily_attendance where student_id = 42 order by attendance_date"),
            new BenchQuery("absences by school and month",
                    "select school_code, extract(month from attendance_date) as m, count(*) from sis.daily_attendance "
                            + "where category in ('excused', 'unexcused') group by school_code, "
                            + "extract(month from attendance_date)",
                    "select school_code, extract(month from attendance_date) as m, count(*) "
                            + "from sis_data.daily_attendance where category in ('excused', 'unexcused') "
                            + "group by school_code, extract(month from attendance_date)"),
            new BenchQuery("chronic absence by school (from daily rows)",
                    "select * from sis.chronic_absence_by_school",
                    """
                    select s.school_year, s.school_code, sc.school_name, sc.school_level, count(*),
                           sum(case when 100 * s.absent >= 10 * s.expected then 1 else 0 end)
                      from (select student_id, school_code, %s as school_year, count(*) as expected, %s as absent
                              from sis_data.daily_attendance group by 1, 2, 3) s
                      join sis_data.schools sc on sc.school_code = s.school_code
                     where s.expected >= 31 and s.absent < s.expected
                     group by 1, 2, 3, 4""".formatted(YEAR, ABSENT)));

    public static void main(String[] args) {
        System.exit(new CommandLine(new LiveBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path workspace = district.workspace();
        String database = "district_" + workspace.getFileName().toString().replaceAll("[^A-Za-z0-9]", "_")
                .toLowerCase(java.util.Locale.ROOT);
        try (PostgresServer postgres = PostgresServer.startKept(district.data.resolve("postgres"))) {
            if (!postgres.hasDatabase(database)) {
                long started = System.nanoTime();
                postgres.createDatabase(database);
                try (Connection sqlite = Workspace.dataSource(workspace, true).getConnection();
                        Connection pg = postgres.connect(database)) {
                    PostgresCopy.copy(sqlite, pg, "sis_data", COPIED);
                }
                System.out.printf("Copied the district into PostgreSQL in %.1f s%n", (System.nanoTime() - started) / 1e9);
            }
            Path live = district.data.resolve("live-" + workspace.getFileName());
            Files.copy(workspace, live, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            addSource(live, postgres.jdbcUrl(database));

            List<String[]> rows = new ArrayList<>();
            try (Connection driver = RollCallDriver.open(live);
                    Connection raw = DriverManager.getConnection(postgres.jdbcUrl(database))) {
                raw.setReadOnly(true);
                for (BenchQuery query : QUERIES) {
                    Timing viaDriver = Sampling.time(driver, query.driverSql(), runs);
                    Timing direct = Sampling.time(raw, query.rawSql(), runs);
                    rows.add(new String[] {query.name(), viaDriver.showFirst(), viaDriver.show(), direct.show(),
                        Sampling.ratio(viaDriver, direct), Long.toString(viaDriver.rows()), Long.toString(direct.rows())});
                }
            }
            System.out.printf("%nDistrict: %,d students, %d year(s), seed %d, in PostgreSQL %s; median of at least %d "
                    + "runs after a first run.%n%n", district.students, district.years, district.seed,
                    version(postgres, database), runs);
            Sampling.print(List.of("query", "driver 1st ms", "driver ms", "raw PostgreSQL ms", "driver / PostgreSQL",
                    "rows (driver)", "rows (raw)"), rows);
        }
        return 0;
    }

    /** The district's canonical tables, kept in PostgreSQL under their own names: no column needs mapping. */
    private static void addSource(Path workspace, String url) throws Exception {
        StringBuilder yaml = new StringBuilder("name: sis\nurl: " + url + "\nschema: sis_data\ntables:\n");
        for (Table table : COPIED) {
            yaml.append("  ").append(table.name()).append(": {from: ").append(table.name()).append("}\n");
        }
        try (Workspace store = Workspace.open(workspace)) {
            LiveSources.save(store.connection(), yaml.toString(), "the benchmark's live source");
        }
    }

    private static String version(PostgresServer postgres, String database) throws Exception {
        try (Connection c = postgres.connect(database); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW server_version")) {
            return rs.next() ? rs.getString(1) : "?";
        }
    }
}
