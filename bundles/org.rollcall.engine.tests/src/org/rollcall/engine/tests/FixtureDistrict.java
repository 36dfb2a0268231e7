package org.rollcall.engine.tests;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * A hand-computed district: one year of 60 instructional days, two schools, five students whose expected
 * results are worked out in the comments (and asserted by the tests).
 */
final class FixtureDistrict {

    static final String ELM = "19647330000011";
    static final String OAK = "19647330000022";

    private FixtureDistrict() {
    }

    static Path create(Path dir) {
        FixtureBuilder b = new FixtureBuilder().school(ELM, "Elm Elementary").school(OAK, "Oak Elementary");
        FixtureBuilder.Year year = b.year("2024-25", LocalDate.of(2024, 9, 2), 60);
        // 1: Elm all 60 days, 6 absent = exactly 10%: chronic at Elm and in the district.
        b.student(1).stay(1, ELM, year, "03", 1, 60, 6);
        // 2: Elm all 60 days, 5 absent = 8.3%: at risk, not chronic.
        b.student(2).stay(2, ELM, year, "03", 1, 60, 5);
        // 3: Elm days 1-30 (4 absent) then Oak days 31-60 (1 absent): 30 days at each school, so not
        // eligible at either; in the district 60 days, 5 absent = 8.3%: eligible, not chronic.
        b.student(3).stay(3, ELM, year, "04", 1, 30, 4).stay(3, OAK, year, "04", 31, 60, 1);
        // 4: Elm days 1-31 (4 absent = 12.9%, 31 days: eligible and chronic at Elm), Oak days 32-60
        // (no absences, 29 days: not eligible); district 60 days, 4 absent = 6.7%: not chronic.
        b.student(4).stay(4, ELM, year, "04", 1, 31, 4).stay(4, OAK, year, "04", 32, 60, 0);
        // 5: Elm all 60 days, never attended: out of every rate (zero days attended).
        b.student(5).stay(5, ELM, year, "03", 1, 60, 60);
        return b.write(dir.resolve("fixture.rollcall"));
    }
}
