package org.rollcall.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.rollcall.cli.ProgressBarReporter;
import org.rollcall.sources.Entity;
import org.rollcall.sources.FileResult;
import org.rollcall.sources.ImportProgress;
import org.rollcall.sources.Importer;
import org.rollcall.sources.Mapping;
import org.rollcall.sources.SourceAdapters;
import org.rollcall.sources.SourceInput;
import org.rollcall.sources.file.Exporter;
import org.rollcall.store.Workspace;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Times importing the benchmark district's daily attendance from CSV (the district exported by
 * {@code rollcall export}) with validation, code mapping and the summary rebuild, beside the sqlite3 command
 * line's {@code .import} of the same file into a table of the same shape and key, and prints rows per second
 * and the ratio.
 */
@Command(name = "bench-import", mixinStandardHelpOptions = true,
        description = "Import benchmark: rollcall import of a daily-attendance CSV against sqlite3 .import.")
public final class ImportBenchmark implements Callable<Integer> {

    @Mixin
    BenchDistrict district;

    @Option(names = "--sqlite3", defaultValue = "sqlite3", description = "The sqlite3 command (default ${DEFAULT-VALUE}).")
    String sqlite3;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ImportBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path workspace = district.workspace();
        Path data = district.data;
        Path export = data.resolve(workspace.getFileName() + ".csv");
        if (!Files.isDirectory(export)) {
            try (ProgressBarReporter progress = new ProgressBarReporter(System.err)) {
                Exporter.export(workspace, export, Exporter.Format.CSV, StandardCharsets.UTF_8, progress);
            }
        }
        Path daily = export.resolve("daily_attendance.csv");
        long bytes = Files.size(daily);

        double sqliteSeconds = sqlite3Import(daily, data);

        Path target = data.resolve("import-target.rollcall");
        Files.deleteIfExists(target);
        Workspace.build(target, w -> {
        });
        for (Entity entity : Entity.values()) {
            if (entity.ordinal() < Entity.DAILY_ATTENDANCE.ordinal()) {
                importOne(target, export.resolve(entity.tableName() + ".csv"), ImportProgress.NONE);
            }
        }
        PhaseClock clock = new PhaseClock();
        long started = System.nanoTime();
        FileResult result;
        try (ProgressBarReporter bar = new ProgressBarReporter(System.err)) {
            result = importOne(target, daily, (phase, done, total) -> {
                clock.update(phase);
                bar.update(phase, done, total);
            });
        }
        double total = (System.nanoTime() - started) / 1e9;
        double load = clock.summarizingStarted == 0 ? total : (clock.summarizingStarted - started) / 1e9;
        long rows = result.read();

        System.out.printf("%nDaily attendance CSV of the %,d-student district: %,d rows, %,d MB; %,d loaded, %,d quarantined.%n%n",
                district.students, rows, bytes >> 20, result.loaded(), result.quarantined());
        List<String[]> table = new ArrayList<>();
        table.add(row("sqlite3 .import (no validation)", sqliteSeconds, rows, sqliteSeconds));
        table.add(row("rollcall import: read, validate, stage, merge", load, rows, sqliteSeconds));
        table.add(row("rollcall import incl. summaries and metric views", total, rows, sqliteSeconds));
        Sampling.print(List.of("import", "seconds", "rows/s", "speed / sqlite3"), table);
        return 0;
    }

    private static String[] row(String name, double seconds, long rows, double baselineSeconds) {
        return new String[] {name, String.format(Locale.ROOT, "%.1f", seconds),
            String.format(Locale.ROOT, "%,.0f", rows / seconds), String.format(Locale.ROOT, "%.2fx", baselineSeconds / seconds)};
    }

    private static FileResult importOne(Path workspace, Path file, ImportProgress progress) {
        String name = file.getFileName().toString();
        Path mappingFile = file.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".yaml");
        if (!Files.exists(file)) {
            return null; // an empty table was not exported
        }
        Mapping mapping = Mapping.load(mappingFile);
        FileResult result = new Importer(workspace, progress).importFile(SourceAdapters.named(mapping.format()),
                new SourceInput(file, mapping), true);
        if (result.status() != FileResult.Status.LOADED) {
            throw new IllegalStateException(name + ": " + result.message());
        }
        return result;
    }

    /** sqlite3's own CSV import into a table shaped and keyed like the file, in a fresh database; seconds. */
    private double sqlite3Import(Path csv, Path data) throws IOException, InterruptedException {
        Path db = data.resolve("import-sqlite3.db");
        Files.deleteIfExists(db);
        String ddl = "CREATE TABLE daily_csv (local_id TEXT NOT NULL, school_code TEXT NOT NULL, attendance_date TEXT NOT NULL, "
                + "category TEXT, local_code TEXT NOT NULL, minutes_absent INTEGER, "
                + "PRIMARY KEY (local_id, school_code, attendance_date)) WITHOUT ROWID";
        run(List.of(sqlite3, db.toString(), ddl));
        long started = System.nanoTime();
        run(List.of(sqlite3, db.toString(), ".import --csv --skip 1 " + csv + " daily_csv"));
        return (System.nanoTime() - started) / 1e9;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("Cannot run " + command.get(0) + " (install the sqlite3 command line, e.g. "
                    + "apt-get install sqlite3, or pass --sqlite3): " + e.getMessage(), e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    /** Notes when the summary rebuild starts. */
    private static final class PhaseClock {
        long summarizingStarted;

        void update(String phase) {
            if (summarizingStarted == 0 && phase.startsWith("Summarizing")) {
                summarizingStarted = System.nanoTime();
            }
        }
    }
}
