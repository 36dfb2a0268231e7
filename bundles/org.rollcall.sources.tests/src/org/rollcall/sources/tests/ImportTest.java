package org.rollcall.sources.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rollcall.sources.tests.MiniDistrict.DAILY_MAPPING;
import static org.rollcall.sources.tests.MiniDistrict.count;
import static org.rollcall.sources.tests.MiniDistrict.dump;
import static org.rollcall.sources.tests.MiniDistrict.importFile;
import static org.rollcall.sources.tests.MiniDistrict.state;
import static org.rollcall.sources.tests.MiniDistrict.write;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.sources.FileResult;
import org.rollcall.sources.FileResult.Status;
import org.rollcall.sources.ImportOptions;
import org.rollcall.sources.ImportProgress;
import org.rollcall.sources.Importer;
import org.rollcall.sources.Mapping;
import org.rollcall.sources.SourceAdapters;
import org.rollcall.sources.SourceInput;

/**
 * Importing daily-attendance exports into a small district: every row loaded or quarantined with its line,
 * field and reason; a file that cannot be read as a whole fails with a message naming file and line and leaves
 * the workspace exactly as it was.
 */
class ImportTest {

    private static final String HEADER = "Student,School,Date,Code\n";

    @TempDir
    Path dir;
    Path workspace;

    @BeforeEach
    void district() {
        workspace = MiniDistrict.create(dir);
    }

