package org.rollcall.store.metrics;

import static org.rollcall.model.Column.required;
import static org.rollcall.model.ColumnType.BOOLEAN;
import static org.rollcall.store.metrics.ViewColumns.CHRONIC_RATE;
import static org.rollcall.store.metrics.ViewColumns.CHRONIC_STUDENTS;
import static org.rollcall.store.metrics.ViewColumns.DAYS_ABSENT;
import static org.rollcall.store.metrics.ViewColumns.DAYS_EXPECTED;
import static org.rollcall.store.metrics.ViewColumns.DEFINITION;
import static org.rollcall.store.metrics.ViewColumns.ELIGIBLE_STUDENTS;
import static org.rollcall.store.metrics.ViewColumns.GRADE;
import static org.rollcall.store.metrics.ViewColumns.GRADE_ORDER;
import static org.rollcall.store.metrics.ViewColumns.IS_CHRONIC;
import static org.rollcall.store.metrics.ViewColumns.LEVEL_SCHOOL_CODE;
import static org.rollcall.store.metrics.ViewColumns.REPORTING_LEVEL;
import static org.rollcall.store.metrics.ViewColumns.SCHOOL_YEAR;
import static org.rollcall.store.metrics.ViewColumns.STUDENT_GROUP;
import static org.rollcall.store.metrics.ViewColumns.STUDENT_ID;
import static org.rollcall.store.metrics.ViewColumns.SUPPRESSED;
import static org.rollcall.store.metrics.ViewColumns.SUPPRESSION;
import static org.rollcall.store.metrics.ViewColumns.nullable;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.rollcall.model.StudentGroup;
import org.rollcall.rules.Privacy;

/**
 * Chronic absenteeism under the three official definitions (docs/rules.md section 2), by reporting level,
 * school, year and Dashboard student group, and the publishable, suppressed form of the same.
 */
final class RateViews {

    /**
     * A student belongs to a program group in a year when the membership covers any day of it; race/ethnicity
     * groups come from the student record. (The CDE's census-day rules differ by program; any-day is the
     * inclusive reading until a district configures otherwise.)
     */
    static final MetricView STUDENT_GROUP_YEAR = new MetricView("student_group_year",
            "The Dashboard student groups (ALL, race/ethnicity, EL, LTEL, SED, SWD, FOS, HOM) each student belongs "
                    + "to in each year with attendance; program groups count a membership covering any day of the year.",
            List.of(STUDENT_ID, SCHOOL_YEAR, STUDENT_GROUP),
            """
            SELECT y.student_id, y.school_year, 'ALL'
              FROM (SELECT DISTINCT s.student_id, s.school_year FROM attendance_summary s) y
            UNION ALL
            SELECT y.student_id, y.school_year, st.race_ethnicity
              FROM (SELECT DISTINCT s.student_id, s.school_year FROM attendance_summary s) y
              JOIN students st ON st.student_id = y.student_id
            UNION ALL
            SELECT DISTINCT p.student_id, sy.school_year, p.program
              FROM student_programs p
              JOIN school_years sy ON p.start_date <= sy.end_date
                                  AND (p.end_date IS NULL OR p.end_date >= sy.start_date)
            """);

    /**
     * Who counts under each definition (docs/rules.md section 2): Dashboard TK-8 with the 31-day rule and at least
     * one day attended; DataQuest TK-12 with the same rule; LCAP K-12, any enrollment, no 31-day rule.
     */
    static final MetricView CHRONIC_ABSENCE_STUDENTS = new MetricView("chronic_absence_students",
            "Each student at each reporting level (SCHOOL, DISTRICT) and year with the chronic flag and "
                    + "eligibility under the Dashboard (TK-8, 31+ days, 1+ attended), DataQuest (TK-12, 31+ days, "
                    + "1+ attended) and LCAP (K-12, any enrollment) definitions.",
            List.of(REPORTING_LEVEL, LEVEL_SCHOOL_CODE, STUDENT_ID, SCHOOL_YEAR, GRADE, GRADE_ORDER, DAYS_EXPECTED,
                    DAYS_ABSENT, IS_CHRONIC,
                    required("dashboard_eligible", BOOLEAN, "Counted by the Dashboard indicator: TK-8, 31+ days, "
                            + "1+ day attended"),
                    required("dataquest_eligible", BOOLEAN, "Counted in DataQuest files: TK-12, 31+ days, "
                            + "1+ day attended"),
                    required("lcap_eligible", BOOLEAN, "Counted by the LCAP definition: K-12, any enrollment")),
            """
            SELECT 'SCHOOL', v.school_code, v.student_id, v.school_year, v.grade, v.grade_order, v.days_expected,
                   v.days_absent, v.is_chronic, v.grade_order <= 8 AND v.is_eligible, v.is_eligible,
                   v.grade_order >= 0
              FROM student_school_year v
            UNION ALL
            SELECT 'DISTRICT', NULL, d.student_id, d.school_year, d.grade, d.grade_order, d.days_expected,
                   d.days_absent, d.is_chronic, d.grade_order <= 8 AND d.is_eligible, d.is_eligible,
                   d.grade_order >= 0
              FROM district_student_year d
            """);

    /** The race/ethnicity groups as an SQL list: every student is in exactly one, so they partition ALL. */
    static final String RACE_GROUPS = Arrays.stream(StudentGroup.values())
            .filter(g -> g.kind() == StudentGroup.Kind.RACE).map(g -> "'" + g.name() + "'")
            .collect(Collectors.joining(", ", "(", ")"));

