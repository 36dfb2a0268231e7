package org.rollcall.sources.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.sources.FileResult;
import org.rollcall.sources.Presets;

/**
 * The CALPADS presets read extracts written by hand from the CALPADS file layouts (fixtures/calpads-*.txt: SINF,
 * SENR and STAS records of the mini district's year, caret-delimited, with edge rows): what lands, and what is
 * quarantined with which field and reason. A STAS-only district gets its summaries from the reported rows; daily
 * rows win where both exist.
 */
class CalpadsFixtureTest {

    @TempDir
    Path dir;

    private Path fixture(String name) throws Exception {
        Path file = dir.resolve(name);
        try (InputStream in = CalpadsFixtureTest.class.getResourceAsStream("/fixtures/" + name)) {
            Files.copy(in, file);
        }
        return file;
    }

    private FileResult importPreset(Path workspace, String fixture, String preset) throws Exception {
        FileResult result = MiniDistrict.importFile(workspace, fixture(fixture), Presets.load(preset), false);
        assertEquals(FileResult.Status.LOADED, result.status(), result.message());
        assertEquals(result.read(), result.loaded() + result.quarantined(), "every row is loaded or quarantined");
        return result;
    }

    private static String quarantine(Path workspace, String entity) throws Exception {
        return MiniDistrict.dump(workspace, "SELECT line, COALESCE(field, ''), COALESCE(value, ''), reason "
                + "FROM import_quarantine WHERE entity = '" + entity + "' ORDER BY line");
    }

    @Test
    void sinfRecordsBecomeStudentsWithTheirDashboardRaceGroup() throws Exception {
        Path workspace = MiniDistrict.createReference(dir);
        FileResult result = importPreset(workspace, "calpads-sinf.txt", "calpads-sinf");
        assertEquals(9, result.read());
        assertEquals(4, result.loaded(), result.problems().toString());
        // Hispanic whatever the race; one race; two Asian codes are one group; White and Black are two races
        assertEquals("""
                1001|2000000001|Ana|Alvarez|2016-01-01|F|HI
                1002|2000000002|Ben|Brown|2016-02-02|M|AA
                1003|2000000003|Chen|Cho|2016-03-03|X|AS
                1004|2000000004|Dee|Dunn|2016-04-04|F|MR
                """, MiniDistrict.dump(workspace, "SELECT local_id, ssid, first_name, last_name, birth_date, gender, "
                + "race_ethnicity FROM students ORDER BY local_id"));
        String quarantined = quarantine(workspace, "students");
        assertTrue(quarantined.contains("5|race_ethnicity|N 999    |race code '999' is not a CALPADS race code"),
                quarantined);
        assertTrue(quarantined.contains("6|race_ethnicity|     |neither Hispanic (2.23 = Y) nor any race code"),
                quarantined);
        assertTrue(quarantined.contains("7|gender|Q|'Q' is not one of F, M, X"), quarantined);
        assertTrue(quarantined.contains("8|||same student as line 2, which was loaded"), quarantined);
        assertTrue(quarantined.contains("9|||has 10 fields; mapping preset:calpads-sinf reads column 29"), quarantined);
    }

    @Test
    void senrRecordsBecomeEnrollmentsAtTheJoinedCdsCode() throws Exception {
        Path workspace = MiniDistrict.createReference(dir);
        importPreset(workspace, "calpads-sinf.txt", "calpads-sinf");
        FileResult result = importPreset(workspace, "calpads-senr.txt", "calpads-senr");
        assertEquals(9, result.read());
        assertEquals(5, result.loaded(), result.problems().toString());
        assertEquals("""
                1001|19647330000001|2024-25|03|10|2024-08-14||
                1002|19647330000001|2024-25|KN|10|2024-08-14||
                1003|19647330000002|2024-25|05|10|2024-08-14|2024-09-20|T160
                1004|19647330000001|2024-25|01|20|2024-09-01||
                1004|19647330000002|2024-25|01|10|2024-08-14||
                """, MiniDistrict.dump(workspace, "SELECT s.local_id, e.school_code, e.school_year, e.grade, "
                + "e.enrollment_type, e.entry_date, COALESCE(e.exit_date, ''), COALESCE(e.exit_reason, '') "
                + "FROM enrollments e JOIN students s ON s.student_id = e.student_id ORDER BY 1, 2"));
        String quarantined = quarantine(workspace, "enrollments");
        assertTrue(quarantined.contains("6|school_code|19647330000009|'19647330000009' is not the CDS code of a school"),
                quarantined);
        assertTrue(quarantined.contains("7|grade|PS|'PS' is not one of"), quarantined);
        assertTrue(quarantined.contains("8|local_id|9999|no student has local ID '9999'"), quarantined);
        assertTrue(quarantined.contains("9|entry_date|20240230|'20240230' is not a date"), quarantined);
    }

