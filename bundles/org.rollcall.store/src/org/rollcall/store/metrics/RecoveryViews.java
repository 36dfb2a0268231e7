package org.rollcall.store.metrics;

import static org.rollcall.model.Column.optional;
import static org.rollcall.model.Column.required;
import static org.rollcall.model.ColumnType.BOOLEAN;
import static org.rollcall.model.ColumnType.DOUBLE;
import static org.rollcall.model.ColumnType.INTEGER;
import static org.rollcall.model.ColumnType.TEXT;
import static org.rollcall.store.metrics.ViewColumns.CHRONIC_RATE;
import static org.rollcall.store.metrics.ViewColumns.CHRONIC_STUDENTS;
import static org.rollcall.store.metrics.ViewColumns.DEFINITION;
import static org.rollcall.store.metrics.ViewColumns.ELIGIBLE_STUDENTS;
import static org.rollcall.store.metrics.ViewColumns.LEVEL_SCHOOL_CODE;
import static org.rollcall.store.metrics.ViewColumns.REPORTING_LEVEL;
import static org.rollcall.store.metrics.ViewColumns.SCHOOL_YEAR;
import static org.rollcall.store.metrics.ViewColumns.STUDENT_GROUP;
import static org.rollcall.store.metrics.ViewColumns.STUDENT_ID;
import static org.rollcall.store.metrics.ViewColumns.SUPPRESSED;
import static org.rollcall.store.metrics.ViewColumns.SUPPRESSION;
import static org.rollcall.store.metrics.ViewColumns.nullable;

import java.util.List;

import org.rollcall.model.Column;
import org.rollcall.rules.ChronicAbsence;
import org.rollcall.rules.Privacy;

/**
 * Attendance Recovery (EC 46210-46211, docs/rules.md section 4): the days each student's recovery sessions credit
 * per fiscal year, and the chronic absence rates with those days taken off the absences beside the rates without.
 * Regular attendance (daily_attendance, attendance_summary) is never changed: recovered days are kept apart.
 */
public final class RecoveryViews {

    /** At most this many days are credited per student and fiscal year (EC 46211; CDE's Attendance Recovery page). */
    public static final int MAX_DAYS_PER_YEAR = 10;

    /** A student in independent study for more than this many school days in the year earns no credit (EC 46211(g)). */
    public static final int INDEPENDENT_STUDY_DAYS = 15;

    /**
     * The fiscal year (July 1 to June 30) of the ISO date in {@code column}, spelled as school years are (2024-25):
     * a session in July or August belongs to the year that follows, not to the one that ended.
     */
    static String fiscalYear(String column) {
        return ("CASE WHEN CAST(SUBSTR(%1$s, 6, 2) AS INTEGER) >= 7"
                + " THEN SUBSTR(%1$s, 1, 4) || '-' || SUBSTR(CAST(CAST(SUBSTR(%1$s, 1, 4) AS INTEGER) + 1 AS TEXT), 3, 2)"
                + " ELSE (CAST(SUBSTR(%1$s, 1, 4) AS INTEGER) - 1) || '-' || SUBSTR(%1$s, 3, 2) END").formatted(column);
    }

