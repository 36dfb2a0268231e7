package org.rollcall.sources.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.model.CanonicalSchema;
import org.rollcall.sources.Entity;
import org.rollcall.sources.FileResult;
import org.rollcall.sources.ImportProgress;
import org.rollcall.sources.Importer;
import org.rollcall.sources.Mapping;
import org.rollcall.sources.SourceAdapters;
import org.rollcall.sources.SourceInput;
import org.rollcall.sources.file.Exporter;
import org.rollcall.store.BatchWriter;
import org.rollcall.store.Workspace;
import org.rollcall.synthetic.DistrictGenerator;
import org.rollcall.synthetic.GeneratorSettings;

/**
 * Attendance Recovery credit (docs/rules.md section 4) on hand-computed fixtures at each edge. One school, 2024-25
 * with 100 instructional days from 2024-08-19, every student in grade 3 (minimum day 230 minutes) unless said
 * otherwise; each student's absences come first in the year, then any independent study days, then present days.
 */
class RecoveryCreditTest {

    private static final String SCHOOL = RecoveryDistrict.SCHOOL;

    @TempDir
    Path dir;

    private Path workspace;

    /** A student: absences, independent study days, grade, and sessions as date, minutes, certificated flag. */
    private record Pupil(int id, int absences, int independentStudy, String grade, List<Object[]> sessions) {
    }

    private final List<Pupil> pupils = new ArrayList<>();

    private static Object[] session(String date, int minutes) {
        return new Object[] {date, minutes, "Y"};
    }

