package org.rollcall.engine;

import java.util.List;

import org.rollcall.rules.AttendanceTier;
import org.rollcall.rules.ChronicAbsence;

/**
 * The first metric views of the {@code attendance} schema. They read the per-student STAS summaries, never
 * the daily table, and use only SQL that the SQLite dialect pushes into the store. Thresholds come from
 * {@link ChronicAbsence} and {@link AttendanceTier}, so the rules live in one place.
 */
public final class MetricViews {

    /** Sorts grades TK, KN, 01 .. 12 in school order (TK = -1, K = 0). */
    private static final String GRADE_ORDER = "CASE %1$s WHEN 'TK' THEN -1 WHEN 'KN' THEN 0 "
            + "ELSE CAST(%1$s AS INTEGER) END";

    public static final MetricView STUDENT_SCHOOL_YEAR = new MetricView("student_school_year",
            "Each student's attendance at each school in each year (CALPADS STAS shape) with absence rate, "
                    + "Attendance Works tier, chronic flag and Dashboard/DataQuest eligibility (31 days enrolled, "
                    + "at least one day attended) evaluated at the school level.",
            """
            SELECT s.student_id, s.school_code, s.school_year, s.grade,
                   %4$s AS grade_order,
                   s.days_expected, s.days_expected - s.days_absent AS days_attended, s.days_absent,
                   s.days_excused, s.days_unexcused, s.days_suspension_out, s.days_suspension_in,
                   s.days_independent_study, s.days_independent_study_non_ada, s.days_tardy,
                   ROUND(CAST(s.days_absent AS DOUBLE) * 100 / s.days_expected, 2) AS absence_rate,
                   %1$s AS tier,
                   %2$s AS is_chronic,
                   %3$s AS is_eligible
              FROM attendance_summary s
            """.formatted(AttendanceTier.sqlCase("s.days_absent", "s.days_expected"),
                    ChronicAbsence.sqlIsChronic("s.days_absent", "s.days_expected"),
                    ChronicAbsence.sqlIsEligible("s.days_expected", "s.days_absent"),
                    GRADE_ORDER.formatted("s.grade")));

    /**
     * A student is evaluated separately at each reporting level with the days expected and absent at that
     * level (domain.md section 2), so the district row sums the student's schools before the threshold.
     */
    public static final MetricView DISTRICT_STUDENT_YEAR = new MetricView("district_student_year",
            "Each student's attendance across all schools of the district in each year, evaluated at the "
                    + "district level: tier, chronic flag and eligibility use the district's summed days.",
            """
            SELECT d.student_id, d.school_year, d.grade, %4$s AS grade_order, d.schools,
                   d.days_expected, d.days_expected - d.days_absent AS days_attended, d.days_absent,
                   d.days_excused, d.days_unexcused, d.days_suspension_out,
                   ROUND(CAST(d.days_absent AS DOUBLE) * 100 / d.days_expected, 2) AS absence_rate,
                   %1$s AS tier,
                   %2$s AS is_chronic,
                   %3$s AS is_eligible
              FROM (SELECT s.student_id, s.school_year, MIN(s.grade) AS grade, COUNT(*) AS schools,
                           SUM(s.days_expected) AS days_expected, SUM(s.days_absent) AS days_absent,
                           SUM(s.days_excused) AS days_excused, SUM(s.days_unexcused) AS days_unexcused,
                           SUM(s.days_suspension_out) AS days_suspension_out
                      FROM attendance_summary s
                     GROUP BY s.student_id, s.school_year) d
            """.formatted(AttendanceTier.sqlCase("d.days_absent", "d.days_expected"),
                    ChronicAbsence.sqlIsChronic("d.days_absent", "d.days_expected"),
                    ChronicAbsence.sqlIsEligible("d.days_expected", "d.days_absent"),
                    GRADE_ORDER.formatted("d.grade")));

    public static final MetricView CHRONIC_ABSENCE_BY_SCHOOL = new MetricView("chronic_absence_by_school",
            "Chronic absenteeism rate of each school in each year: eligible students (31+ days enrolled at the "
                    + "school, 1+ day attended), chronically absent students and the rate in percent.",
            """
            SELECT v.school_year, v.school_code, sc.school_name, sc.school_level,
                   COUNT(*) AS eligible_students,
                   SUM(CASE WHEN v.is_chronic THEN 1 ELSE 0 END) AS chronic_students,
                   ROUND(CAST(SUM(CASE WHEN v.is_chronic THEN 1 ELSE 0 END) AS DOUBLE) * 100 / COUNT(*), 1)
                       AS chronic_rate
              FROM student_school_year v
              JOIN schools sc ON sc.school_code = v.school_code
             WHERE v.is_eligible
             GROUP BY v.school_year, v.school_code, sc.school_name, sc.school_level
            """);

    public static final MetricView CHRONIC_ABSENCE_BY_GRADE = new MetricView("chronic_absence_by_grade",
            "District chronic absenteeism rate by grade and year, each student evaluated at the district level.",
            """
            SELECT v.school_year, v.grade, v.grade_order,
                   COUNT(*) AS eligible_students,
                   SUM(CASE WHEN v.is_chronic THEN 1 ELSE 0 END) AS chronic_students,
                   ROUND(CAST(SUM(CASE WHEN v.is_chronic THEN 1 ELSE 0 END) AS DOUBLE) * 100 / COUNT(*), 1)
                       AS chronic_rate
              FROM district_student_year v
             WHERE v.is_eligible
             GROUP BY v.school_year, v.grade, v.grade_order
            """);

    public static final MetricView DISTRICT_SNAPSHOT = new MetricView("district_snapshot",
            "The district at a glance per year: students, eligible students, chronic absenteeism rate and the "
                    + "Attendance Works tiers, each student evaluated at the district level.",
            """
            SELECT v.school_year,
                   COUNT(*) AS students,
                   SUM(CASE WHEN v.is_eligible THEN 1 ELSE 0 END) AS eligible_students,
                   SUM(CASE WHEN v.is_eligible AND v.is_chronic THEN 1 ELSE 0 END) AS chronic_students,
                   ROUND(CAST(SUM(CASE WHEN v.is_eligible AND v.is_chronic THEN 1 ELSE 0 END) AS DOUBLE) * 100
                       / SUM(CASE WHEN v.is_eligible THEN 1 ELSE 0 END), 1) AS chronic_rate,
                   SUM(CASE WHEN v.is_eligible AND v.tier = '%s' THEN 1 ELSE 0 END) AS at_risk_students,
                   SUM(CASE WHEN v.is_eligible AND v.tier = '%s' THEN 1 ELSE 0 END) AS severe_chronic_students,
                   ROUND(CAST(SUM(v.days_absent) AS DOUBLE) * 100 / SUM(v.days_expected), 1) AS absence_rate,
                   ROUND(CAST(SUM(v.days_unexcused) AS DOUBLE) * 100 / SUM(v.days_absent), 1)
                       AS unexcused_share_of_absences
              FROM district_student_year v
             GROUP BY v.school_year
            """.formatted(AttendanceTier.AT_RISK.label(), AttendanceTier.SEVERE_CHRONIC.label()));

    /** In dependency order: a view may read the ones before it. */
    public static final List<MetricView> ALL = List.of(STUDENT_SCHOOL_YEAR, DISTRICT_STUDENT_YEAR,
            CHRONIC_ABSENCE_BY_SCHOOL, CHRONIC_ABSENCE_BY_GRADE, DISTRICT_SNAPSHOT);

    private MetricViews() {
    }
}
