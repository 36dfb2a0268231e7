package org.rollcall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.store.Workspace;

/**
 * Input that is not what its mapping says is refused with the file, line, field and a reason, and what RollCall
 * prints of stored text cannot drive the terminal.
 */
class ImportValidationTest {

    private static final char ESC = '\u001b';

    @TempDir
    static Path dir;
    static Path base;
    static Path exported;
    /** The header and the data lines of the exported daily attendance. */
    static List<String> days;

    @BeforeAll
    static void district() throws IOException {
        base = dir.resolve("base.rollcall");
        RollCallCommandLineTest.Run generate = RollCallCommandLineTest.run("generate", "--students", "150", "--years",
                "1", "--seed", "9", "--out", base.toString());
        assertEquals(0, generate.exitCode(), generate.err());
        exported = dir.resolve("exported");
        RollCallCommandLineTest.Run export = RollCallCommandLineTest.run("export", "-w", base.toString(), "--out",
                exported.toString());
        assertEquals(0, export.exitCode(), export.err());
        days = Files.readAllLines(exported.resolve("daily_attendance.csv"));
    }

    private static Path copyOfBase(String name) throws IOException {
        return Files.copy(base, dir.resolve(name + ".rollcall"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Writes {@code lines} as a daily-attendance export with the exported mapping beside it. */
    private static Path daysFile(String name, List<String> lines) throws IOException {
        Files.copy(exported.resolve("daily_attendance.yaml"), dir.resolve(name + ".yaml"),
                StandardCopyOption.REPLACE_EXISTING);
        return Files.write(dir.resolve(name + ".csv"), lines);
    }

    /** The quarantine as CSV rows: file, line, entity, field, value, reason, record. */
    private static List<String> quarantine(Path workspace) {
        RollCallCommandLineTest.Run run = RollCallCommandLineTest.run("quarantine", "-w", workspace.toString(), "--csv");
        assertEquals(0, run.exitCode(), run.err());
        return run.out().lines().skip(1).toList();
    }

    @Test
    void minutesAbsentOutOfRangeOrInOtherDigitsAreQuarantinedWithTheReason() throws IOException {
        Path workspace = copyOfBase("minutes");
        String[] minutes = {"45", "-30", "1e9", "1000000000", "1441", "\u0663\u0660", "\uff13\uff10", "0", "1440"};
        // tardy days of the district, each with other minutes: lines 2 to 10
        List<String> tardies = days.stream().filter(l -> l.contains(",tardy,T,")).limit(minutes.length).toList();
        List<String> lines = new ArrayList<>(List.of(days.get(0)));
        for (int i = 0; i < minutes.length; i++) {
            lines.add(tardies.get(i).substring(0, tardies.get(i).lastIndexOf(',') + 1) + minutes[i]);
        }
        Path file = daysFile("minutes", lines);
        RollCallCommandLineTest.Run run = RollCallCommandLineTest.run("import", "-w", workspace.toString(),
                file.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("9 read, 3 loaded, 6 quarantined"), run.out());
        List<String> quarantined = quarantine(workspace);
        assertEquals(6, quarantined.size(), quarantined.toString());
        assertQuarantined(quarantined, 3, "-30", "0 to 1440");
        assertQuarantined(quarantined, 4, "1e9", "not a whole number");
        assertQuarantined(quarantined, 5, "1000000000", "0 to 1440");
        assertQuarantined(quarantined, 6, "1441", "0 to 1440");
        assertQuarantined(quarantined, 7, "\u0663\u0660", "digits 0-9");
        assertQuarantined(quarantined, 8, "\uff13\uff10", "digits 0-9");
    }

    private static void assertQuarantined(List<String> quarantined, int line, String value, String reason) {
        assertTrue(quarantined.stream().anyMatch(q -> q.contains("minutes.csv," + line
                + ",daily_attendance,minutes_absent," + value + ",") && q.contains(reason)),
                "line " + line + " quarantined for " + reason + ": " + String.join("\n", quarantined));
    }

    @Test
    void aBadByteIsReportedOnItsOwnLine() throws IOException {
        Path workspace = copyOfBase("badbyte");
        for (int badLine : new int[] {3, 1001, 2500}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int i = 0; i < 3000; i++) {
                String line = days.get(i) + "\n";
                if (i + 1 == badLine) {
                    line = line.replaceFirst(",", ",\u00ff"); // written below as the lone byte 0xFF
                }
                bytes.write(line.getBytes(StandardCharsets.ISO_8859_1));
            }
            Path file = daysFile("badbyte", List.of());
            Files.write(file, bytes.toByteArray());
            RollCallCommandLineTest.Run run = RollCallCommandLineTest.run("import", "-w", workspace.toString(),
                    file.toString());
            assertEquals(1, run.exitCode(), run.out());
            assertTrue(run.err().contains("badbyte.csv line " + badLine + ":"), badLine + ": " + run.err());
            assertTrue(run.err().contains("not valid UTF-8"), run.err());
        }
    }

    @Test
    void aUtf16FileUnderAUtf8MappingFailsAsAWholeWithAHint() throws IOException {
        Path workspace = copyOfBase("utf16");
        Path file = daysFile("utf16", List.of());
        Files.writeString(file, String.join("\r\n", days.subList(0, 200)) + "\r\n", StandardCharsets.UTF_16LE);
        RollCallCommandLineTest.Run run = RollCallCommandLineTest.run("import", "-w", workspace.toString(),
                file.toString());
        assertEquals(1, run.exitCode(), run.out());
        assertTrue(run.err().contains("utf16.csv") && run.err().contains("UTF-16"), run.err());
        assertTrue(run.err().contains("encoding: UTF-16LE"), "says what to write in the mapping: " + run.err());
        assertTrue(quarantine(workspace).isEmpty(), "nothing was quarantined: the file failed as a whole");
    }

    @Test
    void controlCharactersInTextAreQuarantinedOnImport() throws IOException {
        Path workspace = copyOfBase("control");
        List<String> students = Files.readAllLines(exported.resolve("students.csv"));
        List<String> lines = new ArrayList<>(students.subList(0, 4));
        lines.set(2, lines.get(2).replaceFirst(",S(\\d+),([^,]+),", ",S$1," + ESC + "]0;owned" + ESC + "[31m$2,"));
        lines.set(3, lines.get(3).replaceFirst(",S(\\d+),([^,]+),", ",S$1,$2\u0000x,"));
        Files.copy(exported.resolve("students.yaml"), dir.resolve("names.yaml"), StandardCopyOption.REPLACE_EXISTING);
        Path file = Files.write(dir.resolve("names.csv"), lines);
        RollCallCommandLineTest.Run run = RollCallCommandLineTest.run("import", "-w", workspace.toString(),
                file.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("3 read, 1 loaded, 2 quarantined"), run.out());
        List<String> quarantined = quarantine(workspace);
        assertTrue(quarantined.stream().anyMatch(q -> q.contains(",3,students,first_name,") && q.contains("U+001B")),
                quarantined.toString());
        assertTrue(quarantined.stream().anyMatch(q -> q.contains(",4,students,first_name,") && q.contains("U+0000")),
                quarantined.toString());
        // what is printed of the quarantine cannot drive the terminal, in a table or as CSV
        RollCallCommandLineTest.Run table = RollCallCommandLineTest.run("quarantine", "-w", workspace.toString());
        assertFalse(table.out().indexOf(ESC) >= 0 || table.out().indexOf('\u0000') >= 0, table.out());
        assertTrue(table.out().contains("\\u001B]0;owned"), table.out());
        assertFalse(String.join("\n", quarantined).indexOf(ESC) >= 0, "no ESC in the CSV either");
    }

    @Test
    void queryEscapesControlCharactersOfStoredText() throws IOException, SQLException {
        Path workspace = copyOfBase("stored");
        // a workspace written before these checks, or by another program, may hold them
        try (Workspace w = Workspace.open(workspace);
                PreparedStatement update = w.connection().prepareStatement(
                        "UPDATE students SET first_name = ? WHERE local_id = (SELECT MIN(local_id) FROM students)")) {
            update.setString(1, "A" + ESC + "[2J" + ESC + "]0;title\u0007B\rC\nD\tE");
            update.executeUpdate();
        }
        String sql = "select local_id, first_name from students where local_id = (select min(local_id) from students)";
        RollCallCommandLineTest.Run table = RollCallCommandLineTest.run("query", "-w", workspace.toString(), sql);
        assertEquals(0, table.exitCode(), table.err());
        assertTrue(table.out().contains("A\\u001B[2J\\u001B]0;title\\u0007B\\rC\\nD\\tE"), table.out());
        assertEquals(4, table.out().lines().count(), "one line per row: " + table.out());
        RollCallCommandLineTest.Run csv = RollCallCommandLineTest.run("query", "-w", workspace.toString(), "--csv", sql);
        assertEquals(0, csv.exitCode(), csv.err());
        assertFalse(csv.out().indexOf(ESC) >= 0 || csv.out().indexOf('\u0007') >= 0, csv.out());
        assertTrue(csv.out().contains("\"A\\u001B[2J\\u001B]0;title\\u0007B\rC\nD\tE\""),
                "CSV keeps tab and line breaks (quoted) and escapes the rest: " + csv.out());
    }
}
