package org.rollcall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** The {@code rollcall} command as an analyst runs it, on a small generated district. */
class RollCallCommandLineTest {

    @TempDir
    static Path dir;
    static Path workspace;

    /** What one run of the command printed, and its exit code. */
    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = RollCall.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    @BeforeAll
    static void generate() {
        workspace = dir.resolve("small.rollcall");
        Run run = run("generate", "--students", "400", "--years", "2", "--seed", "11", "--out", workspace.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("400 students"), run.out());
    }

    @Test
    void queryPrintsCsvThatMatchesTheStore() {
        Run run = run("query", "--workspace", workspace.toString(), "--csv",
                "select school_year, count(*) as days from daily_attendance d "
                        + "join calendar_days c on c.calendar_date = d.attendance_date group by school_year order by school_year");
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals("school_year,days", lines.get(0));
        assertEquals(3, lines.size(), run.out());
        assertTrue(lines.get(1).startsWith("2023-24,"), run.out());
        long days = Long.parseLong(lines.get(1).split(",")[1]);
        // 400 students over about 180 instructional days, less the ones enrolled part of the year
        assertTrue(days > 400 * 150 && days < 480 * 185, run.out());
    }

    @Test
    void queryPrintsAnAlignedTable() {
        Run run = run("query", "-w", workspace.toString(), "select school_level, count(*) as schools from schools "
                + "group by school_level order by school_level");
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).startsWith("school_level | schools"), run.out());
        assertTrue(lines.get(1).startsWith("-------------+-"), run.out());
        assertEquals("(3 rows)", lines.get(lines.size() - 1));
    }

    @Test
    void demoPrintsTheSnapshotOfAnExistingWorkspace() {
        Run run = run("demo", "--workspace", workspace.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("District snapshot: "), run.out());
        assertTrue(run.out().contains("2023-24") && run.out().contains("2024-25"), run.out());
        assertTrue(run.out().contains("chronic_rate"), run.out());
    }

    @Test
    void badSqlAndMissingFilesGiveOneClearLine() {
        Run missing = run("query", "-w", dir.resolve("nope.rollcall").toString(), "select 1");
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("nope.rollcall"), missing.err());
        Run badSql = run("query", "-w", workspace.toString(), "select no_such_column from schools");
        assertEquals(1, badSql.exitCode());
        assertTrue(badSql.err().contains("no_such_column"), badSql.err());
        assertTrue(!badSql.err().contains("\tat "), "no stack trace: " + badSql.err());
    }
}
