package org.rollcall.store.metrics;

import static org.rollcall.model.Column.optional;
import static org.rollcall.model.Column.required;
import static org.rollcall.model.ColumnType.BOOLEAN;
import static org.rollcall.model.ColumnType.DATE;
import static org.rollcall.model.ColumnType.DOUBLE;
import static org.rollcall.model.ColumnType.INTEGER;
import static org.rollcall.store.metrics.ViewColumns.ABSENCE_RATE;
import static org.rollcall.store.metrics.ViewColumns.DAYS_ABSENT;
import static org.rollcall.store.metrics.ViewColumns.DAYS_EXCUSED;
import static org.rollcall.store.metrics.ViewColumns.DAYS_EXPECTED;
import static org.rollcall.store.metrics.ViewColumns.DAYS_UNEXCUSED;
import static org.rollcall.store.metrics.ViewColumns.GRADE;
import static org.rollcall.store.metrics.ViewColumns.SCHOOL_CODE;
import static org.rollcall.store.metrics.ViewColumns.SCHOOL_LEVEL;
import static org.rollcall.store.metrics.ViewColumns.SCHOOL_NAME;
import static org.rollcall.store.metrics.ViewColumns.SCHOOL_YEAR;
import static org.rollcall.store.metrics.ViewColumns.STUDENT_GROUP;
import static org.rollcall.store.metrics.ViewColumns.STUDENT_ID;
import static org.rollcall.store.metrics.ViewColumns.TIER;

import java.util.List;
import java.util.stream.Collectors;

import org.rollcall.model.AttendanceCategory;
import org.rollcall.rules.AttendanceTier;
import org.rollcall.rules.ChronicAbsence;
import org.rollcall.rules.Privacy;

/**
 * Views for acting early and acting fairly: the early-warning list, truancy status under the Education Code,
 * excused versus unexcused absence by student group, and schools ranked for support.
 */
final class WarningViews {

    /** How many of the latest instructional days the early-warning trend looks at. */
    static final int TREND_DAYS = 30;

    private static final String ABSENCE_CATEGORIES = AttendanceCategory.ABSENCES.stream()
            .map(c -> "'" + c.code() + "'").collect(Collectors.joining(", "));

    /**
     * The COE guidance asks systems to flag students at 5-9% absent for early intervention (docs/rules.md
     * section 1). Evaluated at the district level, to date; the trend compares the latest 30 instructional
     * days with the year so far. Absences to chronic: the fewest further days absent (each also a day
     * expected) that would bring the student to 10%: the least k with 10(a + k) >= e + k.
     */
    static final MetricView EARLY_WARNING = new MetricView("early_warning",
            "Students at risk (5% to under 10% absent) to date in each year, evaluated at the district level, with "
                    + "their absences in the latest 30 instructional days and the further absences that would make "
                    + "them chronically absent.",
            List.of(STUDENT_ID, SCHOOL_YEAR, GRADE, DAYS_EXPECTED, DAYS_ABSENT, ABSENCE_RATE,
                    required("recent_days", INTEGER, "Instructional days enrolled among the latest 30 of the year"),
                    required("recent_absences", INTEGER, "Days absent among those recent days"),
                    optional("recent_absence_rate", DOUBLE, "Absence rate over the recent days, in percent"),
                    required("trend", org.rollcall.model.ColumnType.TEXT,
                            "WORSENING when the recent rate exceeds the year's, IMPROVING when below, else STEADY"),
                    required("absences_to_chronic", INTEGER,
                            "Further days absent that would make the student chronically absent")),
            """
            WITH recent_window AS (
                SELECT school_year, MIN(calendar_date) AS window_start
                  FROM (SELECT c.school_year, c.calendar_date,
                               ROW_NUMBER() OVER (PARTITION BY c.school_year ORDER BY c.calendar_date DESC) AS n
                          FROM calendar_days c
                         WHERE c.is_instructional = 1
                           AND c.calendar_date <= (SELECT MAX(s.last_date) FROM attendance_summary s))
                 WHERE n <= %1$d
                 GROUP BY school_year),
            at_risk AS (
                SELECT v.* FROM district_student_year v WHERE v.is_eligible AND v.tier = '%2$s'),
            recent AS (
                -- at-risk students first, then per school a seek on the daily table's key from the window's start
                -- (CROSS JOIN fixes that order in SQLite)
                SELECT s.student_id, s.school_year, COUNT(*) AS recent_days,
                       SUM(d.category IN (%3$s)) AS recent_absences
                  FROM at_risk a
                 CROSS JOIN attendance_summary s
                 CROSS JOIN recent_window w
                 CROSS JOIN daily_attendance d
                 WHERE s.student_id = a.student_id AND s.school_year = a.school_year
                   AND w.school_year = s.school_year
                   AND d.student_id = s.student_id AND d.school_code = s.school_code
                   AND d.attendance_date >= w.window_start AND d.attendance_date <= s.last_date
                 GROUP BY s.student_id, s.school_year)
            SELECT a.student_id, a.school_year, a.grade, a.days_expected, a.days_absent, a.absence_rate,
                   COALESCE(r.recent_days, 0), COALESCE(r.recent_absences, 0),
                   ROUND(CAST(r.recent_absences AS DOUBLE) * 100 / r.recent_days, 1),
                   CASE WHEN r.recent_days IS NULL THEN 'STEADY'
                        WHEN r.recent_absences * a.days_expected > a.days_absent * r.recent_days THEN 'WORSENING'
                        WHEN r.recent_absences * a.days_expected < a.days_absent * r.recent_days THEN 'IMPROVING'
                        ELSE 'STEADY' END,
                   (a.days_expected - %4$d * a.days_absent + %5$d) / %6$d
              FROM at_risk a
              LEFT JOIN recent r ON r.student_id = a.student_id AND r.school_year = a.school_year
            """.formatted(TREND_DAYS, AttendanceTier.AT_RISK.label(), ABSENCE_CATEGORIES,
                    100 / ChronicAbsence.THRESHOLD_PERCENT, 100 / ChronicAbsence.THRESHOLD_PERCENT - 2,
                    100 / ChronicAbsence.THRESHOLD_PERCENT - 1)).materialize();

