package org.rollcall.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.rollcall.store.Workspace;
import org.rollcall.store.WorkspaceCheck;
import org.rollcall.store.metrics.AuditViews.Check;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rollcall audit}: the data-quality checks of the Attendance Guide, by school, with examples. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Run the attendance data audit: attendance on non-instructional days or outside any enrollment, "
                + "overlapping primary enrollments, unknown local codes, STAS days that do not sum, absences exceeding "
                + "days enrolled, enrolled students with no attendance, one SSID under two local IDs.",
            "Prints each check's findings by school with examples; the views audit_summary, audit_findings and "
                + "audit_<check> hold the same for BI tools."})
final class AuditCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-w", "--workspace"}, required = true, description = "Workspace file.")
    Path workspace;

    @Option(names = "--check", paramLabel = "NAME", description = "Run only this check (repeatable): ${COMPLETION-CANDIDATES}.",
            completionCandidates = CheckNames.class)
    List<String> checks = new ArrayList<>();

    @Option(names = "--school", paramLabel = "CDS", description = "Only this school's findings (repeatable; 14-digit CDS code).")
    List<String> schools = new ArrayList<>();

    @Option(names = "--examples", defaultValue = "3", description = "Example findings per check (default: ${DEFAULT-VALUE}).")
    int examples;

    @Option(names = "--csv", description = "Print the summary by check and school as CSV.")
    boolean csv;

    @Option(names = "--fail-on-findings", description = "Exit with status 2 when there is any finding (for scheduled jobs).")
    boolean failOnFindings;

    /** The check names, for help and completion. */
    static final class CheckNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Arrays.stream(Check.values()).map(Check::checkName).iterator();
        }
    }

    @Override
    public Integer call() throws SQLException {
        List<Check> selected = selectedChecks();
        for (String school : schools) {
            if (!school.matches("\\d{14}")) {
                throw new ParameterException(spec.commandLine(), "--school takes a 14-digit CDS code, not '" + school + "'");
            }
        }
        String schoolFilter = schools.isEmpty() ? "" : " WHERE f.school_code IN ("
                + schools.stream().map(s -> "'" + s + "'").collect(Collectors.joining(", ")) + ")";
        PrintWriter out = spec.commandLine().getOut();
        WorkspaceCheck.verify(workspace);
        long total = 0;
        int withFindings = 0;
        try (Connection connection = Workspace.dataSource(workspace, true).getConnection();
                ProgressBarReporter progress = new ProgressBarReporter(System.err)) {
            QueryRunner runner = new QueryRunner(connection);
            if (csv) {
                String checkFilter = selected.stream().map(c -> "'" + c.checkName() + "'").collect(Collectors.joining(", "));
                runner.printCsv(out, "SELECT * FROM audit_summary f WHERE f.check_name IN (" + checkFilter + ")"
                        + (schoolFilter.isEmpty() ? "" : schoolFilter.replace(" WHERE ", " AND "))
                        + " ORDER BY f.check_name, f.school_code");
                return 0;
            }
            int done = 0;
            for (Check check : selected) {
                progress.update("Auditing", done++, selected.size());
                String view = " FROM " + check.viewName() + " f";
                long findings = Long.parseLong(runner.single("SELECT COUNT(*)" + view + schoolFilter));
                out.println(check.checkName() + ": " + check.description());
                if (findings == 0) {
                    out.println("  no findings");
                } else {
                    total += findings;
                    withFindings++;
                    runner.printTable(out, "SELECT f.school_code, sc.school_name, COUNT(*) AS findings, "
                            + "COUNT(DISTINCT f.student_id) AS students" + view
                            + " LEFT JOIN schools sc ON sc.school_code = f.school_code" + schoolFilter
                            + " GROUP BY f.school_code, sc.school_name ORDER BY findings DESC, f.school_code");
                    if (examples > 0) {
                        out.println("  for example:");
                        runner.printTable(out, "SELECT f.school_code, f.school_year, f.local_id, f.detail" + view
                                + schoolFilter + " ORDER BY f.school_code, f.local_id LIMIT " + examples);
                    }
                }
                out.println();
            }
            progress.update("Auditing", done, selected.size());
        }
        out.printf("%,d finding(s) in %d of %d check(s)%n", total, withFindings, selected.size());
        return failOnFindings && total > 0 ? 2 : 0;
    }

    private List<Check> selectedChecks() {
        if (checks.isEmpty()) {
            return List.of(Check.values());
        }
        List<Check> selected = new ArrayList<>();
        for (String name : checks) {
            selected.add(Check.named(name).orElseThrow(() -> new ParameterException(spec.commandLine(), "There is no "
                    + "audit check '" + name + "'; the checks are: " + Arrays.stream(Check.values())
                            .map(Check::checkName).collect(Collectors.joining(", ")))));
        }
        return selected;
    }
}
