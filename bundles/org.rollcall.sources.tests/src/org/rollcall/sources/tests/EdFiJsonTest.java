package org.rollcall.sources.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
 * Ed-Fi API resources as the API returns them: studentSchoolAttendanceEvents read with the shipped preset
 * (descriptors, school IDs, events missing a date or with a local descriptor nobody mapped, present days filled
 * in); students joined to their education organization associations and studentSchoolAssociations, loaded or
 * quarantined with their reasons; and the district written as Ed-Fi resources and read back into a workspace with
 * only its reference tables, with the same students, enrollments, days and metrics.
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

    /**
     * The synthetic district written as Ed-Fi API JSON (students, their education organization associations,
     * school associations and attendance events) and read back with the mappings written beside it into a new
     * workspace that has only the reference tables (from the CSV export) gives the same students, enrollments,
     * days and metrics.
     */
    @Test
    void theDistrictWrittenAsEdFiResourcesReadsBackWithTheSameMetrics() throws Exception {
        Path original = dir.resolve("original.rollcall");
        DistrictGenerator.generate(new GeneratorSettings(250, 2, 31, 2023), original, (phase, done, total) -> {
        });
        Path edfi = dir.resolve("edfi");
        List<Path> files = Exporter.export(original, edfi, Exporter.Format.EDFI_JSON,
                java.nio.charset.StandardCharsets.UTF_8, ImportProgress.NONE);
        assertEquals(List.of("students.json", "studentSchoolAssociations.json", "studentSchoolAttendanceEvents.json"),
                files.stream().map(f -> f.getFileName().toString()).toList());
        assertTrue(Files.isRegularFile(edfi.resolve("studentEducationOrganizationAssociations.json")));
        Path csv = dir.resolve("csv");
        Exporter.export(original, csv, Exporter.Format.CSV, java.nio.charset.StandardCharsets.UTF_8,
                ImportProgress.NONE);

        Path copy = dir.resolve("copy.rollcall");
        Workspace.build(copy, w -> {
        });
        for (String table : new String[] {"districts", "school_years", "calendar_days", "schools"}) {
            importWithItsMapping(copy, csv.resolve(table + ".csv"));
        }
        importWithItsMapping(copy, edfi.resolve("students.json"));
        importWithItsMapping(copy, csv.resolve("student_programs.csv"));
        importWithItsMapping(copy, edfi.resolve("studentSchoolAssociations.json"));
        importWithItsMapping(copy, csv.resolve("attendance_codes.csv"));
        FileResult days = importWithItsMapping(copy, edfi.resolve("studentSchoolAttendanceEvents.json"));
        assertTrue(days.filled() > days.loaded(), "most days are present: " + days);

        String students = "SELECT local_id, ssid, first_name, last_name, birth_date, gender, race_ethnicity "
                + "FROM students ORDER BY local_id";
        assertEquals(MiniDistrict.dump(original, students), MiniDistrict.dump(copy, students));
        for (String race : new String[] {"HI", "MR", "WH"}) {
            assertTrue(MiniDistrict.count(original, "SELECT COUNT(*) FROM students WHERE race_ethnicity = '" + race
                    + "'") > 0, "the district has " + race + " students");
        }
        String enrollments = "SELECT s.local_id, e.school_code, e.school_year, e.grade, e.enrollment_type, "
                + "e.entry_date, e.exit_date, e.exit_reason FROM enrollments e JOIN students s "
                + "ON s.student_id = e.student_id ORDER BY 1, 2, 6";
        assertEquals(MiniDistrict.dump(original, enrollments), MiniDistrict.dump(copy, enrollments));
        for (String metric : RoundTripTest.METRICS) {
            String expected = MiniDistrict.dump(original, metric);
            assertTrue(expected.length() > 0, metric + " has rows");
            assertEquals(expected, MiniDistrict.dump(copy, metric), metric);
        }
        // every day back with its category and code; an Ed-Fi event carries no minutes absent
        String daysQuery = "SELECT s.local_id, d.school_code, d.attendance_date, d.category, d.local_code "
                + "FROM daily_attendance d JOIN students s ON s.student_id = d.student_id ORDER BY 1, 2, 3";
        assertEquals(MiniDistrict.dump(original, daysQuery), MiniDistrict.dump(copy, daysQuery));
    }

    /** Imports a file with the mapping of the same name beside it; nothing may be quarantined. */
    private static FileResult importWithItsMapping(Path workspace, Path file) {
        String name = file.getFileName().toString();
        Mapping mapping = Mapping.load(file.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".yaml"));
        FileResult result = MiniDistrict.importFile(workspace, file, mapping, false);
        assertEquals(FileResult.Status.LOADED, result.status(), name + ": " + result.message());
        assertEquals(0, result.quarantined(), name + ": " + result.problems());
        return result;
    }
}