    /**
     * Truancy under the Education Code (docs/rules.md section 4): a truancy report at every third unexcused
     * absence or tardy over 30 minutes in the school year (EC 48260), habitual truancy at the third report
     * (EC 48262; the conscientious meeting attempt is the district's to record), and chronic truancy at
     * unexcused absences on 10% or more of the days enrolled to date (EC 48263.6) once the student is truant:
     * the section applies only after the earlier notices, and without that a first-day absence would be
     * "100% to date". Each with the date the threshold was crossed, so letters can be dated. Days enrolled to
     * a date count the instructional days since the student's first day that year, which assumes no gap in
     * enrollment within the year; the end-of-year flag uses the exact summary counts.
     */
    static final MetricView TRUANCY_STATUS = new MetricView("truancy_status",
            "Truancy per student and year under EC 48260 (truant: 3 unexcused absences or tardies over 30 "
                    + "minutes), EC 48262 (habitual: 3 truancy reports) and EC 48263.6 (chronic truant: unexcused "
                    + "absences on 10%+ of days enrolled to date), with the date each threshold was crossed.",
            List.of(STUDENT_ID, SCHOOL_YEAR,
                    required("unexcused_occurrences", INTEGER, "Unexcused absences plus tardies over 30 minutes"),
                    required("truancy_reports", INTEGER, "Truancy reports due: one per three occurrences (EC 48260)"),
                    optional("truant_date", DATE, "Date of the third occurrence: first truancy report (EC 48260)"),
                    optional("second_report_date", DATE, "Date of the sixth occurrence: second report (EC 48264.5)"),
                    optional("habitual_truant_date", DATE, "Date of the ninth occurrence: third report, habitual "
                            + "truant and SARB referral (EC 48262, EC 48264.5)"),
                    required("is_chronic_truant", BOOLEAN, "Truant, with unexcused absences on 10% or more of "
                            + "days enrolled to date (EC 48263.6)"),
                    optional("chronic_truant_date", DATE, "First day the truant student's unexcused absences "
                            + "reached 10% of days enrolled to date")),
            """
            WITH day_index AS (
                SELECT calendar_date, school_year,
                       ROW_NUMBER() OVER (PARTITION BY school_year ORDER BY calendar_date) AS n
                  FROM calendar_days WHERE is_instructional = 1),
            enrolled AS (
                SELECT s.student_id, s.school_year, MIN(i.n) AS first_n,
                       SUM(s.days_unexcused) AS unexcused, SUM(s.days_expected) AS expected
                  FROM attendance_summary s JOIN day_index i ON i.calendar_date = s.first_date
                 GROUP BY s.student_id, s.school_year),
            occurrences AS (
                SELECT d.student_id, i.school_year, d.attendance_date, d.category = '%1$s' AS unexcused, i.n AS day_n
                  FROM daily_attendance d JOIN day_index i ON i.calendar_date = d.attendance_date
                 WHERE d.category IN ('%1$s', '%2$s')),
            running AS (
                SELECT o.student_id, o.school_year, o.attendance_date,
                       ROW_NUMBER() OVER w AS occurrences,
                       SUM(o.unexcused) OVER w AS unexcused_days,
                       o.day_n - e.first_n + 1 AS days_enrolled
                  FROM occurrences o
                  JOIN enrolled e ON e.student_id = o.student_id AND e.school_year = o.school_year
                WINDOW w AS (PARTITION BY o.student_id, o.school_year ORDER BY o.attendance_date
                             ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW))
            SELECT e.student_id, e.school_year, COALESCE(MAX(r.occurrences), 0), COALESCE(MAX(r.occurrences), 0) / 3,
                   MIN(CASE WHEN r.occurrences = 3 THEN r.attendance_date END),
                   MIN(CASE WHEN r.occurrences = 6 THEN r.attendance_date END),
                   MIN(CASE WHEN r.occurrences = 9 THEN r.attendance_date END),
                   COALESCE(MAX(r.occurrences), 0) >= 3 AND %4$s,
                   MIN(CASE WHEN r.occurrences >= 3 AND %3$s THEN r.attendance_date END)
              FROM enrolled e
              LEFT JOIN running r ON r.student_id = e.student_id AND r.school_year = e.school_year
             GROUP BY e.student_id, e.school_year, e.unexcused, e.expected
            """.formatted(AttendanceCategory.UNEXCUSED.code(), AttendanceCategory.TARDY.code(),
                    ChronicAbsence.sqlIsChronic("r.unexcused_days", "r.days_enrolled"),
                    ChronicAbsence.sqlIsChronic("e.unexcused", "e.expected")));

