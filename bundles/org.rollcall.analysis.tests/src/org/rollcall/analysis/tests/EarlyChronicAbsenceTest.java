package org.rollcall.analysis.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rollcall.analysis.tests.Rows.number;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.engine.RollCallDriver;
import org.rollcall.synthetic.DistrictGenerator;
import org.rollcall.synthetic.GenerationProgress;
import org.rollcall.synthetic.GeneratorSettings;

/**
 * Third-grade proficiency by chronic absence in kindergarten and first grade, on a district generated over the four
 * years it takes a kindergartner to reach third grade.
 */
class EarlyChronicAbsenceTest {

    @TempDir
    static Path dir;

    static Path workspace;

    @BeforeAll
    static void generate() {
        workspace = dir.resolve("four-years.rollcall");
        DistrictGenerator.generate(new GeneratorSettings(3_000, 4, 2026, 2023), workspace, GenerationProgress.NONE);
    }

    @Test
    void thirdGradersOfTheFourthYearAreCountedByTheirKindergartenAndFirstGradeYears() throws SQLException {
        List<Map<String, Object>> rows;
        long cohort;
        try (Connection c = RollCallDriver.open(workspace)) {
            rows = Rows.of(c, "select * from attendance.early_chronic_absence_grade3 order by \"measure\", chronic_years");
            // the third graders of 2026-27 with a score, eligible district years in kindergarten and first grade
            cohort = ((Number) Rows.of(c, "select count(*) as n from attendance.outcomes o "
                    + "where o.\"measure\" = 'ELA_SCALE_SCORE' and o.grade = '03' and o.school_year = '2026-27' "
                    + "and exists (select 1 from attendance.district_student_year d where d.student_id = o.student_id "
                    + "and d.school_year = '2026-27' and d.is_eligible) "
                    + "and exists (select 1 from attendance.district_student_year k where k.student_id = o.student_id "
                    + "and k.grade = 'KN' and k.is_eligible and k.school_year < '2026-27') "
                    + "and exists (select 1 from attendance.district_student_year f where f.student_id = o.student_id "
                    + "and f.grade = '01' and f.is_eligible and f.school_year < '2026-27')").get(0).get("n")).longValue();
        }
        assertEquals(6, rows.size(), "NEITHER, ONE and BOTH for ELA and math, only in the fourth year: " + rows);
        assertTrue(cohort > 100, "a cohort to speak of: " + cohort);
        long ela = 0;
        for (Map<String, Object> row : rows) {
            assertEquals("2026-27", row.get("school_year"));
            assertEquals(List.of("NEITHER", "ONE", "BOTH").get(((Number) row.get("chronic_years")).intValue()),
                    row.get("chronic_in_k_and_1"));
            if (!(Boolean) row.get("suppressed")) {
                double share = number(row, "share_meeting_cut_score");
                assertEquals(100 * number(row, "meeting_cut_score") / number(row, "students"), share, 1e-9);
                assertTrue(number(row, "share_ci_low") < share && share < number(row, "share_ci_high"), row.toString());
                if ("ELA_SCALE_SCORE".equals(row.get("measure"))) {
                    ela += ((Number) row.get("students")).longValue();
                }
            }
        }
        assertEquals(cohort, ela, "every such third grader is in exactly one group");
    }
}
