package org.rollcall.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.rollcall.bench.Sampling.Timing;
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

    @Option(names = "--runs", defaultValue = "5", description = "Least timed runs per query after the first; quick queries run for a second (default ${DEFAULT-VALUE}).")
    int runs;

    /**
     * The fixed query set of the rules issue (district snapshot, school-by-group Dashboard, early warning) and the
     * analysis tables of issue 12 (intervention ROI).
     */
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
            // the analysis tables, computed at every import (MEASURE is reserved in the driver's SQL: quoted)
            new BenchQuery("attendance-outcome association",
                    "select * from attendance_outcome_association order by \"measure\", school_year",
                    "select * from attendance_outcome_association order by \"measure\", school_year"),
            new BenchQuery("outcomes by attendance tier",
                    "select * from outcomes_by_attendance_tier order by \"measure\", school_year, tier_order",
                    "select * from outcomes_by_attendance_tier order by \"measure\", school_year, tier_order"),
            new BenchQuery("recovery rates with and without",
                    "select school_year, chronic_rate, chronic_rate_with_recovery from "
                            + "chronic_absence_with_recovery_published where definition = 'DATAQUEST' "
                            + "and reporting_level = 'DISTRICT' and student_group = 'ALL'",
                    "select school_year, chronic_rate, chronic_rate_with_recovery from "
                            + "chronic_absence_with_recovery_published where definition = 'DATAQUEST' "
                            + "and reporting_level = 'DISTRICT' and student_group = 'ALL'"),
            new BenchQuery("unexcused days by school (daily table)",
                    "select school_code, count(*) from daily_attendance where category = 'unexcused' "
                            + "group by school_code",
                    "select school_code, count(*) from daily_attendance where category = 'unexcused' "
                            + "group by school_code"),
            new BenchQuery("intervention effects (ROI)", "select * from intervention_effects",
                    "select * from intervention_effects"));

    public static void main(String[] args) {
        System.exit(new CommandLine(new QueryBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path workspace = district.workspace();
        Path duck = DuckDbCopy.ensure(workspace, district.data.resolve(workspace.getFileName() + ".duckdb"));

        List<String[]> rows = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        try (Connection driver = RollCallDriver.open(workspace);
                Connection sqlite = Workspace.dataSource(workspace, true).getConnection();
                Connection duckdb = DriverManager.getConnection("jdbc:duckdb:" + duck, readOnly())) {
            for (BenchQuery query : QUERIES) {
                Timing viaDriver = Sampling.time(driver, query.driverSql(), runs);
                Timing raw = Sampling.time(sqlite, query.rawSql(), runs);
                Timing viaDuck = Sampling.time(duckdb, query.rawSql(), runs);
                for (var engine : java.util.Map.of("driver", viaDriver, "raw SQLite", raw, "DuckDB", viaDuck).entrySet()) {
                    if (engine.getValue().error() != null) {
                        failures.add(query.name() + " on " + engine.getKey() + ": " + engine.getValue().error());
                    }
                }
                rows.add(new String[] {query.name(), viaDriver.showFirst(), viaDriver.show(), raw.show(), viaDuck.show(),
                    Sampling.ratio(viaDriver, raw), Sampling.ratio(viaDuck, raw), Long.toString(raw.rows())});
            }
        }
        System.out.printf("%nDistrict: %,d students, %d year(s), seed %d; median of at least %d runs after a first run%n(driver 1st: that first run, planning included; later runs reuse the connection's plan).%n%n",
                district.students, district.years, district.seed, runs);
        Sampling.print(List.of("query", "driver 1st ms", "driver ms", "raw SQLite ms", "DuckDB ms", "driver / SQLite", "DuckDB / SQLite",
                "rows"), rows);
        // a query that could not run is a broken benchmark (CI runs it to find out), not a row to skip
        failures.forEach(failure -> System.err.println("bench: " + failure));
        return failures.isEmpty() ? 0 : 1;
    }

    private static java.util.Properties readOnly() {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("duckdb.read_only", "true");
        return properties;
    }
}
