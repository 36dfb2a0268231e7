package org.rollcall.synthetic;

/**
 * What to generate: how many students, how many school years from which first year, and the seed that
 * makes the district the same every time.
 *
 * @param firstSchoolYearStart the calendar year in which the first school year starts (2023 for 2023-24)
 */
public record GeneratorSettings(int students, int years, long seed, int firstSchoolYearStart) {

    public GeneratorSettings {
        if (students < 50 || students > 2_000_000) {
            throw new IllegalArgumentException("students must be between 50 and 2,000,000, got " + students);
        }
        if (years < 1 || years > 10) {
            throw new IllegalArgumentException("years must be between 1 and 10, got " + years);
        }
        if (firstSchoolYearStart < 2000 || firstSchoolYearStart > 2100) {
            throw new IllegalArgumentException("the first school year must start between 2000 and 2100, got "
                    + firstSchoolYearStart);
        }
    }

    /** The embedded demo district: 12,000 students over 2023-24 and 2024-25. */
    public static GeneratorSettings demo() {
        return new GeneratorSettings(12_000, 2, 2026, 2023);
    }
}
