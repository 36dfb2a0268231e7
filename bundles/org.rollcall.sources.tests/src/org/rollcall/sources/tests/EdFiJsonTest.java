package org.rollcall.sources.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.sources.FileResult;
import org.rollcall.sources.ImportProgress;
import org.rollcall.sources.Mapping;
import org.rollcall.sources.Presets;
import org.rollcall.sources.file.Exporter;
import org.rollcall.store.Workspace;
import org.rollcall.synthetic.DistrictGenerator;
import org.rollcall.synthetic.GeneratorSettings;

/**
 * Ed-Fi studentSchoolAttendanceEvents as the Ed-Fi API returns them: read with the shipped preset (descriptors,
 * school IDs, events missing a date or with a local descriptor nobody mapped, present days filled in), and the
 * district's own days written as events and read back into a workspace without days, with the same metrics.
 */
class EdFiJsonTest {

    private static final String SCHOOLS = """
            schools:
              "255901001": "19647330000001"
              "255901002": "19647330000002"
            """;

    @TempDir
    Path dir;

    @Test
    void attendanceEventsFromTheApiLoadWithPresentDaysFilled() throws Exception {
        Path workspace = MiniDistrict.create(dir);
        Path file = dir.resolve("studentSchoolAttendanceEvents.json");
        try (InputStream in = EdFiJsonTest.class.getResourceAsStream("/fixtures/studentSchoolAttendanceEvents.json")) {
            Files.copy(in, file);
        }
        Mapping mapping = Mapping.parse("edfi + schools", Presets.text("edfi-attendance-events") + SCHOOLS);
        FileResult result = MiniDistrict.importFile(workspace, file, mapping, false);
        assertEquals(FileResult.Status.LOADED, result.status(), result.message());
        assertEquals(6, result.read());
        assertEquals(4, result.loaded());
        assertEquals("""
                4|local_code|attendance code 'Field Trip' is not mapped to a category; add it under codes: in the mapping (or import the code table) and import the file again
                5|attendance_date|attendance_date is empty; it is required
                """, MiniDistrict.dump(workspace, "SELECT line, field, reason FROM import_quarantine ORDER BY line"));
        // 8/14 to 9/6: 17 instructional days for each of the 4 students, 4 of them from the file
        assertEquals(4 * 17 - 4, result.filled());
        assertEquals("1|excused|Excused Absence\n3|tardy|Tardy\n4|unexcused|Unexcused Absence\n",
                MiniDistrict.dump(workspace, "SELECT student_id, category, local_code FROM daily_attendance "
                        + "WHERE category <> 'present' ORDER BY student_id"));
    }

    @Test
    void aTruncatedResponseFailsAndLoadsNothing() throws Exception {
        Path workspace = MiniDistrict.create(dir);
        String whole;
        try (InputStream in = EdFiJsonTest.class.getResourceAsStream("/fixtures/studentSchoolAttendanceEvents.json")) {
            whole = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Path cut = MiniDistrict.write(dir, "events.json", whole.substring(0, whole.length() / 2));
        String before = MiniDistrict.state(workspace);
        FileResult result = MiniDistrict.importFile(workspace, cut,
                Mapping.parse("edfi + schools", Presets.text("edfi-attendance-events") + SCHOOLS), false);
        assertEquals(FileResult.Status.FAILED, result.status());
        assertTrue(result.message().contains("events.json line") && result.message().contains("not valid JSON"),
                result.message());
        assertEquals(before, MiniDistrict.state(workspace));
    }

    @Test
    void theDistrictsDaysWrittenAsEventsReadBackWithTheSameMetrics() throws Exception {
        Path original = dir.resolve("original.rollcall");
        DistrictGenerator.generate(new GeneratorSettings(250, 2, 31, 2023), original, (phase, done, total) -> {
        });
        Path file = Exporter.export(original, dir.resolve("edfi"), Exporter.Format.EDFI_JSON,
                java.nio.charset.StandardCharsets.UTF_8, ImportProgress.NONE).get(0);
        Path copy = dir.resolve("copy.rollcall");
        Files.copy(original, copy);
        try (Workspace w = Workspace.open(copy); Statement s = w.connection().createStatement()) {
            s.executeUpdate("DELETE FROM daily_attendance");
            w.rebuildSummaries();
        }
        assertEquals(0, MiniDistrict.count(copy, "SELECT COUNT(*) FROM attendance_summary"));
        Mapping mapping = Mapping.load(file.resolveSibling("studentSchoolAttendanceEvents.yaml"));
        FileResult result = MiniDistrict.importFile(copy, file, mapping, false);
        assertEquals(FileResult.Status.LOADED, result.status(), result.message());
        assertEquals(0, result.quarantined(), result.problems().toString());
        assertTrue(result.filled() > result.loaded(), "most days are present: " + result);
        for (String metric : RoundTripTest.METRICS) {
            assertEquals(MiniDistrict.dump(original, metric), MiniDistrict.dump(copy, metric), metric);
        }
        // every day back with its category and code; an Ed-Fi event carries no minutes absent
        String days = "SELECT student_id, school_code, attendance_date, category, local_code FROM daily_attendance "
                + "ORDER BY 1, 2, 3";
        assertEquals(MiniDistrict.dump(original, days), MiniDistrict.dump(copy, days));
    }
}
