package org.rollcall.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.rollcall.cli.ProgressBarReporter;
import org.rollcall.store.WorkspaceCheck;
import org.rollcall.synthetic.DistrictGenerator;
import org.rollcall.synthetic.GeneratorSettings;

import picocli.CommandLine.Option;

/** The synthetic district a benchmark runs on, and where its generated files live; a picocli mixin. */
final class BenchDistrict {

    @Option(names = "--students", defaultValue = "100000", description = "Students in the district (default ${DEFAULT-VALUE}).")
    int students;

    @Option(names = "--years", defaultValue = "1", description = "School years (default ${DEFAULT-VALUE}).")
    int years;

    @Option(names = "--seed", defaultValue = "7", description = "Generator seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--data", required = true, description = "Folder for the generated workspace and its copies.")
    Path data;

    /** The workspace, generated once into {@code data} (again when it is of another schema version). */
    Path workspace() throws IOException {
        Files.createDirectories(data);
        Path workspace = data.resolve("bench-%dx%d-seed%d.rollcall".formatted(students, years, seed));
        if (Files.isRegularFile(workspace) && !WorkspaceCheck.isCurrent(workspace)) {
            System.out.println(workspace.getFileName() + " is of another schema version; generating it again");
            Files.delete(workspace);
            Files.deleteIfExists(data.resolve(workspace.getFileName() + ".duckdb"));
        }
        if (!Files.isRegularFile(workspace)) {
            long started = System.nanoTime();
            try (ProgressBarReporter progress = new ProgressBarReporter(System.err)) {
                DistrictGenerator.generate(new GeneratorSettings(students, years, seed, 2024), workspace, progress);
            }
            System.out.printf("Generated %s in %.1f s%n", workspace.getFileName(), (System.nanoTime() - started) / 1e9);
        }
        return workspace;
    }
}