    /** Four students over the given September days, present except student 1001 absent on the first. */
    private static String september(int... days) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int day : days) {
            for (int s = 1; s <= 4; s++) {
                csv.append("100").append(s).append(',').append(s <= 2 ? "101" : "102").append(",9/").append(day)
                        .append("/2024,").append(s == 1 && day == days[0] ? "A" : "P").append('\n');
            }
        }
        return csv.toString();
    }

    private void assertReconciles(FileResult result) throws SQLException {
        assertEquals(Status.LOADED, result.status(), result.message());
        assertEquals(result.read(), result.loaded() + result.quarantined(), result.toString());
        assertEquals(result.quarantined(), count(workspace, "SELECT COUNT(*) FROM import_quarantine WHERE file = '"
                + result.file().toAbsolutePath() + "'"));
    }

    private FileResult assertFailsUnchanged(Path file, String mapping, String... messageParts) throws SQLException {
        String before = state(workspace);
        FileResult result = importFile(workspace, file, mapping);
        assertEquals(Status.FAILED, result.status(), result.toString());
        for (String part : messageParts) {
            assertTrue(result.message().contains(part), "'" + part + "' missing from: " + result.message());
        }
        assertTrue(result.message().contains("unchanged"), result.message());
        assertEquals(before, state(workspace), "a failed file must leave the workspace as it was");
        return result;
    }

    @Test
    void aCleanExportLoadsEveryRowAndItsCodesAndSummaries() throws Exception {
        FileResult result = importFile(workspace, write(dir, "sept.csv", september(3, 4, 5)), DAILY_MAPPING);
        assertReconciles(result);
        assertEquals(12, result.loaded());
        assertEquals("2024-09-03", result.firstDate());
        assertEquals("2024-09-05", result.lastDate());
        assertEquals(12, count(workspace, "SELECT COUNT(*) FROM daily_attendance"));
        assertEquals("unexcused", dump(workspace, "SELECT category FROM daily_attendance d JOIN students s "
                + "USING (student_id) WHERE s.local_id = '1001' AND attendance_date = '2024-09-03'").strip());
        assertEquals("illness", dump(workspace, "SELECT excused_reason FROM attendance_codes WHERE local_code = 'ILL'")
                .strip());
        // the summaries are rebuilt in the same transaction: 3 days expected, 1 absent for student 1001
        assertEquals("3|1", dump(workspace, "SELECT days_expected, days_absent FROM attendance_summary WHERE student_id = 1")
                .strip());
        assertEquals(1, count(workspace, "SELECT COUNT(*) FROM import_log WHERE rows_loaded = 12 AND rows_read = 12"));
    }

    @Test
    void importingTheSameFileAgainChangesNothing() throws Exception {
        Path file = write(dir, "sept.csv", september(3, 4, 5));
        importFile(workspace, file, DAILY_MAPPING);
        String before = dump(workspace, "SELECT * FROM daily_attendance ORDER BY 1, 2, 3")
                + dump(workspace, "SELECT * FROM attendance_summary ORDER BY 1, 2, 3");
        FileResult again = importFile(workspace, file, DAILY_MAPPING);
        assertEquals(Status.UNCHANGED, again.status());
        FileResult forced = importFile(workspace, file, Mapping.parse("test.yaml", DAILY_MAPPING), true);
        assertReconciles(forced);
        assertEquals(12, forced.replaced());
        assertEquals(before, dump(workspace, "SELECT * FROM daily_attendance ORDER BY 1, 2, 3")
                + dump(workspace, "SELECT * FROM attendance_summary ORDER BY 1, 2, 3"));
    }

    @Test
    void aNewerExportReplacesTheDaysItSuppliesAndKeepsAndCountsTheOthersOfItsRange() throws Exception {
        importFile(workspace, write(dir, "sept-a.csv", september(3, 4, 5, 6)), DAILY_MAPPING);
        // the newer export covers 9/5-9/6 only, where student 1001 is now absent, ill, on 9/5, and 9/6 for school
        // 102 is missing (withdrawn from the SIS, or cut off)
        FileResult result = importFile(workspace, write(dir, "sept-b.csv", NEWER), DAILY_MAPPING);
        assertReconciles(result);
        assertEquals(6, result.replaced());
        assertEquals(new FileResult.Changes(0, 6, 0, 2, List.of(new FileResult.SchoolDays(MiniDistrict.SCHOOL_B,
                "Birch Elementary", 2, 2, 1, "2024-09-06", "2024-09-06"))), result.changes());
        assertEquals(16, count(workspace, "SELECT COUNT(*) FROM daily_attendance"), "nothing it does not re-supply goes");
        assertEquals("ILL", dump(workspace, "SELECT local_code FROM daily_attendance WHERE student_id = 1 "
                + "AND attendance_date = '2024-09-05'").strip());
    }

    /** The newer export of {@link #aNewerExportReplacesTheDaysItSuppliesAndKeepsAndCountsTheOthersOfItsRange}. */
    private static final String NEWER = HEADER + "1001,101,9/5/2024,ILL\n1002,101,9/5/2024,P\n1001,101,9/6/2024,P\n"
            + "1002,101,9/6/2024,P\n1003,102,9/5/2024,P\n1004,102,9/5/2024,P\n";

    @Test
    void withReplaceRangeANewerExportRemovesTheDaysOfItsRangeItDoesNotSupply() throws Exception {
        importFile(workspace, write(dir, "sept-a.csv", september(3, 4, 5, 6)), DAILY_MAPPING);
        FileResult result = new Importer(workspace, ImportProgress.NONE).importFile(SourceAdapters.named("delimited"),
                new SourceInput(write(dir, "sept-b.csv", NEWER), Mapping.parse("t", DAILY_MAPPING)),
                new ImportOptions(false, true));
        assertReconciles(result);
        assertEquals(new FileResult.Changes(0, 6, 2, 0, List.of(new FileResult.SchoolDays(MiniDistrict.SCHOOL_B,
                "Birch Elementary", 2, 2, 1, "2024-09-06", "2024-09-06"))), result.changes());
        assertEquals(8 + 6, count(workspace, "SELECT COUNT(*) FROM daily_attendance"));
        assertEquals("A", dump(workspace, "SELECT local_code FROM daily_attendance WHERE student_id = 1 "
                + "AND attendance_date = '2024-09-03'").strip(), "dates before the newer file stay");
    }

    @Test
    void rowsWithBadValuesAreQuarantinedWithLineFieldAndReason() throws Exception {
        String csv = HEADER
                + "1001,101,9/3/2024,P\n"       // line 2: fine
                + "1002,101,2/30/2024,P\n"      // line 3: no such date
                + "1003,102,9/3/2024,Z\n"       // line 4: unknown code
                + "9999,101,9/3/2024,P\n"       // line 5: unknown student
                + "1004,777,9/3/2024,P\n"       // line 6: unknown school
                + "1001,101,9/3/2024,A\n"       // line 7: same student, school and day as line 2
                + "1002,101,9/3/2024\n"         // line 8: cut short
                + "1004,102,9/3/2030,P\n"       // line 9: in no school year
                + ",101,9/3/2024,P\n"           // line 10: no student
                + "1003,101,9/3/2024,P\n";      // line 11: 1003 is enrolled at the other school
        FileResult result = importFile(workspace, write(dir, "bad.csv", csv), DAILY_MAPPING);
        assertReconciles(result);
        assertEquals(10, result.read());
        assertEquals(1, result.loaded());
        String quarantine = dump(workspace, "SELECT line, COALESCE(field, '-'), COALESCE(value, '-'), reason "
                + "FROM import_quarantine ORDER BY line");
        String[] rows = quarantine.split("\n");
        assertEquals(9, rows.length, quarantine);
        assertTrue(rows[0].startsWith("3|attendance_date|2/30/2024|'2/30/2024' is not a date"), rows[0]);
        assertTrue(rows[1].startsWith("4|local_code|Z|attendance code 'Z' is not mapped"), rows[1]);
        assertTrue(rows[2].startsWith("5|local_id|9999|no student has local ID '9999'"), rows[2]);
        assertTrue(rows[3].startsWith("6|school_code|777|'777' is not the CDS code"), rows[3]);
        assertTrue(rows[4].startsWith("7|-|-|same student, school_code, attendance_date as line 2"), rows[4]);
        assertTrue(rows[5].startsWith("8|-|-|has 3 fields where the header has 4 (cut short?)"), rows[5]);
        assertTrue(rows[6].startsWith("9|attendance_date|2030-09-03|2030-09-03 falls in no school year"), rows[6]);
        assertTrue(rows[7].startsWith("10|local_id|"), rows[7]);
        assertTrue(rows[8].startsWith("11|school_code|19647330000001|the student has no enrollment at 19647330000001 "
                + "in 2024-25"), rows[8]);
        assertTrue(result.problems().containsKey("unknown attendance code (local_code)"), result.problems().toString());
    }

    @Test
    void quarantinedRowsLoadOnceTheMappingKnowsTheirCode() throws Exception {
        Path file = write(dir, "codes.csv", HEADER + "1001,101,9/3/2024,P\n1002,101,9/3/2024,HV\n1003,102,9/3/2024,HV\n");
        FileResult first = importFile(workspace, file, DAILY_MAPPING);
        assertEquals(2, first.quarantined());
        String fixed = DAILY_MAPPING + "  HV: {category: excused, reason: \"medical, dental, optometric or chiropractic "
                + "services\", description: Health visit}\n";
        FileResult second = importFile(workspace, file, fixed);
        assertReconciles(second);
        assertEquals(3, second.loaded());
        assertEquals(0, count(workspace, "SELECT COUNT(*) FROM import_quarantine"), "the re-run replaces the quarantine");
        assertEquals(2, count(workspace, "SELECT COUNT(*) FROM daily_attendance WHERE category = 'excused'"));
    }

    @Test
    void aTruncatedFileWithAnOpenQuoteFailsAndLoadsNothing() throws Exception {
        Path file = write(dir, "cut.csv", september(3, 4) + "1001,101,\"9/5/20");
        assertFailsUnchanged(file, DAILY_MAPPING, "cut.csv line 10", "truncated");
    }

    @Test
    void latin1BytesInAUtf8FileFailNamingTheLineAndTheFix() throws Exception {
        String csv = september(3, 4) + "1001,101,9/5/2024,P\n1002,101,9/5/2024,Ausente médico\n";
        Path file = write(dir, "latin1.csv", csv, StandardCharsets.ISO_8859_1);
        assertFailsUnchanged(file, DAILY_MAPPING, "latin1.csv line", "not valid UTF-8", "windows-1252");
        // with the encoding the mapping declares, the same file loads, and the odd code is quarantined
        FileResult result = importFile(workspace, file, DAILY_MAPPING.replace("format: delimited",
                "format: delimited\nencoding: windows-1252"));
        assertReconciles(result);
        assertEquals(1, result.quarantined());
        assertEquals("Ausente médico", dump(workspace, "SELECT value FROM import_quarantine").strip());
    }

    @Test
    void aUtf8ByteOrderMarkIsNotPartOfTheFirstColumnName() throws Exception {
        Path file = write(dir, "bom.csv", "\uFEFF" + september(3));
        assertReconciles(importFile(workspace, file, DAILY_MAPPING));
        assertEquals(4, count(workspace, "SELECT COUNT(*) FROM daily_attendance"));
    }

    @Test
    void aHugeLineFailsBeforeItIsReadIntoMemory() throws Exception {
        Path file = write(dir, "huge.csv", september(3) + "1001,101,9/4/2024," + "P".repeat(200_000) + "\n");
        assertFailsUnchanged(file, DAILY_MAPPING, "huge.csv line 6 is longer than 100,000 characters");
    }

    @Test
    void anEmptyFileFails() throws Exception {
        assertFailsUnchanged(write(dir, "empty.csv", ""), DAILY_MAPPING, "empty.csv is empty");
    }

    @Test
    void aMappingThatNamesAMissingColumnFailsListingTheColumnsThereAre() throws Exception {
        Path file = write(dir, "sept.csv", september(3));
        assertFailsUnchanged(file, DAILY_MAPPING.replace("local_code: Code", "local_code: AttCode"),
                "reads local_code from column 'AttCode'", "it has: Student, School, Date, Code");
    }

    @Test
    void aFailureAfterManyGoodRowsLeavesNoneOfThemBehind() throws Exception {
        importFile(workspace, write(dir, "sept.csv", september(3)), DAILY_MAPPING);
        StringBuilder csv = new StringBuilder(september(4, 5, 6, 9, 10, 11, 12, 13, 16, 17, 18));
        csv.append("1001,101,9/19/2024,P\n").append("1002,101,9/19/2024,\"P\n");
        assertFailsUnchanged(write(dir, "late-failure.csv", csv.toString()), DAILY_MAPPING, "late-failure.csv line");
        assertEquals(4, count(workspace, "SELECT COUNT(*) FROM daily_attendance"));
    }

    @Test
    void studentsInTheStudentsPresetLayoutGetKeysAndCanonicalValues() throws Exception {
        String csv = "Student ID,SSID,First Name,Last Name,Birth Date,Gender,Race/Ethnicity\n"
                + "1001,2000000001,Ana,Ruiz,1/2/2016,Female,Hispanic or Latino\n"   // known: updated in place
                + "2001,2000000201,Bo,Chen,3/4/2015,Male,Asian\n"                   // new student
                + "2002,2000000202,Cy,Doe,5/6/2015,M,Klingon\n";                    // no such group
        FileResult result = MiniDistrict.importFile(workspace, write(dir, "students.csv", csv),
                org.rollcall.sources.Presets.load("students-csv"), false);
        assertReconciles(result);
        assertEquals(2, result.loaded());
        assertEquals("1|Ana|F|HI\n5|Bo|M|AS\n", dump(workspace, "SELECT student_id, first_name, gender, race_ethnicity "
                + "FROM students WHERE local_id IN ('1001', '2001') ORDER BY 1"));
        assertTrue(dump(workspace, "SELECT reason FROM import_quarantine").startsWith("'Klingon' is not one of AA, AI"));
    }

    @Test
    void anExportOfAbsencesOnlyHasItsPresentDaysFilledFromCalendarAndEnrollments() throws Exception {
        String mapping = DAILY_MAPPING + "fill_present: P\n";
        String absences = HEADER + "1001,101,9/3/2024,A\n1003,102,9/5/2024,ILL\n1004,102,9/6/2024,T\n";
        FileResult result = importFile(workspace, write(dir, "absences.csv", absences), mapping);
        assertReconciles(result);
        assertEquals(3, result.loaded());
        // from the first day, 8/14, to 9/6: 17 instructional days (Labor Day off) for each of the 4 students
        assertEquals("2024-08-14", result.firstDate());
        assertEquals(4 * 17 - 3, result.filled());
        assertEquals(4 * 17, count(workspace, "SELECT COUNT(*) FROM daily_attendance"));
        assertEquals(0, count(workspace, "SELECT COUNT(*) FROM daily_attendance WHERE attendance_date = '2024-09-02'"));
        assertEquals("17|1\n17|0\n17|1\n17|0\n", dump(workspace, "SELECT days_expected, days_absent "
                + "FROM attendance_summary ORDER BY student_id"));
        // the next export, through 9/10, replaces and refills the whole range: the same days, two more each
        String later = absences + "1002,101,9/10/2024,A\n";
        FileResult next = importFile(workspace, write(dir, "absences-later.csv", later), mapping);
        assertEquals(4 * 17 + 4 * 2 - 4, next.filled());
        assertEquals(4 * 19, count(workspace, "SELECT COUNT(*) FROM daily_attendance"));
        assertEquals(2, count(workspace, "SELECT COUNT(*) FROM daily_attendance WHERE category IN ('unexcused')"));
        // an export through Wednesday 9/11 whose last absence is on 9/10: 9/11 is present for all
        FileResult through = new org.rollcall.sources.Importer(workspace, org.rollcall.sources.ImportProgress.NONE)
                .importFile(org.rollcall.sources.SourceAdapters.named("delimited"), new org.rollcall.sources.SourceInput(
                        write(dir, "absences-through.csv", later), Mapping.parse("t", mapping),
                        java.time.LocalDate.of(2024, 9, 11)), false);
        assertEquals("2024-09-11", through.lastDate());
        assertEquals(4 * 20, count(workspace, "SELECT COUNT(*) FROM daily_attendance"));
    }

    @Test
    void aWorkspaceThatDoesNotExistIsAFailureNotACrash() throws Exception {
        Path file = write(dir, "sept.csv", september(3));
        FileResult result = importFile(dir.resolve("nowhere.rollcall"), file, Mapping.parse("t", DAILY_MAPPING), false);
        assertEquals(Status.FAILED, result.status());
        assertTrue(result.message().contains("nowhere.rollcall"), result.message());
        assertNull(result.firstDate());
    }
}
