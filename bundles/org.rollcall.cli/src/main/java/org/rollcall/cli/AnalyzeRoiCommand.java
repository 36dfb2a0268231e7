package org.rollcall.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

import org.rollcall.engine.RollCallDriver;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code rollcall analyze roi}: intervention ROI as the workspace's last import computed it (intervention_effects,
 * read through the jdbc:rollcall: driver like any BI tool): one plain-language line per intervention and year, the
 * naive pre/post figure beside it, and the method; or the table as CSV.
 */
@Command(name = "roi", mixinStandardHelpOptions = true,
        description = "Intervention ROI: the effect on absences against a randomized control group or matched "
                + "students, with 95% intervals, days gained, LCFF dollars and cost per day gained.")
final class AnalyzeRoiCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-w", "--workspace"}, required = true, description = "Workspace file.")
    Path workspace;

    @Option(names = "--intervention", paramLabel = "ID", description = "Only this intervention (its intervention_id).")
    Integer intervention;

    @Option(names = "--csv", description = "Print the intervention_effects rows as CSV (RFC 4180).")
    boolean csv;

    @Override
    public Integer call() throws SQLException {
        if (!Files.isRegularFile(workspace)) {
            throw new ParameterException(spec.commandLine(), "no workspace at " + workspace);
        }
        String where = intervention == null ? "" : " where intervention_id = " + intervention;
        PrintWriter out = spec.commandLine().getOut();
        try (Connection connection = RollCallDriver.open(workspace)) {
            if (intervention != null) {
                try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
                        "select count(*) from interventions where intervention_id = " + intervention)) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        spec.commandLine().getErr().println("rollcall: no intervention " + intervention
                                + " in " + workspace + " (see: rollcall query -w W \"select * from interventions\")");
                        return 1;
                    }
                }
            }
            if (csv) {
                new QueryRunner(connection).printCsv(out, "select * from intervention_effects" + where
                        + " order by intervention_id, school_year");
                return 0;
            }
            Set<String> methods = new LinkedHashSet<>();
            int rows = 0;
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("select summary, "
                    + "naive_relative_change, p2_note, method_text, net_benefit, net_benefit_ci_low, net_benefit_ci_high "
                    + "from intervention_effects" + where + " order by intervention_id, school_year")) {
                while (rs.next()) {
                    rows++;
                    out.println(TerminalText.escaped(rs.getString(1)));
                    Object naive = rs.getObject(2);
                    if (naive != null) {
                        double n = ((Number) naive).doubleValue();
                        out.printf(Locale.ROOT, "  naive pre/post of the participants alone: %d%% %s absences "
                                + "(biased: regression to the mean and the season)%n", Math.round(Math.abs(n) * 100),
                                n <= 0 ? "fewer" : "more");
                    }
                    Object net = rs.getObject(5);
                    if (net != null && rs.getObject(6) != null) {
                        out.printf(Locale.ROOT, "  net benefit (LCFF dollars less cost): %s (95%% CI %s to %s)%n",
                                dollars(((Number) net).doubleValue()), dollars(rs.getDouble(6)),
                                dollars(rs.getDouble(7)));
                    }
                    if (rs.getString(3) != null && !rs.getString(3).isEmpty()) {
                        out.println("  " + TerminalText.escaped(rs.getString(3)));
                    }
                    methods.add(rs.getString(4));
                }
            }
            if (rows == 0) {
                out.println(intervention == null ? "No intervention has participants in this workspace."
                        : "Intervention " + intervention + " has no participants in this workspace.");
                return 0;
            }
            for (String method : methods) {
                out.println();
                out.println("Method: " + TerminalText.escaped(method));
            }
        }
        return 0;
    }

    private static String dollars(double amount) {
        return (amount < 0 ? "-$" : "$") + String.format(Locale.ROOT, "%,.0f", Math.abs(amount));
    }
}