    /**
     * Published together with their totals: the race/ethnicity groups of a school or the district within ALL, and
     * the schools within the district for each group (schools nearly partition the district: a student who moved
     * is counted at each school, so a reader's subtraction is close, not exact, and is treated as exact). Program
     * groups stand alone: their complements (not EL, ...) are published nowhere.
     */
    static final SuppressionRule RATE_SUPPRESSION = new SuppressionRule("eligible_students",
            List.of("chronic_students"), true, List.of(
                    new SuppressionRule.Partition(List.of("definition", "reporting_level", "school_code",
                            "school_year"), "student_group = 'ALL'", "student_group IN " + RACE_GROUPS),
                    new SuppressionRule.Partition(List.of("definition", "school_year", "student_group"),
                            "reporting_level = 'DISTRICT'", "reporting_level = 'SCHOOL'")));

    /**
     * The rates without Attendance Recovery, as chronic_absence_with_recovery (RecoveryViews) computes them beside the
     * rates with it. Their suppression is the one computed there over both chronic counts, so that a cell is withheld
     * in every view that publishes it and the two rates set side by side give nothing away (docs/suppression.md).
     */
    static final MetricView CHRONIC_ABSENCE_RATES = new MetricView("chronic_absence_rates",
            "Chronic absenteeism rates under each definition (DASHBOARD, DATAQUEST, LCAP) per reporting level, "
                    + "school (NULL at the district level), year and student group. Unsuppressed: for analysis, "
                    + "not publication; suppression says what a publication must withhold.",
            List.of(DEFINITION, REPORTING_LEVEL, LEVEL_SCHOOL_CODE, SCHOOL_YEAR, STUDENT_GROUP, ELIGIBLE_STUDENTS,
                    CHRONIC_STUDENTS, CHRONIC_RATE, SUPPRESSION),
            """
            SELECT r.definition, r.reporting_level, r.school_code, r.school_year, r.student_group, r.eligible_students,
                   r.chronic_students, r.chronic_rate, r.suppression
              FROM chronic_absence_with_recovery r
            """).materialize();

    static final MetricView CHRONIC_ABSENCE_PUBLISHED = new MetricView("chronic_absence_published",
            "chronic_absence_rates as it may be published: counts and rates of groups of 10 or fewer students, and "
                    + "of the further cells that would let a reader compute them by subtraction, are NULL and "
                    + "flagged suppressed, with the reason.",
            List.of(DEFINITION, REPORTING_LEVEL, LEVEL_SCHOOL_CODE, SCHOOL_YEAR, STUDENT_GROUP,
                    nullable(ELIGIBLE_STUDENTS), nullable(CHRONIC_STUDENTS), nullable(CHRONIC_RATE), SUPPRESSED,
                    SUPPRESSION),
            """
            SELECT r.definition, r.reporting_level, r.school_code, r.school_year, r.student_group,
                   %s, %s, %s, r.suppression IS NOT NULL, r.suppression
              FROM chronic_absence_rates r
            """.formatted(Privacy.sqlShown("r.suppression", "r.eligible_students"),
                    Privacy.sqlShown("r.suppression", "r.chronic_students"),
                    Privacy.sqlShown("r.suppression", "r.chronic_rate")));

    /**
     * The counts the Dashboard indicator needs, this year's beside the prior year's for the same level, school
     * and group; the engine's dashboard_chronic_absence applies the exact rules to them.
     */
    static final MetricView DASHBOARD_COUNTS = new MetricView("dashboard_counts",
            "Dashboard-definition counts per reporting level, school, year and student group, with the prior "
                    + "year's counts beside them: the input of the Dashboard status, change and color.",
            List.of(REPORTING_LEVEL, LEVEL_SCHOOL_CODE, SCHOOL_YEAR, STUDENT_GROUP, ELIGIBLE_STUDENTS, CHRONIC_STUDENTS,
                    CHRONIC_RATE,
                    org.rollcall.model.Column.optional("prior_eligible_students", org.rollcall.model.ColumnType.INTEGER,
                            "Students counted the prior year; NULL without a prior year"),
                    org.rollcall.model.Column.optional("prior_chronic_students", org.rollcall.model.ColumnType.INTEGER,
                            "Students chronically absent the prior year; NULL without a prior year"),
                    SUPPRESSION,
                    org.rollcall.model.Column.optional("prior_suppression", org.rollcall.model.ColumnType.TEXT,
                            "Why the prior year's cell is withheld (PRIMARY or COMPLEMENTARY); NULL where it was "
                                    + "published or there is no prior year. A change from a withheld year would give "
                                    + "that year's rate away, so the Dashboard view shows no change or color then.")),
            """
            SELECT c.reporting_level, c.school_code, c.school_year, c.student_group, c.eligible_students,
                   c.chronic_students, c.chronic_rate, p.eligible_students, p.chronic_students, c.suppression,
                   p.suppression
              FROM chronic_absence_rates c
              LEFT JOIN chronic_absence_rates p
                ON p.definition = 'DASHBOARD' AND p.reporting_level = c.reporting_level
               AND COALESCE(p.school_code, '') = COALESCE(c.school_code, '')
               AND p.student_group = c.student_group
               AND p.school_year = (CAST(SUBSTR(c.school_year, 1, 4) AS INTEGER) - 1) || '-' || SUBSTR(c.school_year, 3, 2)
             WHERE c.definition = 'DASHBOARD'
            """).materialize();

    /** The views the rates are computed from (chronic_absence_with_recovery reads them). */
    static final List<MetricView> STUDENTS = List.of(STUDENT_GROUP_YEAR, CHRONIC_ABSENCE_STUDENTS);

    /** The rates and what reads them, after chronic_absence_with_recovery. */
    static final List<MetricView> RATES = List.of(CHRONIC_ABSENCE_RATES, CHRONIC_ABSENCE_PUBLISHED, DASHBOARD_COUNTS);

    private RateViews() {
    }
}
