package org.rollcall.store.metrics;

import static org.rollcall.model.Column.optional;
import static org.rollcall.model.Column.required;
import static org.rollcall.model.ColumnType.DOUBLE;
import static org.rollcall.model.ColumnType.INTEGER;
import static org.rollcall.model.ColumnType.TEXT;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.rollcall.model.StudentGroup;

/**
 * The district's own DataQuest-definition rates beside the ones the CDE published for it, so that a district
 * can see where its numbers and the state's differ (and chase the records behind the difference).
 */
public final class DataQuestViews {

    /**
     * The DataQuest reporting categories that are Dashboard student groups (cde.ca.gov/ds/ad/fsabd.asp):
     * TA total; RB, RI, RA, RF, RH, RP, RT, RW race/ethnicity; SE, SD, SS, SF, SH programs. The others (RD not
     * reported, gender, migrant, grade spans) have no group here and are not compared.
     */
    public static final Map<String, StudentGroup> CATEGORY_GROUPS;

    static {
        Map<String, StudentGroup> groups = new LinkedHashMap<>();
        groups.put("TA", StudentGroup.ALL);
        groups.put("RB", StudentGroup.AA);
        groups.put("RI", StudentGroup.AI);
        groups.put("RA", StudentGroup.AS);
        groups.put("RF", StudentGroup.FI);
        groups.put("RH", StudentGroup.HI);
        groups.put("RP", StudentGroup.PI);
        groups.put("RT", StudentGroup.MR);
        groups.put("RW", StudentGroup.WH);
        groups.put("SE", StudentGroup.EL);
        groups.put("SD", StudentGroup.SWD);
        groups.put("SS", StudentGroup.SED);
        groups.put("SF", StudentGroup.FOS);
        groups.put("SH", StudentGroup.HOM);
        CATEGORY_GROUPS = java.util.Collections.unmodifiableMap(groups);
    }

    /** The category mapping as rows SQL can join: columns category and student_group. */
    public static String categoryRows() {
        return CATEGORY_GROUPS.entrySet().stream()
                .map(e -> "SELECT '" + e.getKey() + "' AS category, '" + e.getValue().name() + "' AS student_group")
                .collect(Collectors.joining(" UNION ALL "));
    }

    public static final MetricView COMPARISON = new MetricView("dataquest_comparison",
            "The district's DataQuest-definition chronic absenteeism (TK-12, 31+ days, 1+ attended) beside the rates "
                    + "the CDE published in its DataQuest files (dataquest_chronic_absence), for the district and its "
                    + "schools, all charters and DASS, by Dashboard student group; published cells that were "
                    + "suppressed are empty.",
            List.of(ViewColumns.SCHOOL_YEAR, ViewColumns.REPORTING_LEVEL, ViewColumns.LEVEL_SCHOOL_CODE,
                    required("student_group", TEXT, "Dashboard student group (ALL for everyone)"),
                    required("reporting_category", TEXT, "The CDE's reporting category for the group"),
                    optional("eligible_students", INTEGER, "Eligible students by RollCall's count"),
                    optional("chronic_students", INTEGER, "Chronically absent students by RollCall's count"),
                    optional("chronic_rate", DOUBLE, "RollCall's rate, percent to 0.1"),
                    optional("published_eligible", INTEGER, "Eligible cumulative enrollment the CDE published"),
                    optional("published_chronic", INTEGER, "Chronically absent students the CDE published"),
                    optional("published_rate", DOUBLE, "The CDE's published rate, percent"),
                    optional("rate_difference", DOUBLE, "RollCall's rate minus the published rate, in points")),
            """
            SELECT p.academic_year, CASE p.aggregate_level WHEN 'S' THEN 'SCHOOL' ELSE 'DISTRICT' END,
                   CASE p.aggregate_level WHEN 'S' THEN p.cds_county || p.cds_district || p.cds_school END,
                   k.student_group, p.reporting_category, r.eligible_students, r.chronic_students, r.chronic_rate,
                   p.eligible_enrollment, p.chronic_count, p.chronic_rate, ROUND(r.chronic_rate - p.chronic_rate, 1)
              FROM dataquest_chronic_absence p
              JOIN (%s) k ON k.category = p.reporting_category
              LEFT JOIN chronic_absence_rates r
                ON r.definition = 'DATAQUEST' AND r.school_year = p.academic_year AND r.student_group = k.student_group
               AND ((p.aggregate_level = 'S' AND r.reporting_level = 'SCHOOL'
                     AND r.school_code = p.cds_county || p.cds_district || p.cds_school)
                 OR (p.aggregate_level = 'D' AND r.reporting_level = 'DISTRICT'))
             WHERE p.charter = 'All' AND p.dass = 'All'
               AND ((p.aggregate_level = 'S' AND EXISTS (SELECT 1 FROM schools s
                                                          WHERE s.school_code = p.cds_county || p.cds_district || p.cds_school))
                 OR (p.aggregate_level = 'D' AND EXISTS (SELECT 1 FROM districts d
                                                          WHERE d.district_code = p.cds_county || p.cds_district)))
            """.formatted(categoryRows()));

    static final List<MetricView> ALL = List.of(COMPARISON);

    private DataQuestViews() {
    }
}
