package org.rollcall.store.metrics;

import static org.rollcall.model.Column.optional;
import static org.rollcall.model.Column.required;
import static org.rollcall.model.ColumnType.INTEGER;
import static org.rollcall.model.ColumnType.TEXT;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.rollcall.model.Column;

/**
 * The data-quality audit the California Attendance Guide asks districts to run regularly (District guidance,
 * "collect accurate data"; docs/rules.md section 8): one view per check listing each finding with its school, year,
 * student and a readable detail, {@code audit_findings} with all of them, and {@code audit_summary} counting them
 * by check and school with an example. Every check reads the canonical tables as they are, whatever source
 * filled them.
 */
public final class AuditViews {

    /** One audit check: its view, what it finds, and the query listing its findings. */
    public enum Check {
        /** Attendance is taken on instructional days only (the calendar is the district's). */
        NON_INSTRUCTIONAL_DAY("Attendance recorded on a day that is not an instructional day of the calendar", """
                SELECT d.school_code, y.school_year, d.student_id, s.local_id,
                       d.attendance_date || ' is ' || COALESCE(c.day_type || COALESCE(' (' || c.description || ')', ''),
                           'not in the calendar') || '; code ' || d.local_code
                  FROM daily_attendance d
                  JOIN students s ON s.student_id = d.student_id
                  LEFT JOIN calendar_days c ON c.calendar_date = d.attendance_date
                  LEFT JOIN school_years y ON d.attendance_date BETWEEN y.start_date AND y.end_date
                 WHERE c.calendar_date IS NULL OR c.is_instructional = 0
                """),
        /**
         * A day counts toward expected days only while the student is enrolled there (docs/rules.md section 1). The
         * summaries narrow the search: only a student whose days at a school run past the span of the enrollments
         * there, or who has several enrollments (gaps) or none, can have such days, so only those are read day by day.
         * CROSS JOIN keeps SQLite from starting with the daily table; the join's conditions stand in WHERE, as standard
         * SQL, because the benchmark runs every view on DuckDB too (which has no CROSS JOIN ... ON).
         */
        OUTSIDE_ENROLLMENT("Attendance recorded at a school on a day no enrollment there covers", """
                SELECT d.school_code, x.school_year, d.student_id, s.local_id,
                       d.attendance_date || ' (code ' || d.local_code || ') is outside every enrollment at the school'
                  FROM (SELECT t.student_id, t.school_code, t.school_year
                          FROM attendance_summary t
                          LEFT JOIN (SELECT student_id, school_code, school_year, COUNT(*) AS enrollments,
                                            MIN(entry_date) AS first_entry,
                                            MAX(COALESCE(exit_date, '9999-12-31')) AS last_exit
                                       FROM enrollments GROUP BY student_id, school_code, school_year) e
                            ON e.student_id = t.student_id AND e.school_code = t.school_code
                           AND e.school_year = t.school_year
                         WHERE e.enrollments IS NULL OR e.enrollments > 1 OR t.first_date < e.first_entry
                            OR t.last_date > e.last_exit) x
                  JOIN school_years y ON y.school_year = x.school_year
                 CROSS JOIN daily_attendance d
                  JOIN students s ON s.student_id = d.student_id
                 WHERE d.student_id = x.student_id AND d.school_code = x.school_code
                   AND d.attendance_date BETWEEN y.start_date AND y.end_date
                   AND NOT EXISTS (SELECT 1 FROM enrollments e
                                    WHERE e.student_id = d.student_id AND e.school_year = x.school_year
                                      AND e.school_code = d.school_code
                                      AND d.attendance_date BETWEEN e.entry_date AND COALESCE(e.exit_date, y.end_date))
                """),
        /** A student has one primary enrollment (CALPADS status 10) at a time; exit dates are last days enrolled. */
        OVERLAPPING_PRIMARY_ENROLLMENTS("Two primary (status 10) enrollments of a student on the same days", """
                SELECT b.school_code, b.school_year, b.student_id, s.local_id,
                       'enrollment at ' || a.school_code || ' ' || a.entry_date || '..' || COALESCE(a.exit_date, 'open')
                           || ' overlaps enrollment ' || b.entry_date || '..' || COALESCE(b.exit_date, 'open')
                  FROM enrollments a
                  JOIN enrollments b ON b.student_id = a.student_id AND b.school_year = a.school_year
                   AND (b.entry_date > a.entry_date OR (b.entry_date = a.entry_date AND b.enrollment_id > a.enrollment_id))
                   AND b.entry_date <= COALESCE(a.exit_date, '9999-12-31')
                  JOIN students s ON s.student_id = b.student_id
                 WHERE a.enrollment_type = '10' AND b.enrollment_type = '10'
                """),
        /** Local codes must map to categories, never be guessed (docs/rules.md section 8). */
        UNKNOWN_LOCAL_CODE("A day's local code is missing from the code table, or the code table maps it elsewhere", """
                SELECT d.school_code, y.school_year, d.student_id, s.local_id,
                       d.attendance_date || ': code ' || d.local_code || CASE WHEN k.local_code IS NULL
                           THEN ' is not in attendance_codes'
                           ELSE ' maps to ' || k.category || ', but the day is ' || d.category END
                  FROM daily_attendance d
                  LEFT JOIN attendance_codes k ON k.local_code = d.local_code
                  JOIN students s ON s.student_id = d.student_id
                  LEFT JOIN school_years y ON d.attendance_date BETWEEN y.start_date AND y.end_date
                 WHERE k.local_code IS NULL OR k.category <> d.category
                """),
        /** CALPADS STAS fatal check: 13.16 through 13.22 sum to 13.15; absences per the STAS formula (docs/rules.md 2, 5). */
        STAS_DAYS_MISMATCH("A STAS summary whose days 13.16-13.22 do not sum to expected days 13.15, or whose "
                + "absences differ from 13.17 + 13.19 + 13.20 + 13.21", """
                SELECT t.school_code, t.school_year, t.student_id, s.local_id,
                       '13.16-13.22 sum to ' || (t.days_attended_in_person + t.days_suspension_out + t.days_suspension_in
                           + t.days_excused + t.days_unexcused + t.days_independent_study_non_ada
                           + t.days_independent_study) || ', 13.15 is ' || t.days_expected || '; absences '
                           || t.days_absent || ', formula gives ' || (t.days_suspension_out + t.days_excused
                           + t.days_unexcused + t.days_independent_study_non_ada)
                  FROM attendance_summary t
                  JOIN students s ON s.student_id = t.student_id
                 WHERE t.days_attended_in_person + t.days_suspension_out + t.days_suspension_in + t.days_excused
                       + t.days_unexcused + t.days_independent_study_non_ada + t.days_independent_study <> t.days_expected
                    OR t.days_absent <> t.days_suspension_out + t.days_excused + t.days_unexcused
                       + t.days_independent_study_non_ada
                """),
        /** Absences are counted within expected days, which are the days enrolled (docs/rules.md section 1). */
        ABSENCES_EXCEED_ENROLLMENT("More absences at a school in a year than instructional days enrolled there", """
                SELECT t.school_code, t.school_year, t.student_id, s.local_id,
                       t.days_absent || ' days absent, ' || COALESCE(n.days, 0) || ' instructional days enrolled'
                  FROM attendance_summary t
                  JOIN students s ON s.student_id = t.student_id
                  LEFT JOIN (SELECT e.student_id, e.school_code, e.school_year, COUNT(*) AS days
                               FROM enrollments e
                               JOIN school_years y ON y.school_year = e.school_year
                               JOIN calendar_days c ON c.is_instructional = 1
                                AND c.calendar_date BETWEEN e.entry_date AND COALESCE(e.exit_date, y.end_date)
                              GROUP BY e.student_id, e.school_code, e.school_year) n
                    ON n.student_id = t.student_id AND n.school_code = t.school_code AND n.school_year = t.school_year
                 WHERE t.days_absent > COALESCE(n.days, 0)
                """),
        /**
         * Every day of a primary enrollment needs a mark; missing days understate expected days (docs/rules.md section 1).
         * Secondary (20) and short-term (30) enrollments may carry no daily attendance of their own.
         */
        // a reported STAS record (exempt ones too) is the attendance of a district that reports summaries only
        ENROLLED_WITHOUT_ATTENDANCE("A primary enrollment with instructional days up to the last day recorded, but no "
                + "attendance at all (no day and no reported STAS record)", """
                SELECT e.school_code, e.school_year, e.student_id, s.local_id,
                       'enrolled ' || e.entry_date || '..' || COALESCE(e.exit_date, 'open') || ' in grade ' || e.grade
                           || ', no attendance recorded'
                  FROM enrollments e
                  JOIN school_years y ON y.school_year = e.school_year
                  JOIN students s ON s.student_id = e.student_id
                 WHERE e.enrollment_type = '10'
                   AND EXISTS (SELECT 1 FROM calendar_days c
                                WHERE c.is_instructional = 1 AND c.calendar_date >= e.entry_date
                                  AND c.calendar_date <= COALESCE(e.exit_date, y.end_date)
                                  AND c.calendar_date <= (SELECT MAX(last_date) FROM attendance_summary))
                   AND NOT EXISTS (SELECT 1 FROM daily_attendance d
                                    WHERE d.student_id = e.student_id AND d.school_code = e.school_code
                                      AND d.attendance_date BETWEEN e.entry_date AND COALESCE(e.exit_date, y.end_date))
                   AND NOT EXISTS (SELECT 1 FROM stas_summaries r
                                    WHERE r.student_id = e.student_id AND r.school_code = e.school_code
                                      AND r.school_year = e.school_year)
                """),
        /** One SSID is one student statewide; two local IDs with one SSID split a student's record (CALPADS). */
        DUPLICATE_SSID("The same SSID under two or more local student IDs", """
                SELECT x.school_code, x.school_year, s.student_id, s.local_id,
                       'SSID ' || s.ssid || ' is also local ID ' || (SELECT group_concat(o.local_id, ', ') FROM students o
                           WHERE o.ssid = s.ssid AND o.student_id <> s.student_id)
                  FROM students s
                  JOIN (SELECT ssid FROM students GROUP BY ssid HAVING COUNT(*) > 1) dup ON dup.ssid = s.ssid
                  LEFT JOIN (SELECT DISTINCT e.student_id, e.school_code, e.school_year FROM enrollments e
                              WHERE e.school_year = (SELECT MAX(l.school_year) FROM enrollments l
                                                      WHERE l.student_id = e.student_id)) x
                    ON x.student_id = s.student_id
                """);

