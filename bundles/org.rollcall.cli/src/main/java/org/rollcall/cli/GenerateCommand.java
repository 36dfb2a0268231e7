package org.rollcall.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.rollcall.synthetic.DistrictGenerator;
import org.rollcall.synthetic.GeneratorSettings;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rollcall generate}: writes a synthetic district workspace. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate a synthetic district workspace (deterministic from the seed).")
final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--students", defaultValue = "12000", description = "Number of students (default: ${DEFAULT-VALUE}).")
    int students;

    @Option(names = "--years", defaultValue = "2", description = "Number of school years (default: ${DEFAULT-VALUE}).")
    int years;

    @Option(names = "--seed", defaultValue = "2026", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--first-year", defaultValue = "2023",
            description = "Calendar year in which the first school year starts (default: ${DEFAULT-VALUE}, i.e. 2023-24).")
    int firstYear;

    @Option(names = "--out", required = true, description = "Workspace file to write (replaced if it exists).")
    Path out;

    @Override
    public Integer call() {
        GeneratorSettings settings = new GeneratorSettings(students, years, seed, firstYear);
        long started = System.nanoTime();
        try (ProgressBarReporter progress = new ProgressBarReporter(System.err)) {
            DistrictGenerator.generate(settings, out, progress);
        }
        spec.commandLine().getOut().printf("Wrote %s: %,d students, %d school year(s), seed %d, in %.1f s%n", out.toAbsolutePath(),
                students, years, seed, (System.nanoTime() - started) / 1e9);
        return 0;
    }
}
