package org.rollcall.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.rollcall.model.CanonicalSchema;
import org.rollcall.model.Column;
import org.rollcall.rules.ChronicAbsence;
import org.rollcall.rules.StasCounts;
import org.rollcall.store.metrics.MetricViews;

/**
 * What a live source's schema derives from its canonical tables, in SQL Calcite plans and pushes down to the
 * source: the STAS summaries and the chronic absence rates by school and by grade, with the same columns and
 * rules as the store's views of the same names. A workspace keeps these materialized; over a live source they are
 * computed by the source database on every query.
 */
final class LiveViews {

    /** The first summary column counted from daily categories (13.16), in attendance_summary's order. */
    private static final int FIRST_COUNT = 5;

    private LiveViews() {
    }

    /** View name to SQL, for the views the mapped tables allow, in dependency order. */
    static Map<String, String> over(Set<String> mapped) {
        Map<String, String> views = new LinkedHashMap<>();
        if (mapped.containsAll(Set.of("daily_attendance", "enrollments"))) {
            views.put("attendance_summary", summary());
            views.put("chronic_absence_by_grade", byGrade());
        }
        if (mapped.containsAll(Set.of("daily_attendance", "schools"))) {
            views.put("chronic_absence_by_school", bySchool());
        }
        return views;
    }

    /**
     * A day belongs to the school year running July 1 to June 30 (CALPADS, docs/rules.md section 5), so that no join with
     * school_years is needed and the whole aggregation runs in the source. The rows are grouped by the year's first
     * calendar year, a number; the label (2024-25) is made once per group by {@link #yearLabel}.
     */
    private static String startYear(String date) {
        return "(CASE WHEN EXTRACT(MONTH FROM " + date + ") >= 7 THEN EXTRACT(YEAR FROM " + date
                + ") ELSE EXTRACT(YEAR FROM " + date + ") - 1 END)";
    }

    private static String yearLabel(String startYear) {
        return "CAST(" + startYear + " AS VARCHAR(4)) || '-' || SUBSTRING(CAST(" + startYear
                + " + 1 AS VARCHAR(4)) FROM 3 FOR 2)";
    }

    /**
     * The day counts per student, school and year: the store's rebuild (SummaryBuilder) as one grouped query over
     * the live daily rows, without the grade.
     */
    private static String dailyTotals() {
        List<Column> columns = CanonicalSchema.ATTENDANCE_SUMMARY.columns();
        List<String> counts = StasCounts.aggregates("category");
        String countColumns = IntStream.range(0, counts.size())
                .mapToObj(i -> counts.get(i) + " AS " + columns.get(FIRST_COUNT + i).name())
                .collect(Collectors.joining(",\n       "));
        String year = startYear("attendance_date");
        return """
                SELECT t.student_id, t.school_code, %s AS school_year, t.days_expected, %s, t.first_date, t.last_date
                  FROM (SELECT student_id, school_code, %s AS start_year, COUNT(*) AS days_expected,
                               %s,
                               MIN(attendance_date) AS first_date, MAX(attendance_date) AS last_date
                          FROM daily_attendance
                         GROUP BY student_id, school_code, %s) t""".formatted(yearLabel("t.start_year"),
                columns.subList(FIRST_COUNT, FIRST_COUNT + counts.size()).stream().map(c -> "t." + c.name())
                        .collect(Collectors.joining(", ")), year, countColumns, year);
    }

    /** attendance_summary: the day counts with the grade of the student's last enrollment of the year there. */
    private static String summary() {
        List<Column> columns = CanonicalSchema.ATTENDANCE_SUMMARY.columns();
        String counts = columns.subList(FIRST_COUNT, columns.size() - 2).stream().map(c -> "d." + c.name())
                .collect(Collectors.joining(", "));
        return """
                SELECT d.student_id, d.school_code, d.school_year, g.grade, d.days_expected, %s,
                       d.first_date, d.last_date
                  FROM (%s) d
                  LEFT JOIN (SELECT e.student_id, e.school_code, e.school_year, MAX(e.grade) AS grade
                               FROM enrollments e
                               JOIN (SELECT student_id, school_code, school_year, MAX(entry_date) AS entry_date
                                       FROM enrollments
                                      GROUP BY student_id, school_code, school_year) l
                                 ON l.student_id = e.student_id AND l.school_code = e.school_code
                                AND l.school_year = e.school_year AND l.entry_date = e.entry_date
                              GROUP BY e.student_id, e.school_code, e.school_year) g
                    ON g.student_id = d.student_id AND g.school_code = d.school_code AND g.school_year = d.school_year
                """.formatted(counts, dailyTotals());
    }

    private static String chronicCount(String absent, String expected) {
        return "SUM(CASE WHEN " + ChronicAbsence.sqlIsChronic(absent, expected) + " THEN 1 ELSE 0 END)";
    }

    /** Percent to one decimal; DECIMAL so that every database rounds the same exact value. */
    private static String rate(String numerator, String denominator) {
        return "CAST(ROUND(CAST(" + numerator + " AS DECIMAL(19, 6)) * 100 / " + denominator + ", 1) AS DOUBLE)";
    }

    /**
     * chronic_absence_by_school: each student evaluated at the school (docs/rules.md section 2), from the day counts
     * alone (the grade, which needs the enrollments, plays no part).
     */
    private static String bySchool() {
        String chronic = chronicCount("s.days_absent", "s.days_expected");
        return """
                SELECT s.school_year, s.school_code, sc.school_name, sc.school_level,
                       COUNT(*) AS eligible_students, %s AS chronic_students, %s AS chronic_rate
                  FROM (%s) s
                  JOIN schools sc ON sc.school_code = s.school_code
                 WHERE %s
                 GROUP BY s.school_year, s.school_code, sc.school_name, sc.school_level
                """.formatted(chronic, rate(chronic, "COUNT(*)"), dailyTotals(),
                ChronicAbsence.sqlIsEligible("s.days_expected", "s.days_absent"));
    }

    /**
     * chronic_absence_by_grade: each student evaluated at the district level with the days summed over their
     * schools (docs/rules.md section 2), grade the lowest of the year's as in the store's district_student_year.
     */
    private static String byGrade() {
        String chronic = chronicCount("d.days_absent", "d.days_expected");
        return """
                SELECT d.school_year, d.grade, %s AS grade_order,
                       COUNT(*) AS eligible_students, %s AS chronic_students, %s AS chronic_rate
                  FROM (SELECT student_id, school_year, MIN(grade) AS grade, SUM(days_expected) AS days_expected,
                               SUM(days_absent) AS days_absent
                          FROM attendance_summary
                         GROUP BY student_id, school_year) d
                 WHERE %s
                 GROUP BY d.school_year, d.grade
                """.formatted(MetricViews.gradeOrder("d.grade"), chronic, rate(chronic, "COUNT(*)"),
                ChronicAbsence.sqlIsEligible("d.days_expected", "d.days_absent"));
    }
}