        private final String description;
        private final String sql;

        Check(String description, String sql) {
            this.description = description;
            this.sql = sql;
        }

        /** The check's name in views and on the command line, e.g. {@code non_instructional_day}. */
        public String checkName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public String description() {
            return description;
        }

        /** The view listing this check's findings. */
        public String viewName() {
            return "audit_" + checkName();
        }

        public static Optional<Check> named(String name) {
            return Arrays.stream(values()).filter(c -> c.checkName().equalsIgnoreCase(name)).findFirst();
        }
    }

    static final Column CHECK_NAME = required("check_name", TEXT, "The audit check that found it");
    static final Column FINDING_SCHOOL = optional("school_code", TEXT,
            "CDS code of the school the finding belongs to (empty for a student enrolled nowhere)");
    static final Column FINDING_YEAR = optional("school_year", TEXT, "School year of the finding");
    static final Column FINDING_STUDENT = required("student_id", INTEGER, "The student");
    static final Column FINDING_LOCAL_ID = required("local_id", TEXT, "The SIS's student number");
    static final Column DETAIL = required("detail", TEXT, "What is wrong, with dates, codes and counts");

    private static final List<Column> FINDING = List.of(FINDING_SCHOOL, FINDING_YEAR, FINDING_STUDENT,
            FINDING_LOCAL_ID, DETAIL);

