package org.rollcall.engine.tests;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.rollcall.model.CanonicalSchema;
import org.rollcall.store.BatchWriter;
import org.rollcall.store.Workspace;

/**
 * Writes small hand-computed workspaces: one district, schools, school years of consecutive instructional
 * days, and students whose absences fall on the first days of each stay at a school.
 */
final class FixtureBuilder {

    /** One school year: its name, first instructional day and number of instructional days. */
    record Year(String name, LocalDate firstDay, int days) {
        LocalDate day(int n) {
            return firstDay.plusDays(n - 1L);
        }
    }

    private final List<Object[]> schools = new ArrayList<>();
    private final List<Year> years = new ArrayList<>();
    private final List<Object[]> students = new ArrayList<>();
    private final List<Object[]> programs = new ArrayList<>();
    private final List<Object[]> enrollments = new ArrayList<>();
    private final List<Object[]> days = new ArrayList<>();
    private final List<Object[]> goals = new ArrayList<>();

    FixtureBuilder school(String code, String name) {
        schools.add(new Object[] {code, "1964733", name, "ELEMENTARY", "TK", "05"});
        return this;
    }

    Year year(String name, LocalDate firstDay, int instructionalDays) {
        Year year = new Year(name, firstDay, instructionalDays);
        years.add(year);
        return year;
    }

    FixtureBuilder student(int id) {
        return student(id, "HI");
    }

    /** A student of the given race/ethnicity group (AA, AI, AS, FI, HI, PI, WH or MR). */
    FixtureBuilder student(int id, String race) {
        students.add(new Object[] {id, String.format("10000%05d", id), "L" + id, "First" + id, "Last" + id,
            LocalDate.of(2015, 1, 1), "F", race});
        return this;
    }

    FixtureBuilder program(int student, String program, LocalDate start, LocalDate end) {
        programs.add(new Object[] {student, program, start, end});
        return this;
    }

    /**
     * Enrolls a student at a school from day {@code from} to day {@code to} of a year, absent on the first
     * {@code absences} of those days, alternating excused and unexcused.
     */
    FixtureBuilder stay(int student, String school, Year year, String grade, int from, int to, int absences) {
        enrollments.add(new Object[] {enrollments.size() + 1, student, school, year.name(), grade, "10", year.day(from),
            year.day(to), to == year.days() ? null : "TRANSFER"});
        for (int d = from; d <= to; d++) {
            boolean absent = d - from < absences;
            boolean excused = d % 2 == 0;
            days.add(new Object[] {student, school, year.day(d), absent ? (excused ? "excused" : "unexcused") : "present",
                absent ? (excused ? "I" : "U") : "P", null});
        }
        return this;
    }

    /** Enrolls a student for days {@code from}..{@code to}, present except on the given days and categories. */
    FixtureBuilder stay(int student, String school, Year year, String grade, int from, int to,
            java.util.Map<Integer, String> categoryByDay) {
        enrollments.add(new Object[] {enrollments.size() + 1, student, school, year.name(), grade, "10", year.day(from),
            year.day(to), null});
        for (int d = from; d <= to; d++) {
            String category = categoryByDay.getOrDefault(d, "present");
            String code = switch (category) {
                case "present" -> "P";
                case "excused" -> "I";
                case "unexcused" -> "U";
                default -> "T";
            };
            days.add(new Object[] {student, school, year.day(d), category, code, "tardy".equals(category) ? 45 : null});
        }
        return this;
    }

    /** Adds a row to the goals table, in its column order. */
    FixtureBuilder goal(Object... row) {
        goals.add(row);
        return this;
    }

    Path write(Path file) {
        Workspace.build(file, this::fill);
        return file;
    }

    private void fill(Workspace ws) throws SQLException {
        try (BatchWriter w = ws.writer(CanonicalSchema.DISTRICTS)) {
            w.add("1964733", "Fixture Unified", "19", "Fixture County");
        }
        try (BatchWriter sy = ws.writer(CanonicalSchema.SCHOOL_YEARS);
                BatchWriter calendar = ws.writer(CanonicalSchema.CALENDAR_DAYS)) {
            for (Year year : years) {
                int start = Integer.parseInt(year.name().substring(0, 4));
                sy.add(year.name(), LocalDate.of(start, 7, 1), LocalDate.of(start + 1, 6, 30), year.firstDay(),
                        year.day(year.days()));
                for (int d = 1; d <= year.days(); d++) {
                    calendar.add(year.day(d), year.name(), 1, "INSTRUCTIONAL", null);
                }
            }
        }
        try (BatchWriter w = ws.writer(CanonicalSchema.ATTENDANCE_CODES)) {
            w.add("P", "Present", "present", null);
            w.add("U", "Unverified absence", "unexcused", null);
            w.add("I", "Illness", "excused", "illness");
            w.add("T", "Tardy over 30 minutes", "tardy", null);
        }
        writeAll(ws, CanonicalSchema.SCHOOLS, schools);
        writeAll(ws, CanonicalSchema.STUDENTS, students);
        writeAll(ws, CanonicalSchema.STUDENT_PROGRAMS, programs);
        writeAll(ws, CanonicalSchema.ENROLLMENTS, enrollments);
        writeAll(ws, CanonicalSchema.DAILY_ATTENDANCE, days);
        writeAll(ws, CanonicalSchema.GOALS, goals);
    }

    private static void writeAll(Workspace ws, org.rollcall.model.Table table, List<Object[]> rows) throws SQLException {
        try (BatchWriter w = ws.writer(table)) {
            for (Object[] row : rows) {
                w.add(row);
            }
        }
    }
}
