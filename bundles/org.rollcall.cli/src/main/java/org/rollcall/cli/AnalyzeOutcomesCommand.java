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

/** {@code rollcall analyze outcomes}: how each outcome measure goes with absence, in words, and by attendance tier. */
@Command(name = "outcomes", mixinStandardHelpOptions = true,
        description = {"How each outcome measure goes with the share of days absent, per year: the slope in points per "
                + "percentage point of days absent after grade, school and student groups (and raw), with its 95% "
                + "interval, then the measures by Attendance Works tier. Associations, not effects.",
            "The views attendance_outcome_association, outcomes_by_attendance_tier, attendance_outcome_bins and "
                + "early_chronic_absence_grade3 hold the same for BI tools."})
final class AnalyzeOutcomesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-w", "--workspace"}, required = true, description = "Workspace file.")
    Path workspace;

    @Option(names = "--csv", description = "Print attendance_outcome_association as CSV instead.")
    boolean csv;

    // MEASURE is a reserved word of the SQL the engine parses: the column is quoted (its name is lower case)
    private static final String ASSOCIATION = "SELECT * FROM attendance_outcome_association ORDER BY \"measure\", "
            + "school_year";

    @Override
    public Integer call() throws SQLException {
        PrintWriter out = spec.commandLine().getOut();
        try (Connection connection = RollCallDriver.open(workspace)) {
            QueryRunner runner = new QueryRunner(connection);
            if (csv) {
                runner.printCsv(out, ASSOCIATION);
                return 0;
            }
            int lines = runner.printLines(out, ASSOCIATION, AnalyzeOutcomesCommand::sentence);
            if (lines == 0) {
                out.println("No outcomes to set against attendance: import them into the outcomes table (student, "
                        + "school year, measure, grade, value).");
                return 0;
            }
            out.println();
            out.println("By Attendance Works tier (district-level share of days absent; cells of 10 or fewer students "
                    + "withheld):");
            runner.printTable(out, """
                    SELECT t."measure", t.school_year, t.tier, t.students, ROUND(t.mean_value, 1) AS mean,
                           ROUND(t.mean_ci_low, 1) AS ci_low, ROUND(t.mean_ci_high, 1) AS ci_high,
                           ROUND(t.share_meeting_cut_score, 1) AS pct_meeting_standard,
                           ROUND(t.share_ci_low, 1) AS pct_ci_low, ROUND(t.share_ci_high, 1) AS pct_ci_high
                      FROM outcomes_by_attendance_tier t ORDER BY t."measure", t.school_year, t.tier_order""");
            String early = runner.single("SELECT COUNT(*) FROM early_chronic_absence_grade3");
            if (!"0".equals(early)) {
                out.println();
                out.println("Third graders by chronic absence in kindergarten and first grade:");
                runner.printTable(out, """
                        SELECT e."measure", e.school_year, e.chronic_in_k_and_1, e.students,
                               ROUND(e.share_meeting_cut_score, 1) AS pct_meeting_standard,
                               ROUND(e.share_ci_low, 1) AS pct_ci_low, ROUND(e.share_ci_high, 1) AS pct_ci_high
                          FROM early_chronic_absence_grade3 e ORDER BY e."measure", e.school_year, e.chronic_years DESC""");
            }
        }
        return 0;
    }

    /** One measure and year in words, as the README shows it. */
    static String sentence(ResultSet rs) throws SQLException {
        String measure = rs.getString("measure");
        String head = label(measure) + " " + rs.getString("school_year") + ": ";
        if (rs.getBoolean("suppressed") || rs.getObject("adjusted_slope") == null) {
            return head + "10 or fewer students, withheld";
        }
        double slope = rs.getDouble("adjusted_slope");
        double low = rs.getDouble("adjusted_slope_ci_low");
        double high = rs.getDouble("adjusted_slope_ci_high");
        double raw = rs.getDouble("raw_slope");
        String points = measure.toUpperCase(Locale.ROOT).endsWith("SCALE_SCORE") ? "scale-score points" : "points";
        String direction = slope < 0 ? "fewer" : "more";
        String interval = high < 0 ? number(-high) + "–" + number(-low)
                : low > 0 ? number(low) + "–" + number(high)
                : number(-low) + " fewer to " + number(high) + " more: no clear association";
        String rawText = (raw < 0) == (slope < 0) ? number(Math.abs(raw)) : signed(raw);
        return head + "each percentage point of days absent goes with " + number(Math.abs(slope)) + " " + direction
                + " " + points + " (95% CI " + interval + "), after grade, school and student groups; raw " + rawText
                + "; " + String.format(Locale.ROOT, "%,d", rs.getLong("students")) + " students; association, not effect";
    }

    private static String label(String measure) {
        return switch (measure.toUpperCase(Locale.ROOT)) {
            case "ELA_SCALE_SCORE" -> "ELA";
            case "MATH_SCALE_SCORE" -> "Math";
            default -> measure;
        };
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String signed(double value) {
        return String.format(Locale.ROOT, "%+.1f", value);
    }
}
