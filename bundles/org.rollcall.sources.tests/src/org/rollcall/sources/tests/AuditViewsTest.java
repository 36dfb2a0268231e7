package org.rollcall.sources.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rollcall.sources.tests.MiniDistrict.SCHOOL_A;
import static org.rollcall.sources.tests.MiniDistrict.SCHOOL_B;

import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.store.Workspace;
import org.rollcall.store.metrics.AuditViews.Check;
import org.rollcall.synthetic.DistrictGenerator;
import org.rollcall.synthetic.GeneratorSettings;

/**
 * The audit checks on the mini district with one planted problem per check beside a near miss that must not be
 * reported, and on the synthetic district, which is clean.
 */
class AuditViewsTest {

    @TempDir
    static Path dir;
    static Path workspace;

    @BeforeAll
    static void plant() throws SQLException {
        workspace = MiniDistrict.create(dir);
        try (Workspace w = Workspace.open(workspace); Statement s = w.connection().createStatement()) {
            // 1001 at A: 9/3 and 9/4 fine; Labor Day (a holiday) and Saturday 9/7 (not in the calendar) are findings
            for (String day : new String[] {"2024-09-03", "2024-09-04", "2024-09-02", "2024-09-07"}) {
                s.execute(day(1, SCHOOL_A, day, "present", "P"));
            }
            // 1002 at A exits on 9/4 (its last day): 9/4 is inside, 9/5 outside
            s.execute("UPDATE enrollments SET exit_date = '2024-09-04', exit_reason = 'TRANSFER' WHERE student_id = 2");
            s.execute(day(2, SCHOOL_A, "2024-09-04", "present", "P"));
            s.execute(day(2, SCHOOL_A, "2024-09-05", "present", "P"));
            // 1003 at B since the first day, open; a second primary enrollment at A from 9/10 overlaps it
            s.execute(enrollment(10, 3, SCHOOL_A, "2024-09-10", null));
            s.execute(day(3, SCHOOL_B, "2024-09-03", "present", "P"));
            s.execute(day(3, SCHOOL_A, "2024-09-11", "present", "P"));
            // 1004 leaves B on 9/9 and enters A on 9/10: touching, not overlapping
            s.execute("UPDATE enrollments SET exit_date = '2024-09-09', exit_reason = 'TRANSFER' WHERE student_id = 4");
            s.execute(enrollment(11, 4, SCHOOL_A, "2024-09-10", null));
            s.execute(day(4, SCHOOL_B, "2024-09-09", "present", "P"));
            s.execute(day(4, SCHOOL_A, "2024-09-10", "present", "P"));
            // codes: P and U are known; Q is not, and a P day recorded as excused contradicts the table
            s.execute("INSERT INTO attendance_codes VALUES ('P', 'Present', 'present', NULL), ('U', 'Unexcused', 'unexcused', NULL)");
            s.execute(day(1, SCHOOL_A, "2024-09-05", "unexcused", "Q"));
            s.execute(day(1, SCHOOL_A, "2024-09-06", "excused", "P"));
            // 1005 enrolled at A since the first day, never marked; 1006 enrolls after the last day recorded (9/20)
            s.execute(student(5, "2000000005", "1005"));
            s.execute(enrollment(12, 5, SCHOOL_A, "2024-08-14", null));
            s.execute(student(6, "2000000006", "1006"));
            s.execute(enrollment(13, 6, SCHOOL_A, "2024-09-25", null));
            s.execute(day(3, SCHOOL_B, "2024-09-20", "present", "P"));
            // 1002's secondary enrollment at B from 9/10 has no attendance of its own, which is not a finding
            s.execute(enrollment(15, 2, SCHOOL_B, "2024-09-10", null).replace("'03', '10'", "'03', '20'"));
            // 1007 shares 1001's SSID; enrolled at B
            s.execute(student(7, "2000000001", "1007"));
            s.execute(enrollment(14, 7, SCHOOL_B, "2024-08-14", null));
            s.execute(day(7, SCHOOL_B, "2024-09-03", "present", "P"));
            w.rebuildSummaries();
            // summaries as an imported STAS file might have them: 1003's days do not sum; 1004 at B claims 30 absences
            s.execute("UPDATE attendance_summary SET days_attended_in_person = days_attended_in_person + 1 "
                    + "WHERE student_id = 3 AND school_code = '" + SCHOOL_B + "'");
            s.execute("UPDATE attendance_summary SET days_absent = 30, days_unexcused = 30, days_expected = 31, "
                    + "days_attended_in_person = 1 WHERE student_id = 4 AND school_code = '" + SCHOOL_B + "'");
        }
    }

    private static String day(int student, String school, String date, String category, String code) {
        return "INSERT INTO daily_attendance VALUES (" + student + ", '" + school + "', '" + date + "', '" + category
                + "', '" + code + "', NULL)";
    }

    private static String enrollment(int id, int student, String school, String entry, String exit) {
        return "INSERT INTO enrollments VALUES (" + id + ", " + student + ", '" + school + "', '2024-25', '03', '10', '"
                + entry + "', " + (exit == null ? "NULL" : "'" + exit + "'") + ", NULL)";
    }

