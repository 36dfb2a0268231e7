package org.rollcall.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.cli.RollCallCommandLineTest.Run;

/**
 * {@code rollcall import} as an analyst runs it on a generated district: a damaged daily export never removes rows
 * it does not re-supply unless told to, says what it added, replaced and removed, and an import can be undone.
 */
class ImportSafetyTest {

    @TempDir
    Path dir;

    @Test
    void aWorkspaceThatDoesNotExistIsNamedAndNothingIsCreated() throws IOException {
        Path file = Files.writeString(dir.resolve("days.csv"), "Student,School,Date,Code\n");
        Path missing = dir.resolve("nope.rollcall");
        Run run = RollCallCommandLineTest.run("import", "-w", missing.toString(), "--mapping",
                "preset:daily-attendance-csv", file.toString());
        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains(missing + " does not exist"), run.err());
        assertFalse(run.err().contains("not a RollCall workspace"), run.err());
        assertFalse(Files.exists(missing), "nothing is created without --create");
    }

    @Test
    void anEmptyFileAsWorkspaceIsCalledEmptyAndCreateUsesIt() throws IOException {
        Path district = dir.resolve("district.rollcall");
        assertEquals(0, RollCallCommandLineTest.run("generate", "--students", "150", "--years", "1", "--seed", "2",
                "--out", district.toString()).exitCode());
        Path csv = dir.resolve("csv");
        assertEquals(0, RollCallCommandLineTest.run("export", "-w", district.toString(), "--out", csv.toString())
                .exitCode());
        Path empty = Files.createFile(dir.resolve("empty.rollcall"));
        Run refused = RollCallCommandLineTest.run("import", "-w", empty.toString(), csv.resolve("schools.csv")
                .toString());
        assertEquals(1, refused.exitCode());
        assertTrue(refused.err().contains(empty + " is an empty file, not a RollCall workspace; add --create"),
                refused.err());
        assertEquals(0, Files.size(empty));
        Run created = RollCallCommandLineTest.run("import", "-w", empty.toString(), "--create",
                csv.resolve("districts.csv").toString(), csv.resolve("schools.csv").toString());
        assertEquals(0, created.exitCode(), created.out() + created.err());
        assertTrue(created.out().contains("Created empty workspace"), created.out());
    }

    /** A generated district and its CSV export (each table's file with its mapping beside it). */
    private Path district() {
        Path workspace = dir.resolve("district.rollcall");
        assertEquals(0, RollCallCommandLineTest.run("generate", "--students", "300", "--years", "2", "--seed", "5",
                "--out", workspace.toString()).exitCode());
        assertEquals(0, RollCallCommandLineTest.run("export", "-w", workspace.toString(), "--out",
                dir.resolve("csv").toString()).exitCode());
        return workspace;
    }

    /** The export's daily lines, with its header first, and its mapping copied beside {@code name}. */
    private Path dailyFile(String name, List<String> lines) throws IOException {
        Path csv = dir.resolve("csv");
        Files.copy(csv.resolve("daily_attendance.yaml"), csv.resolve(name + ".yaml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return Files.write(csv.resolve(name + ".csv"), lines);
    }

    private List<String> exportedDays() throws IOException {
        return Files.readAllLines(dir.resolve("csv").resolve("daily_attendance.csv"));
    }

    private static long count(Path workspace, String sql) throws java.sql.SQLException {
        return Long.parseLong(OdsFixture.dump(workspace, sql).strip());
    }

    private static final String METRICS = "SELECT * FROM chronic_absence_by_school ORDER BY 1, 2";

    @Test
    void aFileCutAtALineBoundaryRemovesNothingAndSaysWhatItKept() throws Exception {
        Path workspace = district();
        String metrics = OdsFixture.dump(workspace, METRICS);
        long days = count(workspace, "SELECT COUNT(*) FROM daily_attendance");
        List<String> all = exportedDays();
        Path cut = dailyFile("cut", all.subList(0, all.size() / 4));
        Run run = RollCallCommandLineTest.run("import", "-w", workspace.toString(), cut.toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertEquals(days, count(workspace, "SELECT COUNT(*) FROM daily_attendance"), run.out());
        assertEquals(metrics, OdsFixture.dump(workspace, METRICS));
        assertTrue(run.out().contains("were not re-supplied and were kept"), run.out());
        assertTrue(run.out().contains("--replace-range"), run.out());
        assertTrue(run.out().contains("student-days"), run.out());
    }

    @Test
    void oneRowWithAWrongDateInAMonthsExportRemovesNothingAtAnySchool() throws Exception {
        Path workspace = district();
        String metrics = OdsFixture.dump(workspace, METRICS);
        long days = count(workspace, "SELECT COUNT(*) FROM daily_attendance");
        List<String> all = exportedDays();
        List<String> september = new ArrayList<>(List.of(all.get(0)));
        all.stream().filter(l -> l.contains("2024-09-")).forEach(september::add);
        // one row of May, the year before: a valid date, months away from the rest of the file
        september.add(all.stream().filter(l -> l.contains("2024-05-28")).findFirst().orElseThrow());
        assertTrue(september.size() > 1_000, "a month of days: " + september.size());
        Run run = RollCallCommandLineTest.run("import", "-w", workspace.toString(),
                dailyFile("september", september).toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertEquals(days, count(workspace, "SELECT COUNT(*) FROM daily_attendance"), run.out());
        assertEquals(metrics, OdsFixture.dump(workspace, METRICS));
    }

    @Test
    void aDryRunOfADamagedFileWithReplaceRangeReportsTheLossPerSchoolAndWritesNothing() throws Exception {
        Path workspace = district();
        List<String> all = exportedDays();
        Path cut = dailyFile("cut", all.subList(0, all.size() / 4));
        // days removed and loaded again leave free pages, whose bytes a rolled-back transaction does not restore
        assertEquals(0, RollCallCommandLineTest.run("import", "-w", workspace.toString(), "--replace-range",
                cut.toString()).exitCode());
        assertEquals(0, RollCallCommandLineTest.run("import", "-w", workspace.toString(), "--undo").exitCode());
        byte[] before = Files.readAllBytes(workspace);
        Run run = RollCallCommandLineTest.run("import", "-w", workspace.toString(), "--replace-range", "--dry-run",
                cut.toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("(dry run) cut.csv"), run.out());
        assertTrue(run.out().contains("which would be removed"), run.out());
        assertTrue(run.out().contains("Dry run, nothing written"), run.out());
        assertArrayEquals(before, Files.readAllBytes(workspace), "the workspace file is unchanged, byte for byte");
        try (var left = Files.list(workspace.getParent())) {
            assertEquals(List.of(), left.filter(f -> f.toString().endsWith(".dry-run")).toList());
        }
    }

    @Test
    void undoAfterADamagedImportWithReplaceRangeBringsTheMetricsBack() throws Exception {
        Path workspace = district();
        String metrics = OdsFixture.dump(workspace, METRICS) + OdsFixture.dump(workspace,
                "SELECT * FROM district_snapshot") + OdsFixture.dump(workspace, "SELECT COUNT(*) FROM import_log");
        List<String> all = exportedDays();
        Run damaged = RollCallCommandLineTest.run("import", "-w", workspace.toString(), "--replace-range",
                dailyFile("cut", all.subList(0, all.size() / 4)).toString());
        assertEquals(0, damaged.exitCode(), damaged.out() + damaged.err());
        assertTrue(damaged.out().contains("does not re-supply, removed:"), damaged.out());
        assertTrue(damaged.out().contains("--undo"), damaged.out());
        Run undo = RollCallCommandLineTest.run("import", "-w", workspace.toString(), "--undo");
        assertEquals(0, undo.exitCode(), undo.out() + undo.err());
        assertTrue(undo.out().contains("Undid import 1 of "), undo.out());
        assertEquals(metrics, OdsFixture.dump(workspace, METRICS) + OdsFixture.dump(workspace,
                "SELECT * FROM district_snapshot") + OdsFixture.dump(workspace, "SELECT COUNT(*) FROM import_log"));
        Run mixed = RollCallCommandLineTest.run("import", "-w", workspace.toString(), "--undo", "--dry-run");
        assertEquals(2, mixed.exitCode(), mixed.err());
        assertTrue(mixed.err().contains("--undo takes --workspace alone"), mixed.err());
        Run again = RollCallCommandLineTest.run("import", "-w", workspace.toString(), "--undo");
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().startsWith("Nothing to undo"), again.out());
    }
}