    /**
     * Each group's days across the district, the one place absence_reasons_by_group and the attendance-rate goals
     * read them, so that both withhold the same cells: the race/ethnicity groups are published with ALL.
     */
    static final MetricView DISTRICT_GROUP_ATTENDANCE = new MetricView("district_group_attendance",
            "Students and days expected, attended, excused, unexcused and absent of each student group across the "
                    + "district in each year, each student evaluated at the district level. Unsuppressed: for "
                    + "analysis; suppression says what a publication must withhold.",
            List.of(SCHOOL_YEAR, STUDENT_GROUP, required("students", INTEGER, "Students in the group with attendance"),
                    DAYS_EXPECTED, ViewColumns.DAYS_ATTENDED, DAYS_EXCUSED, DAYS_UNEXCUSED, DAYS_ABSENT,
                    ViewColumns.SUPPRESSION),
            """
            SELECT g.school_year, g.student_group, COUNT(*), SUM(v.days_expected), SUM(v.days_attended),
                   SUM(v.days_excused), SUM(v.days_unexcused), SUM(v.days_absent), NULL
              FROM district_student_year v
              JOIN student_group_year g ON g.student_id = v.student_id AND g.school_year = v.school_year
             GROUP BY g.school_year, g.student_group
            """).suppressedBy(new SuppressionRule("students",
                    List.of("days_expected", "days_excused", "days_unexcused", "days_absent"), false,
                    List.of(new SuppressionRule.Partition(List.of("school_year"), "student_group = 'ALL'",
                            "student_group IN " + RateViews.RACE_GROUPS))));

