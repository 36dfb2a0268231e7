package org.rollcall.synthetic;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * The daily absence probability: a student's propensity times factors for grade (high in TK/K, lowest in
 * grades 2-5, rising through middle and high school, with spikes at the transitions into 6th and 9th), month
 * (winter illness, end of year), weekday (Mondays and Fridays) and year (attendance recovering a little
 * each year, as California's has since 2022), times the effect of any intervention the student is in.
 */
final class AttendanceModel {

    private static final double[] GRADE = {1.35, 1.25, 1.0, 0.9, 0.86, 0.86, 0.88, 1.06, 1.0, 1.08, 1.18, 1.12,
        1.24, 1.42};
    private static final double[] MONTH = {1.15, 1.1, 1.0, 1.0, 1.1, 1.3, 1.0, 0.8, 0.85, 0.95, 1.0, 1.2};
    /** Each year a little better than the one before. */
    static final double YEAR_OVER_YEAR = 0.92;
    private static final double MAXIMUM = 0.75;

    private AttendanceModel() {
    }

    static double gradeFactor(int gradeNumber) {
        return GRADE[gradeNumber + 1];
    }

    static double probability(StudentProfile student, int gradeNumber, int yearIndex, LocalDate day,
            double interventionEffect) {
        double p = student.propensity() * GRADE[gradeNumber + 1] * MONTH[day.getMonthValue() - 1]
                * weekday(day.getDayOfWeek()) * Math.pow(YEAR_OVER_YEAR, yearIndex) * interventionEffect;
        return Math.min(MAXIMUM, p);
    }

    private static double weekday(DayOfWeek day) {
        return switch (day) {
            case MONDAY -> 1.12;
            case FRIDAY -> 1.15;
            case WEDNESDAY -> 0.9;
            default -> 0.92;
        };
    }
}