    /** {@code days} sessions of {@code minutes} on consecutive Saturdays from 2024-09-07. */
    private static List<Object[]> saturdays(int days, int minutes) {
        List<Object[]> sessions = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            sessions.add(session(LocalDate.of(2024, 9, 7).plusWeeks(i).toString(), minutes));
        }
        return sessions;
    }

    @BeforeEach
    void fixture() {
        pupils.add(new Pupil(1, 20, 0, "03", saturdays(9, 230)));        // 9 days earned, 9 credited
        pupils.add(new Pupil(2, 20, 0, "03", saturdays(10, 230)));       // 10, 10
        pupils.add(new Pupil(3, 20, 0, "03", saturdays(11, 230)));       // 11 earned, 10 credited: TEN_DAYS
        pupils.add(new Pupil(4, 3, 0, "03", saturdays(5, 230)));         // 5 earned, 3 absences: ABSENCES
        pupils.add(new Pupil(5, 20, 0, "03", List.of(new Object[] {"2024-09-07", 200, "Y"},
                new Object[] {"2024-09-07", 200, "Y"})));                  // two sessions, one day: 1 (not 400/230)
        pupils.add(new Pupil(6, 5, 15, "03", saturdays(2, 230)));        // independent study 15 days: eligible
        pupils.add(new Pupil(7, 5, 16, "03", saturdays(2, 230)));        // 16 days: not eligible, 0
        pupils.add(new Pupil(8, 20, 0, "03", saturdays(1, 229)));        // a minute under the minimum day: 0
        pupils.add(new Pupil(9, 20, 0, "03", saturdays(1, 230)));        // at the minimum day: 1
        pupils.add(new Pupil(10, 20, 0, "03", List.of(session("2024-09-07", 100),
                session("2024-09-14", 130))));                             // carried across sessions: 1
        pupils.add(new Pupil(11, 20, 0, "03", List.of(session("2025-06-30", 230),
                session("2025-07-01", 230))));                             // June 30 in 2024-25, July 1 in 2025-26
        pupils.add(new Pupil(12, 20, 0, "03", List.<Object[]>of(new Object[] {"2024-09-07", 230, "N"})));  // uncertificated: 0
        pupils.add(new Pupil(13, 11, 0, "03", saturdays(2, 230)));       // chronic 11% -> 9% with 2 recovered days
        pupils.add(new Pupil(14, 20, 0, "KN", saturdays(1, 180)));       // kindergarten minimum day 180: 1
        build();
    }

    private void build() {
        workspace = dir.resolve("recovery.rollcall");
        List<LocalDate> days = RecoveryDistrict.days();
        Workspace.build(workspace, w -> {
            RecoveryDistrict.writeReference(w, days, true, true);
            try (BatchWriter s = w.writer(CanonicalSchema.STUDENTS); BatchWriter e = w.writer(CanonicalSchema.ENROLLMENTS);
                    BatchWriter a = w.writer(CanonicalSchema.DAILY_ATTENDANCE);
                    BatchWriter r = w.writer(CanonicalSchema.ATTENDANCE_RECOVERY)) {
                for (Pupil p : pupils) {
                    s.add(p.id(), "20000000" + (10 + p.id()), "S" + p.id(), "First", "Last" + p.id(),
                            LocalDate.of(2016, 1, 1), "F", "HI");
                    e.add(p.id(), p.id(), SCHOOL, "2024-25", p.grade(), "10", days.get(0), null, null);
                    e.add(100 + p.id(), p.id(), SCHOOL, "2025-26", p.grade(), "10", LocalDate.of(2025, 8, 18), null, null);
                    for (int i = 0; i < days.size(); i++) {
                        String code = i < p.absences() ? "A" : i < p.absences() + p.independentStudy() ? "I" : "P";
                        String category = code.equals("A") ? "unexcused" : code.equals("I") ? "independent_study"
                                : "present";
                        a.add(p.id(), SCHOOL, days.get(i), category, code, null);
                    }
                    int n = 0;
                    for (Object[] session : p.sessions()) {
                        r.add(p.id(), SCHOOL, LocalDate.parse((String) session[0]), "Program " + (n++), session[1],
                                session[2]);
                    }
                }
            }
        });
    }

    private String credit(int student) throws SQLException {
        return MiniDistrict.dump(workspace, "SELECT school_year, sessions, minutes, minutes_counted, days_earned, "
                + "days_absent, eligible, days_credited, days_capped_by FROM attendance_recovery_credit WHERE student_id = "
                + student + " ORDER BY school_year");
    }

    @Test
    void nineTenAndElevenDaysAreCappedAtTen() throws SQLException {
        assertEquals("2024-25|9|2070|2070|9|20|1|9|null\n", credit(1));
        assertEquals("2024-25|10|2300|2300|10|20|1|10|null\n", credit(2));
        assertEquals("2024-25|11|2530|2530|11|20|1|10|TEN_DAYS\n", credit(3));
    }

    @Test
    void fewerAbsencesThanTenCapTheCredit() throws SQLException {
        assertEquals("2024-25|5|1150|1150|5|3|1|3|ABSENCES\n", credit(4));
    }

    @Test
    void twoSessionsOfOneDayCreditAtMostOneDay() throws SQLException {
        assertEquals("2024-25|2|400|230|1|20|1|1|null\n", credit(5));
    }

    @Test
    void independentStudyOfMoreThanFifteenDaysExcludes() throws SQLException {
        assertEquals("2024-25|2|460|460|2|5|1|2|null\n", credit(6));
        assertEquals("2024-25|2|460|460|2|5|0|0|null\n", credit(7));
    }

    @Test
    void minutesReachTheMinimumDayAcrossSessions() throws SQLException {
        assertEquals("2024-25|1|229|229|0|20|1|0|null\n", credit(8));
        assertEquals("2024-25|1|230|230|1|20|1|1|null\n", credit(9));
        assertEquals("2024-25|2|230|230|1|20|1|1|null\n", credit(10));
        assertEquals("2024-25|1|180|180|1|20|1|1|null\n", credit(14));
        assertEquals("2024-25|1|230|0|0|20|1|0|null\n", credit(12));
    }

    @Test
    void theFiscalYearEndsOnJuneThirtieth() throws SQLException {
        // 2025-26 has no attendance yet: the day is earned (banked) but there is no absence to credit it against
        assertEquals("2024-25|1|230|230|1|20|1|1|null\n2025-26|1|230|230|1|0|1|0|ABSENCES\n", credit(11));
    }

    @Test
    void theMinimumDayIsAnEditableTable() throws SQLException {
        try (Workspace w = Workspace.open(workspace); Statement s = w.connection().createStatement()) {
            assertEquals(1, s.executeUpdate("UPDATE recovery_minimum_day SET minutes = 229 WHERE grade = '03'"));
            w.rebuildSummaries();
        }
        assertEquals("2024-25|1|229|229|1|20|1|1|null\n", credit(8));
        assertEquals("2024-25|2|400|229|1|20|1|1|null\n", credit(5));
        assertEquals("TK|TK/K|180\nKN|TK/K|180\n01|1-3|230\n02|1-3|230\n03|1-3|229\n04|4-8|240\n05|4-8|240\n"
                + "06|4-8|240\n07|4-8|240\n08|4-8|240\n09|9-12|240\n10|9-12|240\n11|9-12|240\n12|9-12|240\n",
                MiniDistrict.dump(workspace, "SELECT grade, grade_span, minutes FROM recovery_minimum_day ORDER BY rowid"));
    }

    @Test
    void regularAttendanceIsNotChanged() throws SQLException {
        assertEquals("20|100", MiniDistrict.dump(workspace,
                "SELECT days_absent, days_expected FROM attendance_summary WHERE student_id = 2").strip());
    }

    /**
     * Without recovery the rates are chronic_absence_rates' own; with it, student 13 (11 of 100 days absent, 2
     * recovered) drops under 10% and out of the chronic count, while student 2 (20 absent, 10 recovered) stays at 10%.
     */
    @Test
    void theRateWithRecoveryIsLowerForAStudentPushedUnderTenPercent() throws SQLException {
        assertEquals("", MiniDistrict.dump(workspace, """
                SELECT r.definition, r.reporting_level, r.student_group FROM chronic_absence_rates r
                  LEFT JOIN chronic_absence_with_recovery w ON w.definition = r.definition
                   AND w.reporting_level = r.reporting_level AND COALESCE(w.school_code, '') = COALESCE(r.school_code, '')
                   AND w.school_year = r.school_year AND w.student_group = r.student_group
                 WHERE w.definition IS NULL OR w.eligible_students <> r.eligible_students
                    OR w.chronic_students <> r.chronic_students OR w.chronic_rate <> r.chronic_rate
                    OR COALESCE(w.suppression, '') <> COALESCE(r.suppression, '')
                """));
        // 14 eligible, 11 chronic (all but students 4, 6 and 7, absent 3 or 5 days); 41 days recovered by 11 students
        // (9+10+10+3+1+2+1+1+1+2+1); with them student 4 stays under 10% and student 13 (11 -> 9) leaves the count
        String district = MiniDistrict.dump(workspace, "SELECT eligible_students, chronic_students, chronic_rate, "
                + "days_recovered, students_with_recovered_days, chronic_students_with_recovery, "
                + "chronic_rate_with_recovery FROM chronic_absence_with_recovery WHERE definition = 'DATAQUEST' "
                + "AND reporting_level = 'DISTRICT' AND student_group = 'ALL' AND school_year = '2024-25'");
        assertEquals("14|11|78.6|41|11|10|71.4\n", district);
        // 14 students in one group: nothing is withheld, and the published form shows the same numbers
        assertEquals(MiniDistrict.dump(workspace, "SELECT definition, reporting_level, school_code, student_group, "
                + "eligible_students, chronic_students_with_recovery, chronic_rate_with_recovery "
                + "FROM chronic_absence_with_recovery ORDER BY 1, 2, 3, 4"),
                MiniDistrict.dump(workspace, "SELECT definition, reporting_level, school_code, student_group, "
                        + "eligible_students, chronic_students_with_recovery, chronic_rate_with_recovery "
                        + "FROM chronic_absence_with_recovery_published WHERE NOT suppressed ORDER BY 1, 2, 3, 4"));
    }

    /** The exporter writes the sessions (and the minimum days) and an import of its files gives the same credit. */
    @Test
    void exportedAndReimportedTheCreditIsTheSame() throws Exception {
        List<Path> files = new ArrayList<>(Exporter.export(workspace, dir.resolve("export"), Exporter.Format.CSV,
                StandardCharsets.UTF_8, ImportProgress.NONE));
        assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().equals("attendance_recovery.csv")), files.toString());
        Path copy = dir.resolve("copy.rollcall");
        Workspace.build(copy, w -> {
        });
        files.sort(Comparator.comparingInt(f -> Entity.named(f.getFileName().toString().replaceFirst("\\.csv$", ""))
                .orElseThrow().ordinal()));
        Importer importer = new Importer(copy, ImportProgress.NONE);
        for (Path file : files) {
            String name = file.getFileName().toString();
            Mapping mapping = Mapping.load(file.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".yaml"));
            FileResult result = importer.importFile(SourceAdapters.named(mapping.format()), new SourceInput(file, mapping),
                    false);
            assertEquals(0, result.quarantined(), name + ": " + result.problems());
        }
        for (String view : List.of("SELECT * FROM attendance_recovery_credit ORDER BY 1, 2",
                "SELECT * FROM chronic_absence_with_recovery ORDER BY 1, 2, 3, 4, 5")) {
            String expected = MiniDistrict.dump(workspace, view);
            assertTrue(expected.length() > 0, view);
            assertEquals(expected, MiniDistrict.dump(copy, view), view);
        }
    }

    @Test
    void theSyntheticDistrictHasNoRecoveryAndEqualRates() throws SQLException {
        Path synthetic = dir.resolve("synthetic.rollcall");
        DistrictGenerator.generate(new GeneratorSettings(300, 2, 17, 2023), synthetic, (phase, done, total) -> {
        });
        assertEquals(0, MiniDistrict.count(synthetic, "SELECT COUNT(*) FROM attendance_recovery_credit"));
        assertEquals(MiniDistrict.count(synthetic, "SELECT COUNT(*) FROM chronic_absence_rates"),
                MiniDistrict.count(synthetic, "SELECT COUNT(*) FROM chronic_absence_with_recovery "
                        + "WHERE chronic_students_with_recovery = chronic_students AND days_recovered = 0"));
    }
}
