package org.rollcall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.cli.RollCallCommandLineTest.Run;

/**
 * An Ed-Fi JSON export folder imported as an analyst would, with DIR/*.json: the associations file is read through
 * the students file that joins it, not refused for want of a mapping, and the district comes back whole.
 */
class EdFiJsonFolderImportTest {

    @TempDir
    Path dir;

    @Test
    void anExportFolderImportsWithAGlob() throws IOException, SQLException {
        Path original = dir.resolve("original.rollcall");
        assertEquals(0, RollCallCommandLineTest.run("generate", "--students", "150", "--years", "1", "--seed", "3",
                "--out", original.toString()).exitCode());
        Path csv = dir.resolve("csv");
        Path json = dir.resolve("json");
        assertEquals(0, RollCallCommandLineTest.run("export", "-w", original.toString(), "--out", csv.toString())
                .exitCode());
        assertEquals(0, RollCallCommandLineTest.run("export", "-w", original.toString(), "--out", json.toString(),
                "--format", "EDFI_JSON").exitCode());

        Path copy = dir.resolve("copy.rollcall");
        List<String> reference = new ArrayList<>(List.of("import", "-w", copy.toString(), "--create"));
        for (String table : List.of("districts", "school_years", "calendar_days", "schools", "attendance_codes")) {
            reference.add(csv.resolve(table + ".csv").toString());
        }
        Run referenceRun = RollCallCommandLineTest.run(reference.toArray(String[]::new));
        assertEquals(0, referenceRun.exitCode(), referenceRun.err());

        List<String> args = new ArrayList<>(List.of("import", "-w", copy.toString()));
        try (Stream<Path> files = Files.list(json)) {
            files.filter(f -> f.toString().endsWith(".json")).sorted().forEach(f -> args.add(f.toString()));
        }
        Run run = RollCallCommandLineTest.run(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("studentEducationOrganizationAssociations.json: read with students.json"),
                run.out());
        assertEquals(OdsFixture.dump(original, "SELECT * FROM chronic_absence_by_school ORDER BY 1, 2"),
                OdsFixture.dump(copy, "SELECT * FROM chronic_absence_by_school ORDER BY 1, 2"));
        assertEquals(OdsFixture.dump(original, "SELECT local_id, gender, race_ethnicity FROM students ORDER BY 1"),
                OdsFixture.dump(copy, "SELECT local_id, gender, race_ethnicity FROM students ORDER BY 1"));
    }
}