    /** The District guidance's note (1) points at disparities in unexcused absences (docs/rules.md section 4). */
    static final MetricView ABSENCE_REASONS_BY_GROUP = new MetricView("absence_reasons_by_group",
            "Excused and unexcused absences by student group and year across the district, to show disparities: "
                    + "each as a percent of days expected and the unexcused share of all absences. Groups of 10 "
                    + "or fewer students, and the further groups that would let a reader compute them by "
                    + "subtraction, are suppressed.",
            List.of(SCHOOL_YEAR, STUDENT_GROUP,
                    optional("students", INTEGER, "Students in the group with attendance; NULL when suppressed"),
                    optional("days_expected", INTEGER, "Days expected of the group's students; NULL when suppressed"),
                    optional("excused_rate", DOUBLE, "Excused absences as a percent of days expected"),
                    optional("unexcused_rate", DOUBLE, "Unexcused absences as a percent of days expected"),
                    optional("unexcused_share", DOUBLE, "Unexcused absences as a percent of all absences"),
                    ViewColumns.SUPPRESSED, ViewColumns.SUPPRESSION),
            """
            SELECT t.school_year, t.student_group, %1$s, %2$s, %3$s, %4$s, %5$s, t.suppression IS NOT NULL,
                   t.suppression
              FROM district_group_attendance t
            """.formatted(Privacy.sqlShown("t.suppression", "t.students"),
                    Privacy.sqlShown("t.suppression", "t.days_expected"),
                    Privacy.sqlShown("t.suppression", "ROUND(CAST(t.days_excused AS DOUBLE) * 100 / t.days_expected, 2)"),
                    Privacy.sqlShown("t.suppression", "ROUND(CAST(t.days_unexcused AS DOUBLE) * 100 / t.days_expected, 2)"),
                    Privacy.sqlShown("t.suppression",
                            "ROUND(CAST(t.days_unexcused AS DOUBLE) * 100 / NULLIF(t.days_absent, 0), 1)")));

    /**
     * The District guidance asks which schools to support first: those with the most chronically absent
     * students, the share above 20% (severe), and the transition grades TK/K, 6 and 9.
     */
    static final MetricView SCHOOL_PRIORITY = new MetricView("school_priority",
            "Schools ranked within each year by number of chronically absent students, with the share severely "
                    + "chronically absent (20%+) and the chronic rate in the transition grades (TK/K, 6, 9).",
            List.of(SCHOOL_YEAR, SCHOOL_CODE, SCHOOL_NAME, SCHOOL_LEVEL,
                    required("priority_rank", INTEGER, "1 for the school with the most chronically absent students"),
                    required("eligible_students", INTEGER, "Students counted (31+ days enrolled, 1+ attended)"),
                    required("chronic_students", INTEGER, "Chronically absent students"),
                    required("chronic_rate", DOUBLE, "Chronically absent students as a percent of counted students"),
                    required("severe_chronic_students", INTEGER, "Students absent 20% or more of their days"),
                    required("severe_share", DOUBLE, "Severely chronic students as a percent of counted students"),
                    optional("transition_grade_students", INTEGER, "Counted students in TK/K, 6 and 9"),
                    optional("transition_grade_chronic_rate", DOUBLE,
                            "Chronic rate among counted students in TK/K, 6 and 9")),
            """
            SELECT t.school_year, t.school_code, sc.school_name, sc.school_level,
                   RANK() OVER (PARTITION BY t.school_year ORDER BY t.chronic DESC),
                   t.eligible, t.chronic, ROUND(CAST(t.chronic AS DOUBLE) * 100 / t.eligible, 1),
                   t.severe, ROUND(CAST(t.severe AS DOUBLE) * 100 / t.eligible, 1),
                   t.transition, ROUND(CAST(t.transition_chronic AS DOUBLE) * 100 / NULLIF(t.transition, 0), 1)
              FROM (SELECT v.school_year, v.school_code, COUNT(*) AS eligible, SUM(v.is_chronic) AS chronic,
                           SUM(v.tier = '%s') AS severe,
                           SUM(v.grade IN ('TK', 'KN', '06', '09')) AS transition,
                           SUM(v.grade IN ('TK', 'KN', '06', '09') AND v.is_chronic) AS transition_chronic
                      FROM student_school_year v
                     WHERE v.is_eligible
                     GROUP BY v.school_year, v.school_code) t
              JOIN schools sc ON sc.school_code = t.school_code
            """.formatted(AttendanceTier.SEVERE_CHRONIC.label()));

    static final List<MetricView> ALL = List.of(EARLY_WARNING, TRUANCY_STATUS, DISTRICT_GROUP_ATTENDANCE,
            ABSENCE_REASONS_BY_GROUP,
            SCHOOL_PRIORITY);

    private WarningViews() {
    }
}
