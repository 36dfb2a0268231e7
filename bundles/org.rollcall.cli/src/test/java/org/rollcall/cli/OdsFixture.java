package org.rollcall.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;

import org.rollcall.model.CanonicalSchema;
import org.rollcall.store.BatchWriter;
import org.rollcall.store.Workspace;

/** Helpers of the Ed-Fi ODS tests: the ODS tables in PostgreSQL, a district's reference data, workspace dumps. */
final class OdsFixture {

    static final String SCHOOL_A = "19647330000001";
    static final String SCHOOL_B = "19647330000002";

    private OdsFixture() {
    }

    /** Runs a SQL script from the test resources (several statements; PostgreSQL's JDBC driver takes them at once). */
    static void runScript(Connection connection, String resource) throws SQLException {
        try (InputStream in = OdsFixture.class.getResourceAsStream(resource); Statement s = connection.createStatement()) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the test resources");
            }
            s.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The reference data the ODS fixture's district needs in a workspace: the district, 2024-25 with its calendar
     * from the first day (August 14) through September (Labor Day off), and the two schools with CDS codes.
     */
    static Path referenceWorkspace(Path file) {
        Workspace.build(file, w -> {
            try (BatchWriter d = w.writer(CanonicalSchema.DISTRICTS)) {
                d.add("1964733", "Mini Unified", "19", "Los Angeles");
            }
            try (BatchWriter y = w.writer(CanonicalSchema.SCHOOL_YEARS)) {
                y.add("2024-25", LocalDate.of(2024, 7, 1), LocalDate.of(2025, 6, 30), LocalDate.of(2024, 8, 14),
                        LocalDate.of(2025, 6, 5));
            }
            try (BatchWriter c = w.writer(CanonicalSchema.CALENDAR_DAYS)) {
                for (LocalDate day = LocalDate.of(2024, 8, 14); day.isBefore(LocalDate.of(2024, 10, 1));
                        day = day.plusDays(1)) {
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
        });
        return file;
    }

    /** Every row of a query on a workspace as text, for comparing. */
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

    /** What a failed import must leave exactly as it was: the canonical rows, summaries, log and quarantine. */
    static String state(Path workspace) throws SQLException {
        return stateWithoutLog(workspace) + "import_log\n" + dump(workspace, "SELECT * FROM import_log ORDER BY 1");
    }

    /** The state but for the import log, which every import adds to. */
    static String stateWithoutLog(Path workspace) throws SQLException {
        StringBuilder state = new StringBuilder();
        for (String table : new String[] {"students", "enrollments", "daily_attendance", "attendance_codes",
            "attendance_summary", "import_quarantine"}) {
            state.append(table).append('\n').append(dump(workspace, "SELECT * FROM " + table + " ORDER BY 1, 2, 3"));
        }
        return state.toString();
    }
}
