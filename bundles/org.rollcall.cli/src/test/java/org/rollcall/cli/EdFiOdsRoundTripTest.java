package org.rollcall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.cli.RollCallCommandLineTest.Run;
import org.rollcall.sources.ImportProgress;
import org.rollcall.sources.file.Exporter;
import org.rollcall.synthetic.DistrictGenerator;
import org.rollcall.synthetic.GeneratorSettings;
import org.rollcall.testing.PostgresServer;

/**
 * The synthetic district written into the tables of an Ed-Fi ODS in a real PostgreSQL and imported back with
 * {@code --mapping 'preset:edfi-ods-*'} into a new workspace (the reference tables Ed-Fi's presets do not read,
 * and the program memberships, through the CSV export) gives the same metrics, students, enrollments and days
 * as the original.
 */
class EdFiOdsRoundTripTest {

    /** The metric views compared, each in a total order (as the sources bundle's RoundTripTest compares them). */
    static final List<String> METRICS = List.of(
            "SELECT * FROM district_snapshot ORDER BY 1",
            "SELECT * FROM chronic_absence_rates ORDER BY 1, 2, 3, 4, 5",
            "SELECT * FROM chronic_absence_by_school ORDER BY 1, 2",
            "SELECT * FROM early_warning ORDER BY 1, 2",
            "SELECT * FROM truancy_status ORDER BY 1, 2",
            "SELECT * FROM absence_reasons_by_group ORDER BY 1, 2, 3",
            "SELECT * FROM school_priority ORDER BY 1, 2",
            "SELECT * FROM student_school_year ORDER BY 1, 2, 3",
            "SELECT * FROM attendance_summary ORDER BY 1, 2, 3");

    /** Read before the students, and after them, from the CSV export; the rest comes from the ODS. */
    private static final List<String> BEFORE = List.of("districts", "school_years", "calendar_days", "schools",
            "attendance_codes");
    private static final Set<String> FROM_ODS = Set.of("students", "enrollments", "daily_attendance");

    @TempDir
    Path dir;

    @Test
    void theDistrictWrittenToAnOdsAndImportedWithThePresetsHasTheSameMetrics() throws Exception {
        Path original = dir.resolve("original.rollcall");
        DistrictGenerator.generate(new GeneratorSettings(250, 2, 31, 2023), original, (phase, done, total) -> {
        });
        String presentCode = OdsFixture.dump(original, "SELECT local_code FROM daily_attendance WHERE category = "
                + "'present' GROUP BY local_code ORDER BY COUNT(*) DESC LIMIT 1").strip();
        String lastDay = OdsFixture.dump(original, "SELECT MAX(attendance_date) FROM daily_attendance").strip();
        List<Path> csv = Exporter.export(original, dir.resolve("csv"), Exporter.Format.CSV, StandardCharsets.UTF_8,
                ImportProgress.NONE);
        List<String> before = new ArrayList<>(List.of("import", "-w", dir.resolve("copy.rollcall").toString(),
                "--create"));
        List<String> after = new ArrayList<>(List.of("import", "-w", dir.resolve("copy.rollcall").toString()));
        for (Path file : csv) {
            String table = file.getFileName().toString().replaceFirst("\\.csv$", "");
            if (BEFORE.contains(table)) {
                before.add(file.toString());
            } else if (!FROM_ODS.contains(table)) {
                after.add(file.toString());
            }
        }
        assertTrue(after.size() > 3, "program memberships and interventions come after the students: " + after);

        try (PostgresServer server = PostgresServer.start()) {
            server.createDatabase("ods");
            try (Connection ods = server.connect("ods")) {
                OdsFixture.runScript(ods, "/edfi-ods/schema.sql");
                OdsWriter.write(original, ods, presentCode);
            }
            Run reference = run(before);
            assertEquals(0, reference.exitCode(), reference.err());
            Run fromOds = RollCallCommandLineTest.run("import", "-w", dir.resolve("copy.rollcall").toString(),
                    "--database", server.jdbcUrl("ods"), "--mapping", "preset:edfi-ods-*", "--through", lastDay);
            assertEquals(0, fromOds.exitCode(), fromOds.err() + fromOds.out());
            assertTrue(fromOds.out().contains(" 0 quarantined; 0 query(ies) failed"), fromOds.out());
        }
        Run rest = run(after);
        assertEquals(0, rest.exitCode(), rest.err());
        assertTrue(rest.out().contains(" + 0 quarantined;"), rest.out());

        Path copy = dir.resolve("copy.rollcall");
        for (String metric : METRICS) {
            String expected = OdsFixture.dump(original, metric);
            assertTrue(expected.length() > 0, metric + " has rows");
            assertEquals(expected, OdsFixture.dump(copy, metric), metric);
        }
        String students = "SELECT local_id, ssid, first_name, last_name, birth_date, gender, race_ethnicity "
                + "FROM students ORDER BY local_id";
        assertEquals(OdsFixture.dump(original, students), OdsFixture.dump(copy, students));
        String enrollments = "SELECT s.local_id, e.school_code, e.school_year, e.grade, e.enrollment_type, "
                + "e.entry_date, e.exit_date, e.exit_reason FROM enrollments e JOIN students s USING (student_id) "
                + "ORDER BY 1, 2, 3, 6";
        assertEquals(OdsFixture.dump(original, enrollments), OdsFixture.dump(copy, enrollments));
        assertTrue(OdsFixture.dump(original, "SELECT DISTINCT enrollment_type FROM enrollments ORDER BY 1")
                .equals("10\n20\n30\n"), "primary, secondary and short-term enrollments made the trip");
        // every day, with its category; the district's own code where it was an event, Ed-Fi's where filled in
        String days = "SELECT s.local_id, d.school_code, d.attendance_date, d.category, CASE WHEN d.local_code IN ('"
                + presentCode + "', 'In Attendance') THEN '-' ELSE d.local_code END FROM daily_attendance d "
                + "JOIN students s USING (student_id) ORDER BY 1, 2, 3";
        String expectedDays = OdsFixture.dump(original, days);
        assertTrue(expectedDays.lines().count() > 250 * 150, "the days are there");
        assertEquals(expectedDays, OdsFixture.dump(copy, days));
    }

    private static Run run(List<String> args) {
        return RollCallCommandLineTest.run(args.toArray(String[]::new));
    }
}
