package org.rollcall.sources.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rollcall.sources.tests.MiniDistrict.DAILY_MAPPING;
import static org.rollcall.sources.tests.MiniDistrict.count;
import static org.rollcall.sources.tests.MiniDistrict.dump;
import static org.rollcall.sources.tests.MiniDistrict.importFile;
import static org.rollcall.sources.tests.MiniDistrict.write;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
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
 * A daily export that is short, cut or carries a wrong date must not remove days it does not re-supply: by default
 * an import replaces only the rows whose key it supplies and keeps, and counts, the other days of its range.
 */
class ImportSafetyTest {

    private static final String HEADER = "Student,School,Date,Code\n";
    private static final String SUMMARY = "SELECT student_id, school_code, days_expected, days_absent FROM "
            + "attendance_summary ORDER BY 1, 2";

    @TempDir
    Path dir;
    Path workspace;

    @BeforeEach
    void district() {
        workspace = MiniDistrict.create(dir);
    }

    /** Every instructional day from first to last (weekdays, not Labor Day) for the four students. */
    private static String days(LocalDate first, LocalDate last) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int s = 1; s <= 4; s++) {
            for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                if (day.getDayOfWeek().getValue() <= 5 && !day.equals(LocalDate.of(2024, 9, 2))) {
                    csv.append("100").append(s).append(',').append(s <= 2 ? "101" : "102").append(',')
                            .append(day.getMonthValue()).append('/').append(day.getDayOfMonth()).append("/2024,")
                            .append(day.getDayOfMonth() % 7 == s ? "A" : "P").append('\n');
                }
            }
        }
        return csv.toString();
    }

    private static final LocalDate FIRST_DAY = LocalDate.of(2024, 8, 14);
    private static final LocalDate LAST_DAY = LocalDate.of(2024, 9, 30);

    private long loadTheWholeTerm() throws Exception {
        FileResult whole = importFile(workspace, write(dir, "term.csv", days(FIRST_DAY, LAST_DAY)), DAILY_MAPPING);
        assertEquals(Status.LOADED, whole.status(), whole.message());
        return count(workspace, "SELECT COUNT(*) FROM daily_attendance");
    }

    @Test
    void aRowDatedFarOutsideTheFileDoesNotDeleteTheMonthsBetweenAtEverySchool() throws Exception {
        long before = loadTheWholeTerm();
        String summaries = dump(workspace, SUMMARY);
        // the last week of September, with one row mistyped as August 16 (at school 101 only)
        String export = days(LocalDate.of(2024, 9, 23), LAST_DAY) + "1001,101,8/16/2024,P\n";
        FileResult result = importFile(workspace, write(dir, "last-week.csv", export), DAILY_MAPPING);
        assertEquals(Status.LOADED, result.status(), result.message());
        assertEquals(before, count(workspace, "SELECT COUNT(*) FROM daily_attendance"),
                "no day between August 16 and September 23 is removed, at either school");
        assertEquals(summaries, dump(workspace, SUMMARY));
    }

    @Test
    void aFileCutAtALineBoundaryKeepsTheDaysOfTheStudentsItLost() throws Exception {
        long before = loadTheWholeTerm();
        String summaries = dump(workspace, SUMMARY);
        String whole = days(FIRST_DAY, LAST_DAY);
        String cut = whole.substring(0, whole.indexOf('\n', whole.length() / 3) + 1); // students 1003, 1004 are gone
        FileResult result = importFile(workspace, write(dir, "cut.csv", cut), DAILY_MAPPING);
        assertEquals(Status.LOADED, result.status(), result.message());
        assertEquals(before, count(workspace, "SELECT COUNT(*) FROM daily_attendance"));
        assertEquals(summaries, dump(workspace, SUMMARY), "the students cut off keep their year");
    }

    @Test
    void anAbsencesOnlyFileGivesPresentDaysToASchoolWithNoAbsenceInIt() throws Exception {
        // only school 101 has an absence in the file; the mapping names both schools, so the file covers both
        String absences = HEADER + "1001,101,9/3/2024,A\n";
        FileResult result = importFile(workspace, write(dir, "absences.csv", absences), DAILY_MAPPING
                + "fill_present: P\n");
        assertEquals(Status.LOADED, result.status(), result.message());
        // 8/14 to 9/3: 14 instructional days (Labor Day off) for each of the four students
        assertEquals("1|19647330000001|14|1\n2|19647330000001|14|0\n3|19647330000002|14|0\n4|19647330000002|14|0\n",
                dump(workspace, SUMMARY));
    }

    private FileResult importWith(Path file, String mapping, ImportOptions options) {
        return new Importer(workspace, ImportProgress.NONE).importFile(SourceAdapters.named("delimited"),
                new SourceInput(file, Mapping.parse("test.yaml", mapping)), options);
    }

    @Test
    void aDryRunCountsWhatWouldBeRemovedPerSchoolAndLeavesTheFileByteForByte() throws Exception {
        loadTheWholeTerm();
        // a re-import that removes days leaves free pages in the file, which a rolled-back write would touch
        importWith(write(dir, "two-days.csv", days(FIRST_DAY, FIRST_DAY.plusDays(1))), DAILY_MAPPING,
                new ImportOptions(false, true));
        importWith(write(dir, "term.csv", days(FIRST_DAY, LAST_DAY)), DAILY_MAPPING, new ImportOptions(true, false));
        byte[] before = Files.readAllBytes(workspace);
        String export = days(LocalDate.of(2024, 9, 23), LAST_DAY) + "1001,101,8/16/2024,P\n";
        FileResult result;
        try (Importer dryRun = Importer.dryRun(workspace, ImportProgress.NONE)) {
            result = dryRun.importFile(SourceAdapters.named("delimited"), new SourceInput(write(dir, "last-week.csv",
                    export), Mapping.parse("test.yaml", DAILY_MAPPING)), new ImportOptions(false, true));
        }
        assertTrue(result.dryRun());
        // 8/16-9/20 is 25 instructional days; 1001 re-supplies 8/16 itself (present, as it was)
        assertEquals(List.of(new FileResult.SchoolDays(MiniDistrict.SCHOOL_A, "Alder Elementary", 25 * 2 - 1, 2, 25,
                "2024-08-16", "2024-09-20"), new FileResult.SchoolDays(MiniDistrict.SCHOOL_B, "Birch Elementary",
                        25 * 2, 2, 25, "2024-08-16", "2024-09-20")), result.changes().bySchool());
        assertEquals(25 * 4 - 1, result.changes().removed());
        assertEquals(6 * 4 + 1, result.changes().replaced());
        assertArrayEquals(before, Files.readAllBytes(workspace), "a dry run changes nothing");
        try (var left = Files.list(dir)) {
            assertEquals(List.of(), left.filter(f -> f.toString().endsWith(".dry-run")).toList(), "the copy is gone");
        }
    }

    @Test
    void undoPutsBackWhatADamagedImportWithReplaceRangeRemoved() throws Exception {
        loadTheWholeTerm();
        String state = everything();
        String whole = days(FIRST_DAY, LAST_DAY);
        String cut = whole.substring(0, whole.indexOf('\n', whole.length() / 3) + 1) + "1001,101,9/30/2024,BOGUS\n";
        Importer run = new Importer(workspace, ImportProgress.NONE);
        FileResult damaged = run.importFile(SourceAdapters.named("delimited"), new SourceInput(write(dir, "cut.csv",
                cut), Mapping.parse("test.yaml", DAILY_MAPPING)), new ImportOptions(false, true));
        assertTrue(damaged.changes().removed() > 0, damaged.toString());
        assertEquals(1, damaged.quarantined());
        assertNotEquals(state, everything());
        List<Importer.UndoneImport> undone = new Importer(workspace, ImportProgress.NONE).undoLastRun();
        assertEquals(1, undone.size());
        assertEquals(state, everything(), "days, summaries, views, log and quarantine are as before");
        assertTrue(new Importer(workspace, ImportProgress.NONE).undoLastRun().isEmpty(), "only the last run");
    }

    @Test
    void undoRevertsEveryImportOfTheLastRunAndOnlyThat() throws Exception {
        loadTheWholeTerm(); // the run before
        String state = everything();
        Importer run = new Importer(workspace, ImportProgress.NONE);
        String withCode = DAILY_MAPPING + "  X: {category: excused, reason: illness, description: Excused}\n";
        run.importFile(SourceAdapters.named("delimited"), new SourceInput(write(dir, "fix.csv", HEADER
                + "1002,101,9/3/2024,X\n"), Mapping.parse("fix.yaml", withCode)), ImportOptions.DEFAULT);
        run.importFile(SourceAdapters.named("delimited"), new SourceInput(write(dir, "other.csv", HEADER
                + "1003,102,9/4/2024,ILL\n1004,102,9/4/2024,NOPE\n"), Mapping.parse("test.yaml", DAILY_MAPPING)),
                ImportOptions.DEFAULT);
        assertEquals(2, new Importer(workspace, ImportProgress.NONE).undoLastRun().size());
        assertEquals(state, everything());
        assertEquals(0, count(workspace, "SELECT COUNT(*) FROM attendance_codes WHERE local_code = 'X'"));
    }

    @Test
    void undoPutsBackAFileOfMostlyNewDaysIncludingTheDaysOfItsRangeItKept() throws Exception {
        importFile(workspace, write(dir, "early.csv", days(FIRST_DAY, LocalDate.of(2024, 9, 6))), DAILY_MAPPING);
        String state = everything();
        // the next export runs 9/5 to 9/30 but has lost school 102's 9/5 and 9/6: mostly new days, two days kept
        StringBuilder later = new StringBuilder(HEADER);
        days(LocalDate.of(2024, 9, 5), LAST_DAY).lines().skip(1)
                .filter(l -> !(l.contains(",102,9/5/") || l.contains(",102,9/6/"))).forEach(l -> later.append(l)
                        .append('\n'));
        FileResult result = importFile(workspace, write(dir, "later.csv", later.toString()), DAILY_MAPPING);
        assertEquals(4, result.changes().kept(), result.toString());
        assertEquals(4, result.changes().replaced());
        assertEquals(4 * 18 - 4 - 4, result.changes().added(), "9/5-9/30 is 18 days; 4 rows re-supplied, 4 lost");
        assertEquals(1, new Importer(workspace, ImportProgress.NONE).undoLastRun().size());
        assertEquals(state, everything());
    }

    @Test
    void aFirstImportIsUndoneToNoDaysAtAll() throws Exception {
        String state = everything();
        loadTheWholeTerm();
        new Importer(workspace, ImportProgress.NONE).undoLastRun();
        assertEquals(state, everything());
        assertEquals(0, count(workspace, "SELECT COUNT(*) FROM daily_attendance"));
    }

    @Test
    void aMappingForOneSchoolsFilesCoversOnlyTheSchoolsItsRowsName() throws Exception {
        String absences = HEADER + "1001,101,9/3/2024,A\n";
        importFile(workspace, write(dir, "absences.csv", absences), DAILY_MAPPING + "fill_present: P\n"
                + "covers_schools: []\n");
        assertEquals("1|19647330000001|14|1\n2|19647330000001|14|0\n", dump(workspace, SUMMARY),
                "school 102 has a file of its own");
    }

    /** The rows, the summaries, a materialized view, the import log and the quarantine, as text. */
    private String everything() throws Exception {
        return dump(workspace, "SELECT * FROM daily_attendance ORDER BY 1, 2, 3")
                + dump(workspace, "SELECT * FROM attendance_summary ORDER BY 1, 2, 3")
                + dump(workspace, "SELECT * FROM district_snapshot")
                + dump(workspace, "SELECT * FROM import_log ORDER BY 1")
                + dump(workspace, "SELECT * FROM import_quarantine ORDER BY 1, 2")
                + dump(workspace, "SELECT * FROM attendance_codes ORDER BY 1");
    }
}