    public static final MetricView FINDINGS = new MetricView("audit_findings",
            "Every finding of every audit check, one row each, with the check's name.",
            List.of(CHECK_NAME, FINDING_SCHOOL, FINDING_YEAR, FINDING_STUDENT, FINDING_LOCAL_ID, DETAIL),
            Arrays.stream(Check.values()).map(c -> "SELECT '" + c.checkName() + "', f.* FROM " + c.viewName() + " f")
                    .collect(Collectors.joining("\nUNION ALL\n")));

    public static final MetricView SUMMARY = new MetricView("audit_summary",
            "The audit by check and school: findings, students concerned and an example finding.",
            List.of(CHECK_NAME, required("check_description", TEXT, "What the check looks for"), FINDING_SCHOOL,
                    optional("school_name", TEXT, "School name"),
                    required("findings", INTEGER, "Number of findings"),
                    required("students", INTEGER, "Distinct students concerned"),
                    required("example", TEXT, "One finding's detail")),
            """
            SELECT f.check_name, k.description, f.school_code, sc.school_name, COUNT(*), COUNT(DISTINCT f.student_id),
                   MIN(f.detail)
              FROM audit_findings f
              JOIN (%s) k ON k.name = f.check_name
              LEFT JOIN schools sc ON sc.school_code = f.school_code
             GROUP BY f.check_name, k.description, f.school_code, sc.school_name
            """.formatted(Arrays.stream(Check.values())
                    .map(c -> "SELECT '" + c.checkName() + "' AS name, '" + c.description().replace("'", "''")
                            + "' AS description")
                    .collect(Collectors.joining(" UNION ALL "))));

    /** One view per check, then the findings and the summary. */
    public static final List<MetricView> ALL;

    static {
        List<MetricView> views = new ArrayList<>();
        for (Check check : Check.values()) {
            views.add(new MetricView(check.viewName(), "Audit: " + check.description() + ".", FINDING, check.sql));
        }
        views.add(FINDINGS);
        views.add(SUMMARY);
        ALL = List.copyOf(views);
    }

    private AuditViews() {
    }
}