    /**
     * Crediting, per student and fiscal year (docs/rules.md section 4): a session led by a teacher recorded as not
     * certificated counts nothing; the minutes of one calendar day count up to one minimum day of the student's grade
     * (the grade of the year's latest enrollment) and what a day has beyond it does not carry over; the counted
     * minutes add up over the year, every full minimum day is a day earned (a day never crosses the threshold twice,
     * since it counts at most one minimum day); the days credited are the fewest of the days earned, 10 and the
     * year's absences (all of them, so days may be earned before the absences happen), and none for a student in
     * independent study more than 15 school days that year.
     */
    public static final MetricView ATTENDANCE_RECOVERY_CREDIT = new MetricView("attendance_recovery_credit",
            "Attendance Recovery credit per student and fiscal year (July 1-June 30, EC 46211): sessions, minutes, the "
                    + "minimum day they are counted against, days earned and days credited after the caps (10 days, the "
                    + "year's absences) and the independent-study exclusion. Regular attendance is not changed.",
            List.of(STUDENT_ID, SCHOOL_YEAR,
                    optional("grade", TEXT, "Grade of the student's latest enrollment that year; NULL without one "
                            + "(then no minimum day is known and nothing is credited)"),
                    required("sessions", INTEGER, "Recovery sessions (rows of attendance_recovery) in the year"),
                    required("minutes", INTEGER, "All minutes of those sessions"),
                    required("minutes_counted", INTEGER, "Minutes that count: those of sessions not marked as led by "
                            + "an uncertificated teacher, at most one minimum day per calendar day"),
                    optional("minimum_day_minutes", INTEGER, "Minutes of one day for the grade (recovery_minimum_day)"),
                    required("days_earned", INTEGER, "Whole minimum days in the counted minutes, before the caps"),
                    required("days_absent", INTEGER, "The year's absences at all schools (attendance_summary)"),
                    required("independent_study_days", INTEGER, "Independent study days in the year, ADA and non-ADA"),
                    required("eligible", BOOLEAN, "False for a student in independent study more than 15 school days "
                            + "that year (EC 46211(g)), who is credited nothing"),
                    required("days_credited", INTEGER, "Days of attendance recovered: the fewest of days earned, 10 "
                            + "and the year's absences; 0 when not eligible"),
                    optional("days_capped_by", TEXT, "The cap that bound the credit: TEN_DAYS or ABSENCES (fewer than "
                            + "10); NULL when the days earned were credited in full or the student is not eligible")),
            """
            SELECT y.student_id, y.school_year, y.grade, y.sessions, y.minutes, y.minutes_counted, y.minimum_day,
                   y.earned, y.absent, y.independent_study, y.eligible,
                   CASE WHEN y.eligible THEN %4$s ELSE 0 END,
                   CASE WHEN NOT y.eligible OR y.earned <= %5$s THEN NULL
                        WHEN y.absent < %1$d THEN 'ABSENCES' ELSE 'TEN_DAYS' END
              FROM (SELECT d.student_id, d.school_year, g.grade, SUM(d.sessions) AS sessions,
                           SUM(d.minutes) AS minutes,
                           COALESCE(SUM(%6$s), 0) AS minutes_counted, m.minutes AS minimum_day,
                           COALESCE((SUM(%6$s) - SUM(%6$s) %% m.minutes) / m.minutes, 0) AS earned,
                           COALESCE(a.absent, 0) AS absent, COALESCE(a.independent_study, 0) AS independent_study,
                           COALESCE(a.independent_study, 0) <= %2$d AS eligible
                      FROM (SELECT r.student_id, %3$s AS school_year, r.session_date, COUNT(*) AS sessions,
                                   SUM(r.minutes) AS minutes,
                                   SUM(CASE WHEN r.teacher_certificated = 'N' THEN 0 ELSE r.minutes END) AS counted
                              FROM attendance_recovery r
                             GROUP BY r.student_id, r.session_date) d
                      LEFT JOIN (SELECT e.student_id, e.school_year, MAX(e.grade) AS grade
                                   FROM enrollments e
                                  WHERE e.entry_date = (SELECT MAX(f.entry_date) FROM enrollments f
                                                         WHERE f.student_id = e.student_id
                                                           AND f.school_year = e.school_year)
                                  GROUP BY e.student_id, e.school_year) g
                        ON g.student_id = d.student_id AND g.school_year = d.school_year
                      LEFT JOIN recovery_minimum_day m ON m.grade = g.grade
                      LEFT JOIN (SELECT s.student_id, s.school_year, SUM(s.days_absent) AS absent,
                                        SUM(s.days_independent_study + s.days_independent_study_non_ada)
                                            AS independent_study
                                   FROM attendance_summary s GROUP BY s.student_id, s.school_year) a
                        ON a.student_id = d.student_id AND a.school_year = d.school_year
                     GROUP BY d.student_id, d.school_year, g.grade, m.minutes, a.absent, a.independent_study) y
            """.formatted(MAX_DAYS_PER_YEAR, INDEPENDENT_STUDY_DAYS, fiscalYear("r.session_date"),
                    least(least("y.earned", String.valueOf(MAX_DAYS_PER_YEAR)), "y.absent"),
                    least(String.valueOf(MAX_DAYS_PER_YEAR), "y.absent"), least("d.counted", "m.minutes")))
            .materialize();

    /**
     * The partitions chronic_absence_rates publishes, weighing both chronic counts: the rates with and without
     * recovery are published side by side, so one suppression covers both (chronic_absence_rates takes this one,
     * docs/suppression.md rule 3).
     */
    static final SuppressionRule RECOVERY_SUPPRESSION = new SuppressionRule("eligible_students",
            List.of("chronic_students", "chronic_students_with_recovery"), true, RateViews.RATE_SUPPRESSION.partitions());

    private static final Column DAYS_RECOVERED = required("days_recovered", INTEGER,
            "Recovered days taken off the absences of the cell's eligible students");
    private static final Column STUDENTS_RECOVERING = required("students_with_recovered_days", INTEGER,
            "Eligible students with at least one recovered day");
    private static final Column CHRONIC_WITH_RECOVERY = required("chronic_students_with_recovery", INTEGER,
            "Eligible students chronically absent once recovered days are taken off their absences");
    private static final Column RATE_WITH_RECOVERY = required("chronic_rate_with_recovery", DOUBLE,
            "Chronic absenteeism rate with recovered days, in percent to 0.1 (CDE's alternate rate)");

    /**
     * Each student's chronic flag with recovered days taken off the absences at each level (a school's absences
     * lose at most what the school recorded: the credit is the student's, per year, not per school).
     */
    private static final String STUDENTS_WITH_RECOVERY = """
            (SELECT r.*, %s AS is_chronic_with_recovery
               FROM (SELECT x.reporting_level, x.school_code, x.student_id, x.school_year, x.days_expected,
                            x.days_absent, x.is_chronic, x.dashboard_eligible, x.dataquest_eligible, x.lcap_eligible,
                            %s AS days_recovered
                       FROM chronic_absence_students x
                       LEFT JOIN attendance_recovery_credit c
                         ON c.student_id = x.student_id AND c.school_year = x.school_year) r)
            """.formatted(ChronicAbsence.sqlIsChronic("(r.days_absent - r.days_recovered)", "r.days_expected"),
                    least("COALESCE(c.days_credited, 0)", "x.days_absent"));

