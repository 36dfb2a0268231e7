package org.rollcall.engine.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rollcall.engine.tests.DriverTest.query;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.engine.RollCallDriver;

/** The first metric views against the hand-computed fixture district (see {@link FixtureDistrict}). */
class MetricViewsTest {

    @TempDir
    static Path dir;
    static Path workspace;

    @BeforeAll
    static void createWorkspace() {
        workspace = FixtureDistrict.create(dir);
    }

    @Test
    void exactlyTenPercentIsChronicAndFiveIsAtRisk() throws SQLException {
        try (Connection c = RollCallDriver.open(workspace)) {
            assertEquals(List.of(List.of(1, 6, 10.0, "Moderate chronic", true), List.of(2, 5, 8.33, "At risk", false)),
                    query(c, "select student_id, days_absent, absence_rate, tier, is_chronic from student_school_year "
                            + "where student_id in (1, 2) order by student_id"));
        }
    }

    @Test
    void excusedDaysCarryTheirEducationCodeReason() throws SQLException {
        try (Connection c = RollCallDriver.open(workspace)) {
            // student 1's six absences alternate unexcused (U) and excused for illness (I)
            assertEquals(List.of(List.of("excused", "I", "illness", 3L), List.of("unexcused", "U", "", 3L)), query(c,
                    "select category, local_code, coalesce(excused_reason, ''), count(*) from attendance_day_detail "
                            + "where student_id = 1 and category <> 'present' group by category, local_code, "
                            + "coalesce(excused_reason, '') order by category"));
        }
    }

    @Test
    void eligibilityNeeds31DaysAndOneDayAttended() throws SQLException {
        try (Connection c = RollCallDriver.open(workspace)) {
            assertEquals(List.of(
                    List.of(1, FixtureDistrict.ELM, 60, true),
                    List.of(2, FixtureDistrict.ELM, 60, true),
                    List.of(3, FixtureDistrict.ELM, 30, false),
                    List.of(3, FixtureDistrict.OAK, 30, false),
                    List.of(4, FixtureDistrict.ELM, 31, true),
                    List.of(4, FixtureDistrict.OAK, 29, false),
                    List.of(5, FixtureDistrict.ELM, 60, false)),
                    query(c, "select student_id, school_code, days_expected, is_eligible from student_school_year "
                            + "order by student_id, school_code"));
        }
    }

    @Test
    void aStudentChronicAtASchoolNeedNotBeChronicInTheDistrict() throws SQLException {
        try (Connection c = RollCallDriver.open(workspace)) {
            assertEquals(List.of(List.of(true)), query(c,
                    "select is_chronic from student_school_year where student_id = 4 and school_code = '"
                            + FixtureDistrict.ELM + "'"));
            assertEquals(List.of(List.of(2, 60, 4, false)), query(c,
                    "select schools, days_expected, days_absent, is_chronic from district_student_year where student_id = 4"));
        }
    }

    @Test
    void chronicAbsenceBySchoolCountsOnlyEligibleStudents() throws SQLException {
        try (Connection c = RollCallDriver.open(workspace)) {
            // Elm: students 1, 2 and 4 eligible, 1 and 4 chronic; Oak has no eligible student.
            assertEquals(List.of(List.of("2024-25", "Elm Elementary", 3, 2, 66.7)), query(c,
                    "select school_year, school_name, eligible_students, chronic_students, chronic_rate "
                            + "from chronic_absence_by_school"));
        }
    }

    @Test
    void districtRatesAreNotTheSumOfSchoolRates() throws SQLException {
        try (Connection c = RollCallDriver.open(workspace)) {
            // Students 1-4 are eligible in the district (student 5 never attended); only student 1 is chronic;
            // 2, 3 and 4 are at risk (8.3%, 8.3% and 6.7% of the district days).
            assertEquals(List.of(List.of("2024-25", 5, 4, 1, 25.0, 3, 0)), query(c,
                    "select school_year, students, eligible_students, chronic_students, chronic_rate, "
                            + "at_risk_students, severe_chronic_students from district_snapshot"));
            assertEquals(List.of(List.of("03", 2, 1, 50.0), List.of("04", 2, 0, 0.0)), query(c,
                    "select grade, eligible_students, chronic_students, chronic_rate from chronic_absence_by_grade "
                            + "order by grade_order"));
        }
    }
}
