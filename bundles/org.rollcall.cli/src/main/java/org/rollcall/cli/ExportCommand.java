package org.rollcall.cli;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.rollcall.sources.file.Exporter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rollcall export}: writes a workspace's source tables as files that {@code rollcall import} reads back. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a workspace's tables (students by local ID) as delimited or fixed-width files, each "
                + "with the mapping that imports it again beside it.")
final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-w", "--workspace"}, required = true, description = "Workspace file to export.")
    Path workspace;

    @Option(names = "--out", required = true, description = "Directory to write into (created if absent).")
    Path out;

    @Option(names = "--format", defaultValue = "CSV",
            description = "CSV or FIXED_WIDTH (every table), DATAQUEST (the district's chronic absenteeism in the "
                    + "layout of the CDE's DataQuest file), EDFI_JSON (students, school associations and "
                    + "days as Ed-Fi API resources) or "
                    + "CALPADS (students, enrollments and summaries as SINF, SENR and STAS extracts) "
                    + "(default: ${DEFAULT-VALUE}).")
    Exporter.Format format;

    @Option(names = "--encoding", defaultValue = "UTF-8", description = "Text encoding (default: ${DEFAULT-VALUE}).")
    Charset encoding;

    @Override
    public Integer call() {
        List<Path> files;
        try (ProgressBarReporter progress = new ProgressBarReporter(System.err)) {
            files = Exporter.export(workspace, out, format, encoding, progress);
        }
        spec.commandLine().getOut().printf("Wrote %d file(s) and their mappings to %s; import them with:%n"
                + "  rollcall import --workspace <workspace>%s %s/*.%s%n", files.size(), out.toAbsolutePath(),
                format == Exporter.Format.CSV || format == Exporter.Format.FIXED_WIDTH ? " --create" : "", out,
                format.extension());
        if (format == Exporter.Format.CALPADS) {
            spec.commandLine().getOut().printf("into a workspace that has the district's schools, school years and "
                    + "calendar (CALPADS extracts carry none of them).%n");
        }
        return 0;
    }
}
