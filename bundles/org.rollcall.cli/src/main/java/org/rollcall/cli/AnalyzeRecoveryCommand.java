package org.rollcall.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.rollcall.engine.RollCallDriver;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rollcall analyze recovery}: the Attendance Recovery ledger per fiscal year. */
@Command(name = "recovery", mixinStandardHelpOptions = true,
        description = {"The Attendance Recovery ledger (EC 46211) per fiscal year: students with sessions, students "
                + "credited, days credited, the district's chronic absence rate without and with recovered days "
                + "(DataQuest definition) and the ADA value of the credited days.",
            "The views attendance_recovery_credit, chronic_absence_with_recovery_published and "
                + "attendance_recovery_dollars hold the same for BI tools."})
final class AnalyzeRecoveryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-w", "--workspace"}, required = true, description = "Workspace file.")
    Path workspace;

    @Option(names = "--csv", description = "Print the ledger as CSV instead.")
    boolean csv;

    /** One row per fiscal year with sessions; rates of the district, all students, DataQuest definition. */
    private static final String LEDGER = """
            SELECT c.school_year, c.students_with_sessions, c.students_credited, c.days_credited,
                   r.chronic_rate, r.chronic_rate_with_recovery, d.dollars
              FROM (SELECT school_year, COUNT(*) AS students_with_sessions,
                           SUM(CASE WHEN days_credited > 0 THEN 1 ELSE 0 END) AS students_credited,
                           SUM(days_credited) AS days_credited
                      FROM attendance_recovery_credit GROUP BY school_year) c
              LEFT JOIN (SELECT school_year, chronic_rate, chronic_rate_with_recovery
                           FROM chronic_absence_with_recovery_published
                          WHERE definition = 'DATAQUEST' AND reporting_level = 'DISTRICT'
                            AND student_group = 'ALL') r ON r.school_year = c.school_year
              LEFT JOIN (SELECT school_year, ROUND(SUM(dollars), 2) AS dollars FROM attendance_recovery_dollars
                          GROUP BY school_year) d ON d.school_year = c.school_year
             ORDER BY c.school_year""";

    @Override
    public Integer call() throws SQLException {
        PrintWriter out = spec.commandLine().getOut();
        try (Connection connection = RollCallDriver.open(workspace)) {
            QueryRunner runner = new QueryRunner(connection);
            if (csv) {
                runner.printCsv(out, LEDGER);
                return 0;
            }
            int years = runner.printLines(out, LEDGER, AnalyzeRecoveryCommand::sentence);
            if (years == 0) {
                out.println("No Attendance Recovery sessions in this workspace: import them into attendance_recovery "
                        + "(student, school, date, program, minutes).");
                return 0;
            }
            out.println();
            out.println("By grade span:");
            runner.printTable(out, """
                    SELECT school_year, grade_span, students_credited, days_credited, days_taught,
                           funding_per_ada, ROUND(dollars_per_day, 2) AS dollars_per_day, ROUND(dollars, 2) AS dollars,
                           rates_year
                      FROM attendance_recovery_dollars ORDER BY school_year, grade_span""");
            out.println();
            out.println(TerminalText.escaped("Dollars: " + runner.single(
                    "SELECT MIN(assumption) FROM attendance_recovery_dollars")));
        }
        return 0;
    }

    static String sentence(ResultSet rs) throws SQLException {
        StringBuilder line = new StringBuilder(rs.getString("school_year")).append(": ")
                .append(String.format(Locale.ROOT, "%,d of %,d students with sessions credited %,d recovered days",
                        rs.getLong("students_credited"), rs.getLong("students_with_sessions"),
                        rs.getLong("days_credited")));
        if (rs.getObject("dollars") != null) {
            line.append(String.format(Locale.ROOT, " ($%,.0f of ADA)", rs.getDouble("dollars")));
        }
        if (rs.getObject("chronic_rate") != null) {
            line.append(String.format(Locale.ROOT, "; chronic absence %.1f%% without recovered days, %.1f%% with them "
                    + "(district, DataQuest definition)", rs.getDouble("chronic_rate"),
                    rs.getDouble("chronic_rate_with_recovery")));
        } else {
            line.append("; the district's chronic absence rate is withheld (10 or fewer students) or not computed");
        }
        return line.toString();
    }
}