    public static final MetricView CHRONIC_ABSENCE_WITH_RECOVERY = new MetricView("chronic_absence_with_recovery",
            "Chronic absenteeism rates under each definition per reporting level, school, year and student group, "
                    + "without recovered days (as chronic_absence_rates) and with them (Attendance Recovery days taken "
                    + "off the absences, CDE's alternate rate). Unsuppressed: for analysis; suppression says what a "
                    + "publication must withhold.",
            List.of(DEFINITION, REPORTING_LEVEL, LEVEL_SCHOOL_CODE, SCHOOL_YEAR, STUDENT_GROUP, ELIGIBLE_STUDENTS,
                    CHRONIC_STUDENTS, CHRONIC_RATE, DAYS_RECOVERED, STUDENTS_RECOVERING, CHRONIC_WITH_RECOVERY,
                    RATE_WITH_RECOVERY, SUPPRESSION),
            String.join("UNION ALL\n", rateSelect("DASHBOARD", "dashboard_eligible"),
                    rateSelect("DATAQUEST", "dataquest_eligible"), rateSelect("LCAP", "lcap_eligible")))
            .suppressedBy(RECOVERY_SUPPRESSION);

    public static final MetricView CHRONIC_ABSENCE_WITH_RECOVERY_PUBLISHED = new MetricView(
            "chronic_absence_with_recovery_published",
            "chronic_absence_with_recovery as it may be published: the cells of 10 or fewer students, and those that "
                    + "would give them away by subtraction, are NULL and flagged suppressed, with the reason.",
            List.of(DEFINITION, REPORTING_LEVEL, LEVEL_SCHOOL_CODE, SCHOOL_YEAR, STUDENT_GROUP,
                    nullable(ELIGIBLE_STUDENTS), nullable(CHRONIC_STUDENTS), nullable(CHRONIC_RATE),
                    nullable(DAYS_RECOVERED), nullable(STUDENTS_RECOVERING), nullable(CHRONIC_WITH_RECOVERY),
                    nullable(RATE_WITH_RECOVERY), SUPPRESSED, SUPPRESSION),
            """
            SELECT r.definition, r.reporting_level, r.school_code, r.school_year, r.student_group,
                   %s, %s, %s, %s, %s, %s, %s, r.suppression IS NOT NULL, r.suppression
              FROM chronic_absence_with_recovery r
            """.formatted(Privacy.sqlShown("r.suppression", "r.eligible_students"),
                    Privacy.sqlShown("r.suppression", "r.chronic_students"),
                    Privacy.sqlShown("r.suppression", "r.chronic_rate"),
                    Privacy.sqlShown("r.suppression", "r.days_recovered"),
                    Privacy.sqlShown("r.suppression", "r.students_with_recovered_days"),
                    Privacy.sqlShown("r.suppression", "r.chronic_students_with_recovery"),
                    Privacy.sqlShown("r.suppression", "r.chronic_rate_with_recovery")));

    static final List<MetricView> ALL = List.of(ATTENDANCE_RECOVERY_CREDIT, CHRONIC_ABSENCE_WITH_RECOVERY,
            CHRONIC_ABSENCE_WITH_RECOVERY_PUBLISHED);

    private RecoveryViews() {
    }

    /**
     * The smaller of two values in standard SQL (SQLite's two-argument MIN is its own; the benchmark runs these views
     * on DuckDB too). NULL when either is NULL, as SQLite's MIN.
     */
    private static String least(String a, String b) {
        return "CASE WHEN " + a + " <= " + b + " THEN " + a + " WHEN " + b + " < " + a + " THEN " + b + " END";
    }

    private static String rateSelect(String definition, String eligibleFlag) {
        return """
                SELECT '%1$s', e.reporting_level, e.school_code, e.school_year, g.student_group,
                       COUNT(*), SUM(e.is_chronic), ROUND(CAST(SUM(e.is_chronic) AS DOUBLE) * 100 / COUNT(*), 1),
                       SUM(e.days_recovered), SUM(CASE WHEN e.days_recovered > 0 THEN 1 ELSE 0 END), SUM(CASE WHEN e.is_chronic_with_recovery THEN 1 ELSE 0 END),
                       ROUND(CAST(SUM(CASE WHEN e.is_chronic_with_recovery THEN 1 ELSE 0 END) AS DOUBLE) * 100 / COUNT(*), 1), NULL
                  FROM %3$s e
                  JOIN student_group_year g ON g.student_id = e.student_id AND g.school_year = e.school_year
                 WHERE e.%2$s
                 GROUP BY e.reporting_level, e.school_code, e.school_year, g.student_group
                """.formatted(definition, eligibleFlag, STUDENTS_WITH_RECOVERY);
    }
}
