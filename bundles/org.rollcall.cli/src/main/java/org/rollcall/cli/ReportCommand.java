package org.rollcall.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.rollcall.reports.ReportException;
import org.rollcall.reports.ReportFormat;
import org.rollcall.reports.ReportParameter;
import org.rollcall.reports.ReportRunner;
import org.rollcall.reports.ReportTemplate;
import org.rollcall.reports.ReportTemplates;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rollcall report}: lists the report templates, or renders one on a workspace to PDF, HTML or XLSX. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "List the report templates (--list), or render one on a workspace to PDF, HTML or XLSX.")
final class ReportCommand implements Callable<Integer> {

    /** BIRT and the ODA framework log through java.util.logging; users get the task's error in one line instead. */
    private static final List<Logger> QUIET = List.of(Logger.getLogger("org.eclipse.birt"),
            Logger.getLogger("org.eclipse.datatools"), Logger.getLogger("uk.co.spudsoft"));

    @Spec
    CommandSpec spec;

    @Option(names = "--list", description = "List the templates with their parameters.")
    boolean list;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The template, e.g. lcap-goals.")
    String name;

    @Option(names = {"-w", "--workspace"}, description = "Workspace file.")
    Path workspace;

    @Option(names = "--out", description = "File to write (its extension gives the format unless --format does).")
    Path out;

    @Option(names = "--format", description = "pdf, html or xlsx (default: from the --out file's extension).")
    String format;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "A template parameter, e.g. school_year=2024-25 (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        if (list) {
            for (ReportTemplate template : ReportTemplates.all()) {
                stdout.printf("%s: %s%n  %s%n", template.id(), template.title(), template.description());
                for (ReportParameter parameter : template.parameters()) {
                    stdout.printf("  --param %s%n", parameter.describe());
                }
                template.companions().forEach(c -> stdout.printf("  also writes <out>%s: %s%n", c.suffix(), c.description()));
            }
            return 0;
        }
        if (name == null || workspace == null || out == null) {
            throw new ReportException("name a template, --workspace and --out (rollcall report --list shows the templates)");
        }
        ReportTemplate template = ReportTemplates.named(name);
        ReportFormat chosen = format != null
                ? ReportFormat.named(format).orElseThrow(() -> new ReportException("unknown format '" + format + "' (use pdf, html or xlsx)"))
                : ReportFormat.ofFile(out).orElseThrow(() -> new ReportException(
                        "cannot tell the format from " + out.getFileName() + ": give --format pdf, html or xlsx"));
        if (!Files.isRegularFile(workspace)) {
            throw new ReportException("no workspace at " + workspace);
        }
        QUIET.forEach(logger -> logger.setLevel(Level.OFF));
        List<Path> written;
        try (ProgressBarReporter progress = new ProgressBarReporter(System.err)) {
            written = ReportRunner.run(template, workspace, params, chosen, out, progress::update);
        }
        for (Path file : written) {
            stdout.printf("Wrote %s%n", file.toAbsolutePath());
        }
        return 0;
    }
}
