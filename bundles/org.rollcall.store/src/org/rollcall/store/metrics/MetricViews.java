package org.rollcall.store.metrics;

import static org.rollcall.model.Column.required;
import static org.rollcall.model.ColumnType.INTEGER;
import static org.rollcall.model.ColumnType.DOUBLE;
import static org.rollcall.store.metrics.ViewColumns.ABSENCE_RATE;
import static org.rollcall.store.metrics.ViewColumns.CHRONIC_RATE;
import static org.rollcall.store.metrics.ViewColumns.CHRONIC_STUDENTS;
import static org.rollcall.store.metrics.ViewColumns.DAYS_ABSENT;
import static org.rollcall.store.metrics.ViewColumns.DAYS_ATTENDED;
import static org.rollcall.store.metrics.ViewColumns.DAYS_EXCUSED;
import static org.rollcall.store.metrics.ViewColumns.DAYS_EXPECTED;
import static org.rollcall.store.metrics.ViewColumns.DAYS_SUSPENSION_OUT;
import static org.rollcall.store.metrics.ViewColumns.DAYS_UNEXCUSED;
import static org.rollcall.store.metrics.ViewColumns.ELIGIBLE_STUDENTS;
import static org.rollcall.store.metrics.ViewColumns.GRADE;
import static org.rollcall.store.metrics.ViewColumns.GRADE_ORDER;
import static org.rollcall.store.metrics.ViewColumns.IS_CHRONIC;
import static org.rollcall.store.metrics.ViewColumns.IS_ELIGIBLE;
import static org.rollcall.store.metrics.ViewColumns.SCHOOL_CODE;
import static org.rollcall.store.metrics.ViewColumns.SCHOOL_LEVEL;
import static org.rollcall.store.metrics.ViewColumns.SCHOOL_NAME;
import static org.rollcall.store.metrics.ViewColumns.SCHOOL_YEAR;
import static org.rollcall.store.metrics.ViewColumns.STUDENT_ID;
import static org.rollcall.store.metrics.ViewColumns.TIER;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.rollcall.model.CanonicalSchema;
import org.rollcall.model.Column;
import org.rollcall.model.Grade;
import org.rollcall.rules.AttendanceTier;
import org.rollcall.rules.ChronicAbsence;

/**
 * The metric views every workspace carries. They live in the store as SQLite views, so a query on them is
 * planned by SQLite in microseconds and reads the per-student STAS summaries, never the daily table.
 * Thresholds come from {@link ChronicAbsence} and {@link AttendanceTier}, so the rules live in one place.
 */
public final class MetricViews {

    /** Sorts grades TK, KN, 01 .. 12 in school order (TK = -1, K = 0). */
    static final String GRADE_ORDER_SQL = Arrays.stream(Grade.values())
            .map(g -> "WHEN '" + g.code() + "' THEN " + g.number())
            .collect(Collectors.joining(" ", "CASE %1$s ", " END"));

    public static final MetricView STUDENT_SCHOOL_YEAR = new MetricView("student_school_year",
            "Each student's attendance at each school in each year (CALPADS STAS shape) with absence rate, "
                    + "Attendance Works tier, chronic flag and Dashboard/DataQuest eligibility (31 days enrolled, "
                    + "at least one day attended) evaluated at the school level.",
            List.of(STUDENT_ID, SCHOOL_CODE, SCHOOL_YEAR, GRADE, GRADE_ORDER, DAYS_EXPECTED, DAYS_ATTENDED, DAYS_ABSENT,
                    DAYS_EXCUSED, DAYS_UNEXCUSED, DAYS_SUSPENSION_OUT, summary("days_suspension_in"),
                    summary("days_independent_study"), summary("days_independent_study_non_ada"),
                    summary("days_tardy"), ABSENCE_RATE, TIER, IS_CHRONIC, IS_ELIGIBLE),
            """
            SELECT s.student_id, s.school_code, s.school_year, s.grade, %4$s,
                   s.days_expected, s.days_expected - s.days_absent, s.days_absent,
                   s.days_excused, s.days_unexcused, s.days_suspension_out, s.days_suspension_in,
                   s.days_independent_study, s.days_independent_study_non_ada, s.days_tardy,
                   ROUND(CAST(s.days_absent AS DOUBLE) * 100 / s.days_expected, 2),
                   %1$s, %2$s, %3$s
              FROM attendance_summary s
            """.formatted(AttendanceTier.sqlCase("s.days_absent", "s.days_expected"),
                    ChronicAbsence.sqlIsChronic("s.days_absent", "s.days_expected"),
                    ChronicAbsence.sqlIsEligible("s.days_expected", "s.days_absent"),
                    GRADE_ORDER_SQL.formatted("s.grade")));

