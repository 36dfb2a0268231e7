package org.rollcall.synthetic.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rollcall.synthetic.tests.Sql.number;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.model.CanonicalSchema;
import org.rollcall.model.Table;
import org.rollcall.store.Workspace;
import org.rollcall.synthetic.DistrictGenerator;
import org.rollcall.synthetic.GenerationProgress;
import org.rollcall.synthetic.GeneratorSettings;

/**
 * The synthetic district as its README documents it: deterministic, and with rates in the documented
 * ranges (measured on 3,000 students over two years).
 */
class DistrictGeneratorTest {

    @TempDir
    static Path dir;
    static Path district;
    static Connection db;

    @BeforeAll
    static void generate() throws SQLException {
        district = dir.resolve("district.rollcall");
        DistrictGenerator.generate(new GeneratorSettings(3000, 2, 42, 2023), district, GenerationProgress.NONE);
        db = Workspace.dataSource(district, true).getConnection();
    }

    static String digest(Path workspace) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (Connection c = Workspace.dataSource(workspace, true).getConnection(); Statement s = c.createStatement()) {
            for (Table table : CanonicalSchema.TABLES) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + table.name() + " ORDER BY "
                        + String.join(", ", table.primaryKey()))) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            sha.update(String.valueOf(rs.getString(i)).getBytes());
                            sha.update((byte) 0);
                        }
                    }
                }
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    @Test
    void theSameSeedGivesTheSameDistrictAndAnotherSeedAnother() throws Exception {
        Path a = dir.resolve("a.rollcall");
        Path b = dir.resolve("b.rollcall");
        Path c = dir.resolve("c.rollcall");
        DistrictGenerator.generate(new GeneratorSettings(300, 2, 7, 2023), a, GenerationProgress.NONE);
        DistrictGenerator.generate(new GeneratorSettings(300, 2, 7, 2023), b, GenerationProgress.NONE);
        DistrictGenerator.generate(new GeneratorSettings(300, 2, 8, 2023), c, GenerationProgress.NONE);
        assertEquals(digest(a), digest(b));
        assertNotEquals(digest(a), digest(c));
    }

    @Test
    void eachYearHas180InstructionalDaysAndNoAttendanceOffThem() throws SQLException {
        assertEquals(2, number(db, "SELECT COUNT(*) FROM school_years"));
        assertEquals(0, number(db, "SELECT COUNT(*) FROM (SELECT school_year FROM calendar_days "
                + "GROUP BY school_year HAVING SUM(is_instructional) <> 180)"));
        assertEquals(0, number(db, "SELECT COUNT(*) FROM daily_attendance d JOIN calendar_days c "
                + "ON c.calendar_date = d.attendance_date WHERE c.is_instructional = 0"));
        assertEquals(0, number(db, "SELECT COUNT(*) FROM daily_attendance d LEFT JOIN calendar_days c "
                + "ON c.calendar_date = d.attendance_date WHERE c.calendar_date IS NULL"));
    }

    @Test
    void everyDayFallsInsideAnEnrollmentAtThatSchool() throws SQLException {
        assertEquals(0, number(db, "SELECT COUNT(*) FROM daily_attendance d WHERE NOT EXISTS (SELECT 1 FROM "
                + "enrollments e WHERE e.student_id = d.student_id AND e.school_code = d.school_code "
                + "AND d.attendance_date BETWEEN e.entry_date AND e.exit_date AND e.enrollment_type <> '20')"));
        assertTrue(number(db, "SELECT COUNT(*) FROM enrollments WHERE exit_reason = 'TRANSFER'") > 0);
        assertTrue(number(db, "SELECT COUNT(*) FROM enrollments WHERE enrollment_type = '30'") > 0);
        assertTrue(number(db, "SELECT COUNT(*) FROM enrollments WHERE enrollment_type = '20'") > 0);
    }

    @Test
    void summariesMatchTheStasCheck() throws SQLException {
        // CALPADS fatal check (docs/rules.md section 5): fields 13.16-13.22 sum to 13.15
        assertEquals(0, number(db, "SELECT COUNT(*) FROM attendance_summary WHERE days_attended_in_person "
                + "+ days_suspension_out + days_suspension_in + days_excused + days_unexcused "
                + "+ days_independent_study_non_ada + days_independent_study <> days_expected"));
        assertEquals(number(db, "SELECT COUNT(*) FROM daily_attendance"),
                number(db, "SELECT SUM(days_expected) FROM attendance_summary"));
    }

    @Test
    void chronicAbsenceLandsNearCaliforniasLevels() throws SQLException {
        double year1 = number(db, "SELECT chronic_rate FROM district_snapshot WHERE school_year = '2023-24'");
        double year2 = number(db, "SELECT chronic_rate FROM district_snapshot WHERE school_year = '2024-25'");
        assertTrue(year1 >= 18 && year1 <= 30, "2023-24 chronic rate " + year1);
        assertTrue(year2 < year1, "attendance improves a little each year: " + year1 + " then " + year2);
        for (String group : new String[] {"SED", "SWD", "HOM", "FOS"}) {
            double rate = number(db, "SELECT CAST(SUM(chronic_students) AS REAL) * 100 / SUM(eligible_students) "
                    + "FROM chronic_absence_rates WHERE definition = 'DATAQUEST' AND reporting_level = 'DISTRICT' "
                    + "AND student_group = '" + group + "'");
            assertTrue(rate > year1, group + " at " + rate + " should be above all students at " + year1);
        }
    }

    @Test
    void gradesFollowTheKnownShape() throws SQLException {
        String rate = "SELECT CAST(SUM(chronic_students) AS REAL) * 100 / SUM(eligible_students) "
                + "FROM chronic_absence_by_grade WHERE grade IN (%s)";
        double early = number(db, rate.formatted("'TK', 'KN'"));
        double middleElementary = number(db, rate.formatted("'02', '03', '04'"));
        double sixth = number(db, rate.formatted("'06'"));
        double fifth = number(db, rate.formatted("'05'"));
        double ninth = number(db, rate.formatted("'09'"));
        double eighth = number(db, rate.formatted("'08'"));
        assertTrue(early > middleElementary, "TK/K " + early + " vs grades 2-4 " + middleElementary);
        assertTrue(sixth > fifth, "6th " + sixth + " vs 5th " + fifth);
        assertTrue(ninth > eighth, "9th " + ninth + " vs 8th " + eighth);
    }

    @Test
    void theNudgeLetterEffectIsPlantedInTheTreatedHalf() throws SQLException {
        // Students eligible for the letter: at risk on the letter date. Compare absence after the date.
        String after = """
                WITH letter AS (SELECT school_year, MIN(start_date) AS day FROM intervention_participants
                                 WHERE intervention_id = 1 GROUP BY school_year),
                     before AS (SELECT d.student_id, l.school_year, COUNT(*) AS days,
                                       SUM(d.category IN ('excused', 'unexcused', 'suspension_out',
                                                          'independent_study_non_ada')) AS absent
                                  FROM daily_attendance d JOIN letter l JOIN school_years y ON y.school_year = l.school_year
                                 WHERE d.attendance_date >= y.start_date AND d.attendance_date < l.day
                                 GROUP BY d.student_id, l.school_year),
                     eligible AS (SELECT b.* FROM before b WHERE b.days >= 20 AND b.absent * 100 >= 5 * b.days
                                     AND b.absent * 100 < 10 * b.days),
                     later AS (SELECT e.student_id, e.school_year,
                                      EXISTS (SELECT 1 FROM intervention_participants p WHERE p.intervention_id = 1
                                              AND p.student_id = e.student_id AND p.school_year = e.school_year) AS treated,
                                      (SELECT AVG(d.category IN ('excused', 'unexcused', 'suspension_out',
                                                                 'independent_study_non_ada'))
                                         FROM daily_attendance d JOIN letter l ON l.school_year = e.school_year
                                         JOIN school_years y ON y.school_year = e.school_year
                                        WHERE d.student_id = e.student_id AND d.attendance_date >= l.day
                                          AND d.attendance_date <= y.end_date) AS rate
                                 FROM eligible e)
                SELECT AVG(rate) FROM later WHERE treated = %d AND rate IS NOT NULL""";
        double treated = number(db, after.formatted(1));
        double control = number(db, after.formatted(0));
        // planted: x0.85 of the daily probability; sampling noise on a few hundred students is well under that
        assertTrue(treated < control * 0.95, "treated " + treated + " vs control " + control);
        assertTrue(treated > control * 0.7, "treated " + treated + " vs control " + control);
    }

    @Test
    void theNudgeLettersControlGroupIsRecordedAsTheDistrictsRandomization() throws SQLException {
        // the untreated half of the eligible: about as many as the treated, never treated, assigned on the letter's day
        double treated = number(db, "SELECT COUNT(*) FROM intervention_participants WHERE intervention_id = 1");
        double controls = number(db, "SELECT COUNT(*) FROM intervention_controls WHERE intervention_id = 1");
        assertTrue(controls > treated * 0.8 && controls < treated * 1.25, "controls " + controls + ", treated " + treated);
        assertEquals(0.0, number(db, """
                SELECT COUNT(*) FROM intervention_controls c JOIN intervention_participants p
                    ON p.intervention_id = c.intervention_id AND p.student_id = c.student_id
                   AND p.school_year = c.school_year"""));
        assertEquals(0.0, number(db, """
                SELECT COUNT(*) FROM intervention_controls c
                 WHERE c.start_date <> (SELECT MIN(p.start_date) FROM intervention_participants p
                                         WHERE p.intervention_id = 1 AND p.school_year = c.school_year)"""));
        // the LCFF rates are seeded with the workspace (docs/rules.md section 7)
        assertEquals(10_025.0 + 1_043.0, number(db, "SELECT base_grant_per_ada + grade_span_adjustment_per_ada "
                + "FROM lcff_rates WHERE fiscal_year = '2024-25' AND grade_span = 'K-3'"));
    }
}
