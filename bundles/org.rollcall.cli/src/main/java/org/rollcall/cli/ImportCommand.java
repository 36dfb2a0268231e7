package org.rollcall.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.rollcall.sources.DatabaseSource;
import org.rollcall.sources.FileResult;
import org.rollcall.sources.ImportOptions;
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

/**
 * {@code rollcall import}: loads SIS exports, or the queries of mappings against a database, into a workspace,
 * each file or query all or nothing.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import SIS exports into a workspace. Each file is read with a mapping (its columns, codes, "
                + "dates and encoding) and imported in one transaction: every row is loaded or quarantined with its "
                + "line, field and reason, and a file that fails leaves the workspace unchanged.",
            "Files are imported in dependency order (schools before students before enrollments before days). "
                + "Importing the same file again changes nothing. A daily export replaces the days it supplies; the "
                + "other days of its range (first to last date, at its schools) are kept and counted per school "
                + "unless --replace-range removes them. --dry-run shows what an import would do; --undo puts back "
                + "what the last run changed.",
            "With --database, each --mapping is a query against that database (an Ed-Fi ODS, say: "
                + "--mapping 'preset:edfi-ods-*'), imported the same way and in the same order."})
final class ImportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-w", "--workspace"}, description = "Workspace file to import into.")
    Path workspace;

    @Option(names = "--create", description = "Create an empty workspace first if the file does not exist.")
    boolean create;

    @Option(names = {"-m", "--mapping"}, paramLabel = "MAPPING",
            description = "Mapping for every file: a YAML file or preset:<name>. Without it, each file's mapping is "
                    + "the .yaml file of the same name beside it (students.csv -> students.yaml). With --database, "
                    + "give one per query; preset:<glob> names every matching preset (preset:'edfi-ods-*').")
    List<String> mappings = new ArrayList<>();

    @Option(names = "--database", paramLabel = "URL", description = "Read a database instead of files: its JDBC "
            + "URL (jdbc:postgresql://host:5432/ods). Each mapping's query runs against it, read-only.")
    String database;

    @Option(names = "--user", paramLabel = "USER", description = "The database account to read as.")
    String user;

    @Option(names = "--password-env", paramLabel = "VAR", description = "The environment variable that holds the "
            + "database password (never on the command line, where other users of the machine can see it).")
    String passwordEnv;

    @Option(names = "--adapter", description = "Source adapter (default: the mapping's format).")
    String adapter;

    @Option(names = "--force", description = "Import files again even if unchanged since their last import.")
    boolean force;

    @Option(names = "--replace-range", description = "Let each daily export remove the existing days of its range "
            + "(its first to its last date, at the schools it covers) that it does not re-supply, as a newer full "
            + "export of those dates should. Without it they are kept, and counted per school.")
    boolean replaceRange;

    @Option(names = "--dry-run", description = "Import the files into a copy of the workspace, report what each "
            + "would add, replace and remove (per school, the days that would disappear) and quarantine, and delete "
            + "the copy: the workspace is left byte for byte as it was.")
    boolean dryRun;

    @Option(names = "--undo", description = "Put the workspace back as it was before the last import run: the rows "
            + "its files added go, those they replaced or removed come back, with their import log and quarantine "
            + "entries, summaries and metric views. Takes no files.")
    boolean undo;

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

    /** A file (null for a query) with the mapping that reads it, or why there is none. */
    private record Planned(Path file, String name, Mapping mapping, String error) {
        Planned(Path file, Mapping mapping, String error) {
            this(file, file.getFileName().toString(), mapping, error);
        }
    }

    /** The database to read, with the password taken from the environment variable named. */
    private DatabaseSource databaseSource() {
        String password = null;
        if (passwordEnv != null) {
            password = System.getenv(passwordEnv);
            if (password == null) {
                throw new SourceException("--password-env " + passwordEnv + ": there is no environment variable "
                        + passwordEnv + "; set it to the database password");
            }
        }
        return new DatabaseSource(database, user, password);
    }

    /** One query per mapping, each mapping a file or a preset (a glob naming several); all must be queries. */
    /**
     * A file named on the command line that has no mapping of its own but is another file's joined resource (an
     * Ed-Fi export folder imported with *.json) is read through that file, not imported alone.
     */
    private static List<Planned> withoutJoinedFiles(List<Planned> plan, PrintWriter out) {
        java.util.Map<Path, String> joined = new java.util.HashMap<>();
        for (Planned p : plan) {
            if (p.mapping() != null && p.file() != null) {
                for (Mapping.Join join : p.mapping().joins().values()) {
                    joined.put(p.file().toAbsolutePath().resolveSibling(join.file()).normalize(), p.name());
                }
            }
        }
        List<Planned> kept = new ArrayList<>();
        for (Planned p : plan) {
            String reader = p.mapping() == null && p.file() != null
                    ? joined.get(p.file().toAbsolutePath().normalize()) : null;
            if (reader != null) {
                out.println(p.name() + ": read with " + reader + " (its mapping joins it)");
            } else {
                kept.add(p);
            }
        }
        return kept;
    }

    private List<Planned> planQueries(DatabaseSource source) {
        List<Planned> planned = new ArrayList<>();
        for (String argument : mappings) {
            try {
                List<Mapping> loaded = argument.startsWith(Presets.PREFIX)
                        ? Presets.matching(argument.substring(Presets.PREFIX.length())).stream().map(Presets::load).toList()
                        : List.of(Mapping.load(Path.of(argument)));
                for (Mapping m : loaded) {
                    String name = source.redactedUrl() + " query " + m.name();
                    planned.add(m.query() == null
                            ? new Planned(null, name, null, "mapping " + m.name() + " describes a " + m.format()
                                    + " file; a --database import runs the query of a format: jdbc mapping")
                            : new Planned(null, name, m, null));
                }
            } catch (SourceException e) {
                planned.add(new Planned(null, argument, null, e.getMessage()));
            }
        }
        return planned;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (listAdapters || listPresets || showPreset != null) {
            list(out);
            return 0;
        }
        if (undo) {
            return undo(out);
        }
        if (database != null && !files.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "give either --database or files to import, not both (import them in two runs)");
        }
        if (database == null && (user != null || passwordEnv != null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--user and --password-env are for --database");
        }
        if (workspace == null || (database == null && files.isEmpty()) || (database != null && mappings.isEmpty())) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), database == null
                    ? "give --workspace and at least one file to import"
                    : "give --workspace and at least one --mapping whose query to run against the database");
        }
        if (database == null && mappings.size() > 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give one --mapping for the files, "
                    + "or none to use the .yaml beside each file");
        }
        DatabaseSource source = database == null ? null : databaseSource();
        // an empty file (left by a shell redirect, say) holds nothing: it is no workspace, and --create may use it
        boolean empty = isEmptyFile(workspace);
        if (!Files.exists(workspace) || empty) {
            if (!create) {
                throw new SourceException(workspace + (empty ? " is an empty file, not a RollCall workspace"
                        : " does not exist") + "; add --create to start a new workspace there");
            }
            Workspace.build(workspace, w -> {
            });
            out.println("Created empty workspace " + workspace.toAbsolutePath());
        }
        List<Planned> plan = new ArrayList<>(source == null ? files.stream().map(this::plan).toList()
                : planQueries(source));
        plan = withoutJoinedFiles(plan, out);
        // reference tables first, whatever order the files were named in
        plan.sort(Comparator.comparingInt(p -> p.mapping() == null ? -1 : p.mapping().entity().ordinal()));
        long read = 0;
        long loaded = 0;
        long quarantined = 0;
        long added = 0;
        long replaced = 0;
        long removed = 0;
        long kept = 0;
        int failed = 0;
        ImportOptions options = new ImportOptions(force, replaceRange);
        try (ProgressBarReporter progress = new ProgressBarReporter(System.err);
                Importer importer = dryRun ? Importer.dryRun(workspace, progress) : new Importer(workspace, progress)) {
            for (Planned planned : plan) {
                FileResult result;
                if (planned.error() != null) {
                    result = planned.file() != null ? FileResult.failed(planned.file(), null, planned.error())
                            : FileResult.failed(planned.name(), null, planned.error());
                } else {
                    SourceAdapter chosen = SourceAdapters.named(adapter != null ? adapter : planned.mapping().format());
                    SourceInput input = source == null ? new SourceInput(planned.file(), planned.mapping(), through)
                            : SourceInput.query(source, planned.mapping(), through);
                    result = importer.importFile(chosen, input, options);
                    progress.close();
                }
                report(result, out, err);
                read += result.read();
                loaded += result.loaded();
                quarantined += result.quarantined();
                added += result.changes().added();
                replaced += result.changes().replaced();
                removed += result.changes().removed();
                kept += result.changes().kept();
                failed += result.status() == FileResult.Status.FAILED ? 1 : 0;
            }
        }
        String unit = source == null ? "file(s)" : "query(ies)";
        out.printf("%s%d %s: %,d rows read = %,d loaded + %,d quarantined; %d %s failed%n",
                dryRun ? "Dry run, nothing written: " : "", plan.size(), unit, read, loaded, quarantined, failed, unit);
        String would = dryRun ? "would be " : "";
        out.printf("Rows %sadded: %,d; %sreplaced: %,d; %sremoved: %,d%n", would, added, would, replaced, would,
                removed);
        if (kept > 0) {
            out.printf("%,d existing rows in the files' ranges were not re-supplied and %s kept (listed per school "
                    + "above); if the files are complete, import them again with --replace-range to remove them.%n",
                    kept, dryRun ? "would be" : "were");
        }
        if (!dryRun && (added + replaced + removed > 0)) {
            out.println("To put the workspace back as it was before this run: rollcall import --workspace " + workspace
                    + " --undo");
        }
        if (quarantined > 0) {
            out.println("List the quarantined rows with: rollcall quarantine --workspace " + workspace
                    + "; fix the mapping and import the " + (source == null ? "file" : "query") + " again.");
        }
        return failed > 0 ? 1 : 0;
    }

    private Planned plan(Path file) {
        try {
            Mapping chosen;
            if (!mappings.isEmpty()) {
                String mapping = mappings.get(0);
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

    private static boolean isEmptyFile(Path file) {
        try {
            return Files.isRegularFile(file) && Files.size(file) == 0;
        } catch (java.io.IOException e) {
            return false; // unreadable: opening it says why
        }
    }

    /** Puts back the last run, saying which imports it undid. */
    private int undo(PrintWriter out) {
        if (workspace == null || !files.isEmpty() || database != null || !mappings.isEmpty() || dryRun
                || replaceRange || force || through != null || create) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--undo takes --workspace alone: it puts back the last run, and imports nothing");
        }
        if (!Files.exists(workspace)) {
            throw new SourceException(workspace + " does not exist; there is nothing to undo");
        }
        List<Importer.UndoneImport> undone = new Importer(workspace, org.rollcall.sources.ImportProgress.NONE)
                .undoLastRun();
        if (undone.isEmpty()) {
            out.println("Nothing to undo: " + workspace + " keeps what the last import run changed, and that run "
                    + "changed nothing or has been undone already.");
            return 0;
        }
        for (Importer.UndoneImport u : undone) {
            out.printf("Undid import %d of %s -> %s (%s): %,d rows deleted, %,d restored%n", u.importId(), u.file(),
                    u.entity(), u.importedAt(), u.rowsDeleted(), u.rowsRestored());
        }
        out.printf("%s is as it was before that run (%d import(s)); summaries and metric views rebuilt.%n", workspace,
                undone.size());
        return 0;
    }

    private static void report(FileResult result, PrintWriter out, PrintWriter err) {
        String name = result.displayName();
        switch (result.status()) {
            case FAILED -> err.println(TerminalText.escapedKeepingLines(name + ": FAILED: " + result.message()));
            case UNCHANGED -> out.println(name + ": " + result.message());
            case LOADED -> {
                FileResult.Changes changes = result.changes();
                String would = result.dryRun() ? "would be " : "";
                out.printf("%s%s -> %s: %,d read, %,d loaded, %,d quarantined%s; %,d rows %sadded, %,d %sreplaced, "
                        + "%,d %sremoved%n", result.dryRun() ? "(dry run) " : "", name, result.entity(), result.read(),
                        result.loaded(), result.quarantined(), result.firstDate() == null ? ""
                                : String.format(" (days %s..%s; %,d earlier rows replaced%s)", result.firstDate(),
                                        result.lastDate(), changes.replaced(), result.filled() == 0 ? ""
                                                : String.format("; %,d present days filled", result.filled())),
                        changes.added(), would, changes.replaced(), would, changes.removed(), would);
                result.problems().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                        .forEach(e -> out.printf("    %,10d  %s%n", e.getValue(), e.getKey()));
                if (!changes.bySchool().isEmpty()) {
                    out.printf("    days of its range it does not re-supply, %s:%n", changes.removed() > 0
                            ? (result.dryRun() ? "which would be removed" : "removed")
                            : (result.dryRun() ? "which would be kept" : "kept"));
                    for (FileResult.SchoolDays school : changes.bySchool()) {
                        out.printf("    %,10d student-days (%,d students, %,d days, %s..%s) at %s %s%n", school.rows(),
                                school.students(), school.dates(), school.firstDate(), school.lastDate(),
                                school.schoolCode(), school.schoolName() == null ? "" : school.schoolName());
                    }
                }
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