    /**
     * A student is evaluated separately at each reporting level with the days expected and absent at that
     * level (docs/rules.md section 2), so the district row sums the student's schools before the threshold.
     */
    public static final MetricView DISTRICT_STUDENT_YEAR = new MetricView("district_student_year",
            "Each student's attendance across all schools of the district in each year, evaluated at the "
                    + "district level: tier, chronic flag and eligibility use the district's summed days.",
            List.of(STUDENT_ID, SCHOOL_YEAR, GRADE, GRADE_ORDER,
                    required("schools", INTEGER, "Number of schools the student attended in the year"),
                    DAYS_EXPECTED, DAYS_ATTENDED, DAYS_ABSENT, DAYS_EXCUSED, DAYS_UNEXCUSED, DAYS_SUSPENSION_OUT,
                    ABSENCE_RATE, TIER, IS_CHRONIC, IS_ELIGIBLE),
            """
            SELECT d.student_id, d.school_year, d.grade, %4$s, d.schools,
                   d.days_expected, d.days_expected - d.days_absent, d.days_absent,
                   d.days_excused, d.days_unexcused, d.days_suspension_out,
                   ROUND(CAST(d.days_absent AS DOUBLE) * 100 / d.days_expected, 2),
                   %1$s, %2$s, %3$s
              FROM (SELECT s.student_id, s.school_year, MIN(s.grade) AS grade, COUNT(*) AS schools,
                           SUM(s.days_expected) AS days_expected, SUM(s.days_absent) AS days_absent,
                           SUM(s.days_excused) AS days_excused, SUM(s.days_unexcused) AS days_unexcused,
                           SUM(s.days_suspension_out) AS days_suspension_out
                      FROM attendance_summary s
                     GROUP BY s.student_id, s.school_year) d
            """.formatted(AttendanceTier.sqlCase("d.days_absent", "d.days_expected"),
                    ChronicAbsence.sqlIsChronic("d.days_absent", "d.days_expected"),
                    ChronicAbsence.sqlIsEligible("d.days_expected", "d.days_absent"),
                    GRADE_ORDER_SQL.formatted("d.grade"))).materialize();

    public static final MetricView CHRONIC_ABSENCE_BY_SCHOOL = new MetricView("chronic_absence_by_school",
            "Chronic absenteeism rate of each school in each year: eligible students (31+ days enrolled at the "
                    + "school, 1+ day attended), chronically absent students and the rate in percent.",
            List.of(SCHOOL_YEAR, SCHOOL_CODE, SCHOOL_NAME, SCHOOL_LEVEL, ELIGIBLE_STUDENTS, CHRONIC_STUDENTS,
                    CHRONIC_RATE),
            """
            SELECT v.school_year, v.school_code, sc.school_name, sc.school_level,
                   COUNT(*), SUM(v.is_chronic), ROUND(CAST(SUM(v.is_chronic) AS DOUBLE) * 100 / COUNT(*), 1)
              FROM student_school_year v
              JOIN schools sc ON sc.school_code = v.school_code
             WHERE v.is_eligible
             GROUP BY v.school_year, v.school_code, sc.school_name, sc.school_level
            """);

    public static final MetricView CHRONIC_ABSENCE_BY_GRADE = new MetricView("chronic_absence_by_grade",
            "District chronic absenteeism rate by grade and year, each student evaluated at the district level.",
            List.of(SCHOOL_YEAR, GRADE, GRADE_ORDER, ELIGIBLE_STUDENTS, CHRONIC_STUDENTS, CHRONIC_RATE),
            """
            SELECT v.school_year, v.grade, v.grade_order,
                   COUNT(*), SUM(v.is_chronic), ROUND(CAST(SUM(v.is_chronic) AS DOUBLE) * 100 / COUNT(*), 1)
              FROM district_student_year v
             WHERE v.is_eligible
             GROUP BY v.school_year, v.grade, v.grade_order
            """);

