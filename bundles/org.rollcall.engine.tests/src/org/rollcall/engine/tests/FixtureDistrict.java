package org.rollcall.engine.tests;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;

import org.rollcall.model.CanonicalSchema;
import org.rollcall.store.BatchWriter;
import org.rollcall.store.Workspace;

/**
 * A hand-computed district: one year of 60 instructional days, two schools, five students whose expected
 * results are worked out in the comments (and asserted by the tests).
 */
final class FixtureDistrict {

    static final String ELM = "19647330000011";
    static final String OAK = "19647330000022";
    static final LocalDate FIRST_DAY = LocalDate.of(2024, 9, 2);
    static final int DAYS = 60;

    private FixtureDistrict() {
    }

    static Path create(Path dir) {
        Path file = dir.resolve("fixture.rollcall");
        Workspace.build(file, FixtureDistrict::fill);
        return file;
    }

    private static void fill(Workspace ws) throws SQLException {
        try (BatchWriter w = ws.writer(CanonicalSchema.DISTRICTS)) {
            w.add("1964733", "Fixture Unified", "19", "Fixture County");
        }
        try (BatchWriter w = ws.writer(CanonicalSchema.SCHOOLS)) {
            w.add(ELM, "1964733", "Elm Elementary", "ELEMENTARY", "TK", "05");
            w.add(OAK, "1964733", "Oak Elementary", "ELEMENTARY", "TK", "05");
        }
        try (BatchWriter w = ws.writer(CanonicalSchema.SCHOOL_YEARS)) {
            w.add("2024-25", LocalDate.of(2024, 7, 1), LocalDate.of(2025, 6, 30), FIRST_DAY, day(DAYS));
        }
        try (BatchWriter w = ws.writer(CanonicalSchema.CALENDAR_DAYS)) {
            for (int d = 1; d <= DAYS; d++) {
                w.add(day(d), "2024-25", 1, "INSTRUCTIONAL", null);
            }
        }
        try (BatchWriter w = ws.writer(CanonicalSchema.ATTENDANCE_CODES)) {
            w.add("P", "Present", "present", null);
            w.add("U", "Unverified absence", "unexcused", null);
            w.add("I", "Illness", "excused", "illness");
        }
        try (BatchWriter students = ws.writer(CanonicalSchema.STUDENTS);
                BatchWriter enrollments = ws.writer(CanonicalSchema.ENROLLMENTS);
                BatchWriter days = ws.writer(CanonicalSchema.DAILY_ATTENDANCE)) {
            // 1: Elm all 60 days, 6 absent = exactly 10%: chronic at Elm and in the district.
            student(students, 1);
            stay(enrollments, days, 1, 1, ELM, "03", 1, 60, 6);
            // 2: Elm all 60 days, 5 absent = 8.3%: at risk, not chronic.
            student(students, 2);
            stay(enrollments, days, 2, 2, ELM, "03", 1, 60, 5);
            // 3: Elm days 1-30 (4 absent) then Oak days 31-60 (1 absent): 30 days at each school, so not
            // eligible at either; in the district 60 days, 5 absent = 8.3%: eligible, not chronic.
            student(students, 3);
            stay(enrollments, days, 3, 3, ELM, "04", 1, 30, 4);
            stay(enrollments, days, 3, 4, OAK, "04", 31, 60, 1);
            // 4: Elm days 1-31 (4 absent = 12.9%, 31 days: eligible and chronic at Elm), Oak days 32-60
            // (no absences, 29 days: not eligible); district 60 days, 4 absent = 6.7%: not chronic.
            student(students, 4);
            stay(enrollments, days, 4, 5, ELM, "04", 1, 31, 4);
            stay(enrollments, days, 4, 6, OAK, "04", 32, 60, 0);
            // 5: Elm all 60 days, never attended: out of every rate (zero days attended).
            student(students, 5);
            stay(enrollments, days, 5, 7, ELM, "03", 1, 60, 60);
        }
    }

    static LocalDate day(int n) {
        return FIRST_DAY.plusDays(n - 1L);
    }

    private static void student(BatchWriter w, int id) throws SQLException {
        w.add(id, "10000000" + String.format("%02d", id), "L" + id, "First" + id, "Last" + id,
                LocalDate.of(2015, 1, id), "F", "HI");
    }

    /** Enrolls a student at a school from day {@code from} to day {@code to}, absent on the first days. */
    private static void stay(BatchWriter enrollments, BatchWriter days, int student, int enrollmentId,
            String school, String grade, int from, int to, int absences) throws SQLException {
        enrollments.add(enrollmentId, student, school, "2024-25", grade, "10", day(from), day(to),
                to == DAYS ? null : "TRANSFER");
        for (int d = from; d <= to; d++) {
            boolean absent = d - from < absences;
            // alternate excused and unexcused absences so that both categories are exercised
            String code = absent ? ((d % 2 == 0) ? "I" : "U") : "P";
            String category = absent ? ((d % 2 == 0) ? "excused" : "unexcused") : "present";
            days.add(student, school, day(d), category, code, null);
        }
    }
}