    @Test
    void stasRecordsAreTheSummariesOfADistrictWithoutDailyAttendance() throws Exception {
        Path workspace = MiniDistrict.createReference(dir);
        importPreset(workspace, "calpads-sinf.txt", "calpads-sinf");
        importPreset(workspace, "calpads-senr.txt", "calpads-senr");
        FileResult result = importPreset(workspace, "calpads-stas.txt", "calpads-stas");
        assertEquals(10, result.read());
        assertEquals(3, result.loaded(), result.problems().toString());
        assertEquals("""
                1001|19647330000001|2024-25||N|25
                1002|19647330000001|2024-25|Y||
                1003|19647330000002|2024-25||N|20
                """, MiniDistrict.dump(workspace, "SELECT s.local_id, r.school_code, r.school_year, "
                + "COALESCE(r.exemption_indicator, ''), COALESCE(r.hourly_attendance_indicator, ''), "
                + "COALESCE(r.days_expected, '') FROM stas_summaries r JOIN students s ON s.student_id = r.student_id "
                + "ORDER BY 1"));
        String quarantined = quarantine(workspace, "stas_summaries");
        assertTrue(quarantined.contains("4|days_expected|25|13.16-13.22 sum to 23 days, not the 25 expected "
                + "attendance days of 13.15 (CALPADS fatal check STAS0318)"), quarantined);
        assertTrue(quarantined.contains("5|school_code|19647330000009|'19647330000009' is not the CDS code"), quarantined);
        assertTrue(quarantined.contains("6|school_code|19647330000001|the student has no enrollment at "
                + "19647330000001 in 2024-25"), quarantined);
        assertTrue(quarantined.contains("7|days_expected||days_expected is empty; a student who is not exempt"),
                quarantined);
        assertTrue(quarantined.contains("8|days_expected|5|days_expected is 5, but the student is exempt"), quarantined);
        assertTrue(quarantined.contains("9|school_year|2023-24|'2023-24' is not in school_years"), quarantined);
        assertTrue(quarantined.contains("10|||is a record of type 'SENR' in column 1; mapping preset:calpads-stas "
                + "reads STAS"), quarantined);

        // the exempt student has no summary; the others' absences follow the STAS formula (13.17+13.19+13.20+13.21)
        String summaries = "SELECT s.local_id, a.school_code, a.grade, a.days_expected, a.days_attended_in_person, "
                + "a.days_absent, a.days_tardy, a.first_date, a.last_date FROM attendance_summary a "
                + "JOIN students s ON s.student_id = a.student_id ORDER BY 1, 2";
        assertEquals("""
                1001|19647330000001|03|25|22|2|0|2024-08-14|2025-06-05
                1003|19647330000002|05|20|15|5|0|2024-08-14|2024-09-20
                """, MiniDistrict.dump(workspace, summaries));
        assertEquals("2024-25|19647330000001|1|0\n2024-25|19647330000002|1|1\n", MiniDistrict.dump(workspace,
                "SELECT school_year, school_code, COUNT(*), SUM(is_chronic) FROM student_school_year GROUP BY 1, 2"));

        // a reported record (exempt or not) is attendance recorded: only 1004, whose STAS rows were quarantined, is
        // an enrollment without attendance (its primary at Birch; its secondary at Alder is not checked)
        assertEquals("1004|19647330000002\n", MiniDistrict.dump(workspace,
                "SELECT local_id, school_code FROM audit_enrolled_without_attendance ORDER BY 1, 2"));

        // daily attendance of 1001 at Alder arrives: its days win over the reported summary; 1003's stays
        Path daily = MiniDistrict.write(dir, "days.csv", """
                Student,School,Date,Code
                1001,101,8/14/2024,P
                1001,101,8/15/2024,A
                1001,101,8/16/2024,P
                """);
        FileResult days = MiniDistrict.importFile(workspace, daily, MiniDistrict.DAILY_MAPPING);
        assertEquals(3, days.loaded(), days.message());
        assertEquals("""
                1001|19647330000001|03|3|2|1|0|2024-08-14|2024-08-16
                1003|19647330000002|05|20|15|5|0|2024-08-14|2024-09-20
                """, MiniDistrict.dump(workspace, summaries));
    }
}
