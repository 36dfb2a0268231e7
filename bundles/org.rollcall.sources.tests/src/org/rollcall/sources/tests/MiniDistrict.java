package org.rollcall.sources.tests;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;

import org.rollcall.model.CanonicalSchema;
import org.rollcall.sources.FileResult;
import org.rollcall.sources.ImportProgress;
import org.rollcall.sources.Importer;
import org.rollcall.sources.Mapping;
import org.rollcall.sources.SourceAdapters;
import org.rollcall.sources.SourceInput;
import org.rollcall.store.BatchWriter;
import org.rollcall.store.Workspace;

/**
 * A small district for import and audit tests: one year (2024-25) with its calendar through September, two
 * schools (SIS numbers 101 and 102), four students (local IDs 1001-1004) enrolled since the first day, and no
 * attendance yet; plus helpers to write an export and import it.
 */
final class MiniDistrict {

    static final String SCHOOL_A = "19647330000001";
    static final String SCHOOL_B = "19647330000002";

    /** A daily-attendance mapping for the CSV files the tests write: US dates, local school numbers, four codes. */
    static final String DAILY_MAPPING = """
            entity: daily_attendance
            format: delimited
            header: true
            dates: [M/d/yyyy]
            fields:
              local_id: Student
              school_code: School
              attendance_date: Date
              local_code: Code
            schools:
              "101": "19647330000001"
              "102": "19647330000002"
            codes:
              P: {category: present}
              A: {category: unexcused, description: Absent}
              ILL: {category: excused, reason: illness, description: Ill}
              T: {category: tardy}
            """;

    private MiniDistrict() {
    }

    static Path create(Path dir) {
        return create(dir, true);
    }

    /** The district, its year, calendar and schools, without students and enrollments (they come from imports). */
    static Path createReference(Path dir) {
        return create(dir, false);
    }

    private static Path create(Path dir, boolean withStudents) {
        Path file = dir.resolve("mini.rollcall");
        Workspace.build(file, w -> {
            try (BatchWriter d = w.writer(CanonicalSchema.DISTRICTS)) {
                d.add("1964733", "Mini Unified", "19", "Los Angeles");
            }
            try (BatchWriter y = w.writer(CanonicalSchema.SCHOOL_YEARS)) {
                y.add("2024-25", LocalDate.of(2024, 7, 1), LocalDate.of(2025, 6, 30), LocalDate.of(2024, 8, 14),
                        LocalDate.of(2025, 6, 5));
            }
            // weekdays from the first day through September are instructional, except Labor Day
            try (BatchWriter c = w.writer(CanonicalSchema.CALENDAR_DAYS)) {
                for (LocalDate day = LocalDate.of(2024, 8, 14); day.isBefore(LocalDate.of(2024, 10, 1)); day = day.plusDays(1)) {
                    if (day.getDayOfWeek().getValue() <= 5) {
                        boolean laborDay = day.equals(LocalDate.of(2024, 9, 2));
                        c.add(day, "2024-25", laborDay ? 0 : 1, laborDay ? "HOLIDAY" : "INSTRUCTIONAL",
                                laborDay ? "Labor Day" : null);
                    }
                }
            }
            try (BatchWriter s = w.writer(CanonicalSchema.SCHOOLS)) {
                s.add(SCHOOL_A, "1964733", "Alder Elementary", "ELEMENTARY", "TK", "05");
                s.add(SCHOOL_B, "1964733", "Birch Elementary", "ELEMENTARY", "TK", "05");
            }
            if (!withStudents) {
                return;
            }
            try (BatchWriter s = w.writer(CanonicalSchema.STUDENTS)) {
                for (int i = 1; i <= 4; i++) {
                    s.add(i, "200000000" + i, "100" + i, "First" + i, "Last" + i, LocalDate.of(2016, 1, i), "F", "HI");
                }
            }
            try (BatchWriter e = w.writer(CanonicalSchema.ENROLLMENTS)) {
                for (int i = 1; i <= 4; i++) {
                    e.add(i, i, i <= 2 ? SCHOOL_A : SCHOOL_B, "2024-25", "03", "10", LocalDate.of(2024, 8, 14), null, null);
                }
            }
        });
        return file;
    }

    static Path write(Path dir, String name, String text) throws IOException {
        return write(dir, name, text, StandardCharsets.UTF_8);
    }

    static Path write(Path dir, String name, String text, Charset charset) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, text.getBytes(charset));
        return file;
    }

    static FileResult importFile(Path workspace, Path file, String mapping) {
        return importFile(workspace, file, Mapping.parse("test.yaml", mapping), false);
    }

    static FileResult importFile(Path workspace, Path file, Mapping mapping, boolean force) {
        return new Importer(workspace, ImportProgress.NONE).importFile(SourceAdapters.named(mapping.format()),
                new SourceInput(file, mapping), force);
    }

    static long count(Path workspace, String sql) throws SQLException {
        try (Connection c = Workspace.dataSource(workspace, true).getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Every row of a query as text, for comparing two workspaces. */
    static String dump(Path workspace, String sql) throws SQLException {
        StringBuilder text = new StringBuilder();
        try (Connection c = Workspace.dataSource(workspace, true).getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    text.append(rs.getString(i)).append(i < columns ? "|" : "\n");
                }
            }
        }
        return text.toString();
    }

    /** What an import must leave untouched when a file fails: the canonical rows, the log and the quarantine. */
    static String state(Path workspace) throws SQLException {
        return dump(workspace, "SELECT COUNT(*), COALESCE(SUM(student_id), 0) FROM daily_attendance")
                + dump(workspace, "SELECT COUNT(*) FROM import_log") + dump(workspace, "SELECT COUNT(*) FROM import_quarantine")
                + dump(workspace, "SELECT COUNT(*) FROM attendance_codes")
                + dump(workspace, "SELECT COUNT(*), COALESCE(SUM(days_expected), 0) FROM attendance_summary");
    }
}
