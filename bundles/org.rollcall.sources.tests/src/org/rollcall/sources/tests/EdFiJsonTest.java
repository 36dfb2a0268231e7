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

    /**
     * Ed-Fi students joined to their studentEducationOrganizationAssociations, then their
     * studentSchoolAssociations: birth sex when the association has none, two races, Hispanic plus a race, the
     * latest of two associations, a local Filipino descriptor; quarantined: a student without an association, an
     * Ed-Fi race Dashboard groups do not know, two associations equally current, an ungraded enrollment, an
     * enrollment of a student not loaded. A non-primary school, a short-term enrollment, a transfer out and an
     * association without a school year (the entry date's) load with their CALPADS values.
     */
    @Test
    void studentsAndSchoolAssociationsFromTheApiLoadOrAreQuarantinedWithTheirReasons() throws Exception {
        Path workspace = MiniDistrict.createReference(dir);
        Path api = Files.createDirectories(dir.resolve("api"));
        for (String name : new String[] {"students.json", "studentEducationOrganizationAssociations.json",
            "studentSchoolAssociations.json"}) {
            try (InputStream in = EdFiJsonTest.class.getResourceAsStream("/fixtures/" + name)) {
                Files.copy(in, api.resolve(name));
            }
        }
        FileResult students = MiniDistrict.importFile(workspace, api.resolve("students.json"),
                Presets.load("edfi-students"), false);
        assertEquals(FileResult.Status.LOADED, students.status(), students.message());
        assertEquals(7, students.read());
        assertEquals(4, students.loaded());
        assertEquals("""
                5|ssid|ssid is empty; it is required
                6|race_ethnicity|'Other' is not one of AA, AI, AS, FI, HI, MR, PI, WH
                7|ssid|2 resources of studentEducationOrganizationAssociations.json have /studentReference/studentUniqueId '1007' and no single one has the latest /_lastModifiedDate
                """, MiniDistrict.dump(workspace, "SELECT line, field, reason FROM import_quarantine "
                + "WHERE entity = 'students' ORDER BY line"));
        assertEquals("""
                1001|2000000001|Ana|Alvarez|2016-01-01|F|WH
                1002|2000000002|Ben|Brooks|2016-02-02|M|MR
                1003|2000000003|Carla|Castro|2016-03-03|F|HI
                1004|2000000004|Dev|Dizon|2016-04-04|M|FI
                """, MiniDistrict.dump(workspace, "SELECT local_id, ssid, first_name, last_name, birth_date, gender, "
                + "race_ethnicity FROM students ORDER BY local_id"));

        FileResult enrollments = MiniDistrict.importFile(workspace, api.resolve("studentSchoolAssociations.json"),
                Mapping.parse("edfi + schools", Presets.text("edfi-student-school-associations") + SCHOOLS), false);
        assertEquals(FileResult.Status.LOADED, enrollments.status(), enrollments.message());
        assertEquals(6, enrollments.read());
        assertEquals(4, enrollments.loaded());
        assertEquals("""
                4|grade|'Ungraded' is not one of 01, 02, 03, 04, 05, 06, 07, 08, 09, 10, 11, 12, KN, TK
                6|local_id|no student has local ID '1005' (import the students file first)
                """, MiniDistrict.dump(workspace, "SELECT line, field, reason FROM import_quarantine "
                + "WHERE entity = 'enrollments' ORDER BY line"));
        assertEquals("""
                1001|19647330000001|2024-25|03|10|2024-08-14|null|null
                1002|19647330000001|2024-25|KN|20|2024-09-03|null|null
                1002|19647330000002|2024-25|TK|10|2024-08-14|2024-09-20|Transferred to another district
                1004|19647330000002|2024-25|05|30|2024-09-16|null|null
                """, MiniDistrict.dump(workspace, "SELECT s.local_id, e.school_code, e.school_year, e.grade, "
                + "e.enrollment_type, e.entry_date, e.exit_date, e.exit_reason FROM enrollments e "
                + "JOIN students s ON s.student_id = e.student_id ORDER BY 1, 2"));

        // the joined file is part of the input: unchanged, nothing to do; changed, the students are read again
        assertEquals(FileResult.Status.UNCHANGED, MiniDistrict.importFile(workspace, api.resolve("students.json"),
                Presets.load("edfi-students"), false).status());
        Path associations = api.resolve("studentEducationOrganizationAssociations.json");
        Files.writeString(associations, Files.readString(associations).replace("RaceDescriptor#Other",
                "RaceDescriptor#Native Hawaiian - Pacific Islander"));
        FileResult again = MiniDistrict.importFile(workspace, api.resolve("students.json"),
                Presets.load("edfi-students"), false);
        assertEquals(FileResult.Status.LOADED, again.status(), again.message());
        assertEquals(5, again.loaded());
        assertEquals("1006|PI\n", MiniDistrict.dump(workspace, "SELECT local_id, race_ethnicity FROM students "
                + "WHERE local_id = '1006'"));
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