    private static String student(int id, String ssid, String localId) {
        return "INSERT INTO students VALUES (" + id + ", '" + ssid + "', '" + localId + "', 'F', 'L', '2016-02-02', 'M', 'WH')";
    }

    private static String findings(Check check) throws SQLException {
        return MiniDistrict.dump(workspace, "SELECT local_id, school_code, detail FROM " + check.viewName()
                + " ORDER BY local_id, school_code, detail");
    }

    @Test
    void attendanceOnAHolidayOrADayOutsideTheCalendar() throws SQLException {
        assertEquals("1001|" + SCHOOL_A + "|2024-09-02 is HOLIDAY (Labor Day); code P\n"
                + "1001|" + SCHOOL_A + "|2024-09-07 is not in the calendar; code P\n", findings(Check.NON_INSTRUCTIONAL_DAY));
    }

    @Test
    void attendanceAfterTheExitDateButNotOnIt() throws SQLException {
        assertEquals("1002|" + SCHOOL_A + "|2024-09-05 (code P) is outside every enrollment at the school\n",
                findings(Check.OUTSIDE_ENROLLMENT));
    }

    @Test
    void overlappingPrimaryEnrollmentsButNotTouchingOnes() throws SQLException {
        assertEquals("1003|" + SCHOOL_A + "|enrollment at " + SCHOOL_B + " 2024-08-14..open overlaps enrollment "
                + "2024-09-10..open\n", findings(Check.OVERLAPPING_PRIMARY_ENROLLMENTS));
    }

    @Test
    void unknownCodesAndCodesRecordedAsAnotherCategory() throws SQLException {
        assertEquals("1001|" + SCHOOL_A + "|2024-09-05: code Q is not in attendance_codes\n"
                + "1001|" + SCHOOL_A + "|2024-09-06: code P maps to present, but the day is excused\n",
                findings(Check.UNKNOWN_LOCAL_CODE));
    }

    @Test
    void stasDaysThatDoNotSumToExpectedDays() throws SQLException {
        assertEquals("1003|" + SCHOOL_B + "|13.16-13.22 sum to 3, 13.15 is 2; absences 0, formula gives 0\n",
                findings(Check.STAS_DAYS_MISMATCH));
    }

    @Test
    void absencesBeyondTheDaysEnrolled() throws SQLException {
        // 1004 was enrolled at B from Wednesday 8/14 to 9/9: 18 instructional days (Labor Day off)
        assertEquals("1004|" + SCHOOL_B + "|30 days absent, 18 instructional days enrolled\n",
                findings(Check.ABSENCES_EXCEED_ENROLLMENT));
    }

    @Test
    void enrolledStudentsWithoutAttendanceUpToTheLastDayRecorded() throws SQLException {
        assertEquals("1005|" + SCHOOL_A + "|enrolled 2024-08-14..open in grade 03, no attendance recorded\n",
                findings(Check.ENROLLED_WITHOUT_ATTENDANCE));
    }

    @Test
    void oneSsidUnderTwoLocalIds() throws SQLException {
        assertEquals("1001|" + SCHOOL_A + "|SSID 2000000001 is also local ID 1007\n"
                + "1007|" + SCHOOL_B + "|SSID 2000000001 is also local ID 1001\n", findings(Check.DUPLICATE_SSID));
    }

    @Test
    void theSummaryCountsEachCheckBySchool() throws SQLException {
        assertEquals("absences_exceed_enrollment|" + SCHOOL_B + "|1|1\n"
                + "duplicate_ssid|" + SCHOOL_A + "|1|1\n"
                + "duplicate_ssid|" + SCHOOL_B + "|1|1\n"
                + "enrolled_without_attendance|" + SCHOOL_A + "|1|1\n"
                + "non_instructional_day|" + SCHOOL_A + "|2|1\n"
                + "outside_enrollment|" + SCHOOL_A + "|1|1\n"
                + "overlapping_primary_enrollments|" + SCHOOL_A + "|1|1\n"
                + "stas_days_mismatch|" + SCHOOL_B + "|1|1\n"
                + "unknown_local_code|" + SCHOOL_A + "|2|1\n",
                MiniDistrict.dump(workspace, "SELECT check_name, school_code, findings, students FROM audit_summary "
                        + "ORDER BY check_name, school_code"));
        assertEquals(Arrays.stream(Check.values()).count(), MiniDistrict.count(workspace,
                "SELECT COUNT(DISTINCT check_name) FROM audit_findings"));
    }

    @Test
    void theSyntheticDistrictIsClean() throws SQLException {
        Path synthetic = dir.resolve("synthetic.rollcall");
        DistrictGenerator.generate(new GeneratorSettings(300, 2, 17, 2023), synthetic, (phase, done, total) -> {
        });
        assertEquals("", MiniDistrict.dump(synthetic, "SELECT check_name, school_code, findings, example FROM audit_summary"));
    }

}