    public static final MetricView DISTRICT_SNAPSHOT = new MetricView("district_snapshot",
            "The district at a glance per year: students, eligible students, chronic absenteeism rate and the "
                    + "Attendance Works tiers, each student evaluated at the district level.",
            List.of(SCHOOL_YEAR, required("students", INTEGER, "Students with any attendance in the year"),
                    ELIGIBLE_STUDENTS, CHRONIC_STUDENTS, CHRONIC_RATE,
                    required("at_risk_students", INTEGER, "Eligible students absent 5% to under 10% of their days"),
                    required("severe_chronic_students", INTEGER, "Eligible students absent 20% or more of their days"),
                    required("absence_rate", DOUBLE, "All days absent as a percent of all days expected, to 0.1"),
                    required("unexcused_share_of_absences", DOUBLE, "Unexcused absences as a percent of all absences")),
            """
            SELECT v.school_year, COUNT(*), SUM(v.is_eligible), SUM(v.is_eligible AND v.is_chronic),
                   ROUND(CAST(SUM(v.is_eligible AND v.is_chronic) AS DOUBLE) * 100 / SUM(v.is_eligible), 1),
                   SUM(v.is_eligible AND v.tier = '%s'),
                   SUM(v.is_eligible AND v.tier = '%s'),
                   ROUND(CAST(SUM(v.days_absent) AS DOUBLE) * 100 / SUM(v.days_expected), 1),
                   ROUND(CAST(SUM(v.days_unexcused) AS DOUBLE) * 100 / SUM(v.days_absent), 1)
              FROM district_student_year v
             GROUP BY v.school_year
            """.formatted(AttendanceTier.AT_RISK.label(), AttendanceTier.SEVERE_CHRONIC.label())).materialize();

    /** Excused reasons live with the SIS's codes; this puts the reason on each day. */
    public static final MetricView ATTENDANCE_DAY_DETAIL = new MetricView("attendance_day_detail",
            "Each day of daily_attendance with its school year, the code's description and, for excused absences, "
                    + "the EC 48205 reason the local code records.",
            List.of(STUDENT_ID, SCHOOL_CODE, daily("attendance_date"), SCHOOL_YEAR, daily("category"),
                    daily("local_code"), code("description"), code("excused_reason"), daily("minutes_absent")),
            """
            SELECT d.student_id, d.school_code, d.attendance_date, c.school_year, d.category, d.local_code,
                   k.description, k.excused_reason, d.minutes_absent
              FROM daily_attendance d
              JOIN calendar_days c ON c.calendar_date = d.attendance_date
              LEFT JOIN attendance_codes k ON k.local_code = d.local_code
            """);

    /** In dependency order: a view may read the ones before it. */
    public static final List<MetricView> ALL = Stream.concat(Stream.of(STUDENT_SCHOOL_YEAR, DISTRICT_STUDENT_YEAR,
            CHRONIC_ABSENCE_BY_SCHOOL, CHRONIC_ABSENCE_BY_GRADE, DISTRICT_SNAPSHOT, ATTENDANCE_DAY_DETAIL),
            Stream.of(RateViews.STUDENTS, RecoveryViews.ALL, RateViews.RATES, WarningViews.ALL, GoalViews.ALL,
                    AuditViews.ALL, DataQuestViews.ALL)
                    .flatMap(List::stream)).toList();

    private MetricViews() {
    }

    /** The sort key of the grade in {@code column}: TK = -1, K = 0, then 1 to 12. */
    public static String gradeOrder(String column) {
        return GRADE_ORDER_SQL.formatted(column);
    }

    public static Optional<MetricView> view(String name) {
        return ALL.stream().filter(v -> v.name().equalsIgnoreCase(name)).findFirst();
    }

    private static Column summary(String column) {
        return CanonicalSchema.ATTENDANCE_SUMMARY.column(column).orElseThrow();
    }

    private static Column daily(String column) {
        return CanonicalSchema.DAILY_ATTENDANCE.column(column).orElseThrow();
    }

    private static Column code(String column) {
        return CanonicalSchema.ATTENDANCE_CODES.column(column).orElseThrow();
    }
}
