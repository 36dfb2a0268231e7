package org.rollcall.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.rollcall.sources.FileResult;
import org.rollcall.sources.Importer;
import org.rollcall.sources.Mapping;
import org.rollcall.sources.Presets;
import org.rollcall.sources.SourceAdapter;
import org.rollcall.sources.SourceAdapters;
import org.rollcall.sources.SourceException;
import org.rollcall.sources.SourceInput;
import org.rollcall.store.Workspace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rollcall import}: loads SIS exports into a workspace, each file all or nothing. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import SIS exports into a workspace. Each file is read with a mapping (its columns, codes, "
                + "dates and encoding) and imported in one transaction: every row is loaded or quarantined with its "
                + "line, field and reason, and a file that fails leaves the workspace unchanged.",
            "Files are imported in dependency order (schools before students before enrollments before days). "
                + "Importing the same file again changes nothing; a newer daily export replaces the dates it covers."})
final class ImportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-w", "--workspace"}, description = "Workspace file to import into.")
    Path workspace;

    @Option(names = "--create", description = "Create an empty workspace first if the file does not exist.")
    boolean create;

    @Option(names = {"-m", "--mapping"}, paramLabel = "MAPPING",
            description = "Mapping for every file: a YAML file or preset:<name>. Without it, each file's mapping is "
                    + "the .yaml file of the same name beside it (students.csv -> students.yaml).")
    String mapping;

    @Option(names = "--adapter", description = "Source adapter (default: the mapping's format).")
    String adapter;

    @Option(names = "--force", description = "Import files again even if unchanged since their last import.")
    boolean force;

    @Option(names = "--through", paramLabel = "DATE", description = "The last day the daily-attendance exports cover "
            + "(yyyy-MM-dd; default: the last date in each file): earlier days through it are replaced, and for "
            + "absences-only exports filled as present.")
    java.time.LocalDate through;

    @Option(names = "--list-adapters", description = "List the source adapters and exit.")
    boolean listAdapters;

    @Option(names = "--list-presets", description = "List the mapping presets and exit.")
    boolean listPresets;

    @Option(names = "--show-preset", paramLabel = "NAME", description = "Print a preset's YAML (to copy and edit) and exit.")
    String showPreset;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Export files to import.")
    List<Path> files = new ArrayList<>();

    /** A file with the mapping that reads it, or why there is none. */
    private record Planned(Path file, Mapping mapping, String error) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (listAdapters || listPresets || showPreset != null) {
            list(out);
            return 0;
        }
        if (workspace == null || files.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "give --workspace and at least one file to import");
        }
        if (!Files.exists(workspace)) {
            if (!create) {
                throw new SourceException(workspace + " does not exist; add --create to start a new workspace");
            }
            Workspace.build(workspace, w -> {
            });
            out.println("Created empty workspace " + workspace.toAbsolutePath());
        }
        List<Planned> plan = new ArrayList<>(files.stream().map(this::plan).toList());
        // reference tables first, whatever order the files were named in
        plan.sort(Comparator.comparingInt(p -> p.mapping() == null ? -1 : p.mapping().entity().ordinal()));
        Importer importer;
        long read = 0;
        long loaded = 0;
        long quarantined = 0;
        int failed = 0;
        try (ProgressBarReporter progress = new ProgressBarReporter(System.err)) {
            importer = new Importer(workspace, progress);
            for (Planned planned : plan) {
                FileResult result;
                if (planned.error() != null) {
                    result = FileResult.failed(planned.file(), null, planned.error());
                } else {
                    SourceAdapter chosen = SourceAdapters.named(adapter != null ? adapter : planned.mapping().format());
                    result = importer.importFile(chosen, new SourceInput(planned.file(), planned.mapping(), through),
                            force);
                    progress.close();
                }
                report(result, out, err);
                read += result.read();
                loaded += result.loaded();
                quarantined += result.quarantined();
                failed += result.status() == FileResult.Status.FAILED ? 1 : 0;
            }
        }
        out.printf("%d file(s): %,d rows read = %,d loaded + %,d quarantined; %d file(s) failed%n", plan.size(), read,
                loaded, quarantined, failed);
        if (quarantined > 0) {
            out.println("List the quarantined rows with: rollcall quarantine --workspace " + workspace
                    + "; fix the mapping and import the file again.");
        }
        return failed > 0 ? 1 : 0;
    }

    private Planned plan(Path file) {
        try {
            Mapping chosen;
            if (mapping != null) {
                chosen = mapping.startsWith(Presets.PREFIX) ? Presets.load(mapping.substring(Presets.PREFIX.length()))
                        : Mapping.load(Path.of(mapping));
            } else {
                String name = file.getFileName().toString();
                Path beside = file.resolveSibling((name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name)
                        + ".yaml");
                if (!Files.exists(beside)) {
                    return new Planned(file, null, "no mapping for " + name + ": give --mapping, or put "
                            + beside.getFileName() + " beside it (see --list-presets)");
                }
                chosen = Mapping.load(beside);
            }
            return new Planned(file, chosen, null);
        } catch (SourceException e) {
            return new Planned(file, null, e.getMessage());
        }
    }

    private static void report(FileResult result, PrintWriter out, PrintWriter err) {
        String name = result.file().getFileName().toString();
        switch (result.status()) {
            case FAILED -> err.println(name + ": FAILED: " + result.message());
            case UNCHANGED -> out.println(name + ": " + result.message());
            case LOADED -> {
                out.printf("%s -> %s: %,d read, %,d loaded, %,d quarantined%s%n", name, result.entity(), result.read(),
                        result.loaded(), result.quarantined(), result.firstDate() == null ? ""
                                : String.format(" (days %s..%s; %,d earlier rows replaced%s)", result.firstDate(),
                                        result.lastDate(), result.replaced(), result.filled() == 0 ? ""
                                                : String.format("; %,d present days filled", result.filled())));
                result.problems().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                        .forEach(e -> out.printf("    %,10d  %s%n", e.getValue(), e.getKey()));
            }
        }
    }

    private void list(PrintWriter out) {
        if (showPreset != null) {
            out.print(Presets.text(showPreset));
            return;
        }
        if (listAdapters) {
            out.println("Source adapters:");
            for (SourceAdapter a : SourceAdapters.available()) {
                out.printf("  %-14s %s%n", a.name(), a.description());
            }
        }
        if (listPresets) {
            out.println("Mapping presets (use --mapping preset:<name>, or --show-preset <name> to copy one):");
            for (String name : Presets.NAMES) {
                Mapping preset = Presets.load(name);
                out.printf("  %-30s %s, %s%n", name, preset.entity().tableName(), preset.format());
            }
        }
    }
}
