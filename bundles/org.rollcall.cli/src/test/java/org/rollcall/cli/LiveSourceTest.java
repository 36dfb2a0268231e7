package org.rollcall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.cli.RollCallCommandLineTest.Run;
import org.rollcall.engine.RollCallDriver;
import org.rollcall.store.Workspace;
import org.rollcall.testing.PostgresServer;

/**
 * A district whose SIS keeps its data in PostgreSQL, in its own table and column names and its own attendance
 * codes, queried live: the canonical tables, the summaries and the chronic absence rates computed in PostgreSQL
 * must equal the ones of a workspace holding the same rows, and the work must run in the source.
 */
class LiveSourceTest {

    @TempDir
    static Path dir;
    static Path workspace;
    static PostgresServer postgres;

    @BeforeAll
    static void copyDistrictIntoPostgres() throws Exception {
        workspace = dir.resolve("live.rollcall");
        Run generated = RollCallCommandLineTest.run("generate", "--students", "400", "--years", "2", "--seed", "7",
                "--out", workspace.toString());
        assertEquals(0, generated.exitCode(), generated.err());
        postgres = PostgresServer.start();
        postgres.createDatabase("sis");
        try (Workspace store = Workspace.open(workspace);
                Connection pg = java.sql.DriverManager.getConnection(postgres.jdbcUrl("sis") + "&reWriteBatchedInserts=true")) {
            try (Statement s = pg.createStatement()) {
                s.execute("CREATE SCHEMA sis_data");
                s.execute("CREATE TABLE sis_data.site (cds VARCHAR(14) PRIMARY KEY, district VARCHAR(7), "
                        + "site_name TEXT, site_level TEXT, grade_low TEXT, grade_high TEXT)");
                s.execute("CREATE TABLE sis_data.pupil (pupil_no INTEGER PRIMARY KEY, state_id TEXT, perm_id TEXT, "
                        + "given TEXT, family TEXT, born DATE, sex CHAR(1), ethnicity TEXT)");
                s.execute("CREATE TABLE sis_data.enrollment (enr_no INTEGER PRIMARY KEY, pupil_no INTEGER, "
                        + "cds VARCHAR(14), yr TEXT, gr TEXT, status TEXT, enter_on DATE, leave_on DATE, leave_why TEXT)");
                // BIGINT where the canonical column is INTEGER: a fitting type is used without a cast
                s.execute("CREATE TABLE sis_data.attendance_day (pupil_no BIGINT, cds VARCHAR(14), day DATE, "
                        + "mark TEXT, minutes_missed INTEGER, PRIMARY KEY (pupil_no, cds, day))");
            }
            copy(store.connection(), "SELECT school_code, district_code, school_name, school_level, low_grade, "
                    + "high_grade FROM schools", pg, "sis_data.site");
            copy(store.connection(), "SELECT student_id, ssid, local_id, first_name, last_name, birth_date, gender, "
                    + "race_ethnicity FROM students", pg, "sis_data.pupil");
            copy(store.connection(), "SELECT enrollment_id, student_id, school_code, school_year, grade, "
                    + "enrollment_type, entry_date, exit_date, exit_reason FROM enrollments", pg, "sis_data.enrollment");
            copy(store.connection(), "SELECT student_id, school_code, attendance_date, local_code, minutes_absent "
                    + "FROM daily_attendance", pg, "sis_data.attendance_day");
            try (Statement s = pg.createStatement()) {
                s.execute("ANALYZE");
            }
            Files.writeString(dir.resolve("sis.yaml"), definition(store.connection(), postgres.jdbcUrl("sis")));
        }
        Run added = RollCallCommandLineTest.run("live", "add", "--workspace", workspace.toString(),
                dir.resolve("sis.yaml").toString());
        assertEquals(0, added.exitCode(), added.out() + added.err());
        assertTrue(added.out().contains("sis.daily_attendance"), added.out());
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    /**
     * The SIS's own names, and its codes turned into categories by an expression built from the district's code
     * table, as a consultant would write it.
     */
    static String definition(Connection store, String url) throws SQLException {
        StringBuilder category = new StringBuilder("CASE mark");
        try (Statement s = store.createStatement();
                ResultSet rs = s.executeQuery("SELECT local_code, category FROM attendance_codes ORDER BY local_code")) {
            while (rs.next()) {
                category.append(" WHEN '").append(rs.getString(1)).append("' THEN '").append(rs.getString(2)).append("'");
            }
        }
        category.append(" END");
        return """
                name: sis
                url: %s
                schema: sis_data
                tables:
                  schools:
                    from: site
                    columns: {school_code: cds, district_code: district, school_name: site_name,
                              school_level: site_level, low_grade: grade_low, high_grade: grade_high}
                  students:
                    from: pupil
                    columns: {student_id: pupil_no, ssid: state_id, local_id: perm_id, first_name: given,
                              last_name: family, birth_date: born, gender: sex, race_ethnicity: ethnicity}
                  enrollments:
                    from: enrollment
                    columns: {enrollment_id: enr_no, student_id: pupil_no, school_code: cds, school_year: yr,
                              grade: gr, enrollment_type: status, entry_date: enter_on, exit_date: leave_on,
                              exit_reason: leave_why}
                  daily_attendance:
                    from: attendance_day
                    columns:
                      student_id: pupil_no
                      school_code: cds
                      attendance_date: day
                      local_code: mark
                      minutes_absent: minutes_missed
                      category: {sql: "%s"}
                """.formatted(url, category);
    }

    private static void copy(Connection from, String query, Connection to, String table) throws SQLException {
        to.setAutoCommit(false);
        try (Statement s = from.createStatement(); ResultSet rs = s.executeQuery(query)) {
            int columns = rs.getMetaData().getColumnCount();
            String marks = String.join(", ", java.util.Collections.nCopies(columns, "?"));
            try (PreparedStatement insert = to.prepareStatement("INSERT INTO " + table + " VALUES (" + marks + ")")) {
                int[] types = new int[columns + 1];
                for (int i = 1; i <= columns; i++) {
                    types[i] = insert.getParameterMetaData().getParameterType(i);
                }
                int rows = 0;
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        String value = rs.getString(i);
                        int type = types[i];
                        if (value == null) {
                            insert.setNull(i, type);
                        } else if (type == java.sql.Types.DATE) {
                            insert.setDate(i, java.sql.Date.valueOf(value));
                        } else if (type == java.sql.Types.INTEGER || type == java.sql.Types.BIGINT) {
                            insert.setLong(i, Long.parseLong(value));
                        } else {
                            insert.setString(i, value);
                        }
                    }
                    insert.addBatch();
                    if (++rows % 5000 == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
        }
        to.commit();
    }

    /** Every row of a query as text, sorted, so that two sources can be compared whatever their row order. */
    static List<String> rows(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    Object value = rs.getObject(i);
                    values.add(value instanceof Number n && !(value instanceof Double) ? Long.toString(n.longValue())
                            : String.valueOf(value));
                }
                rows.add(String.join("|", values));
            }
        }
        rows.sort(null);
        return rows;
    }

    private static void assertSameRows(Connection connection, String columns, String view) throws SQLException {
        List<String> stored = rows(connection, "SELECT " + columns + " FROM attendance." + view);
        List<String> live = rows(connection, "SELECT " + columns + " FROM sis." + view);
        assertFalse(stored.isEmpty(), view + " is empty");
        assertEquals(stored.size(), live.size(), view + " row count");
        assertEquals(stored, live, view);
    }

    @Test
    void canonicalTablesOverTheSourcesOwnNamesHoldTheSameRows() throws SQLException {
        try (Connection connection = RollCallDriver.open(workspace)) {
            assertSameRows(connection, "student_id, school_code, attendance_date, category, local_code, minutes_absent",
                    "daily_attendance");
            assertSameRows(connection, "*", "students");
            assertSameRows(connection, "*", "enrollments");
        }
    }

    @Test
    void summariesAndRatesComputedInTheSourceEqualTheWorkspaces() throws SQLException {
        try (Connection connection = RollCallDriver.open(workspace)) {
            assertSameRows(connection, "*", "attendance_summary");
            assertSameRows(connection, "*", "chronic_absence_by_school");
            assertSameRows(connection, "*", "chronic_absence_by_grade");
        }
    }

    @Test
    void filtersJoinsAndAggregationsRunInPostgres() throws SQLException {
        try (Connection connection = RollCallDriver.open(workspace); Statement s = connection.createStatement()) {
            String plan = plan(s, "SELECT d.school_code, COUNT(*) FROM sis.daily_attendance d "
                    + "JOIN sis.students p ON p.student_id = d.student_id "
                    + "WHERE d.category = 'unexcused' AND p.gender = 'F' GROUP BY d.school_code");
            // the whole query is one JDBC subtree: Calcite only converts its result rows
            assertTrue(plan.contains("JdbcToEnumerableConverter"), plan);
            assertTrue(plan.contains("JdbcAggregate") && plan.contains("JdbcJoin") && plan.contains("JdbcFilter"), plan);
            assertFalse(plan.contains("EnumerableAggregate") || plan.contains("EnumerableHashJoin"), plan);
            String summary = plan(s, "SELECT school_code, SUM(days_absent) FROM sis.attendance_summary "
                    + "WHERE school_year = '2024-25' GROUP BY school_code");
            assertTrue(summary.contains("JdbcAggregate"), summary);
            assertFalse(summary.contains("EnumerableAggregate"), summary);
            // a filter on a mapped column reaches PostgreSQL on the bare column, so that its indexes serve it
            String lookup = plan(s, "SELECT * FROM sis.daily_attendance WHERE student_id = 42 "
                    + "AND attendance_date >= DATE '2024-01-08'");
            String filter = lookup.lines().filter(l -> l.contains("JdbcFilter")).findFirst().orElse("");
            assertTrue(filter.contains("=($0, 42)"), lookup);
            assertFalse(filter.contains("CAST"), lookup);
        }
    }

    private static String plan(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
            StringBuilder plan = new StringBuilder();
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
            return plan.toString();
        }
    }

    @Test
    void liveTablesJoinTheWorkspaces() throws SQLException {
        try (Connection connection = RollCallDriver.open(workspace)) {
            List<String> live = rows(connection, "SELECT sc.school_name, COUNT(*) FROM sis.daily_attendance d "
                    + "JOIN attendance.schools sc ON sc.school_code = d.school_code "
                    + "WHERE d.attendance_date BETWEEN DATE '2024-09-01' AND DATE '2024-09-30' GROUP BY sc.school_name");
            List<String> stored = rows(connection, "SELECT sc.school_name, COUNT(*) FROM attendance.daily_attendance d "
                    + "JOIN attendance.schools sc ON sc.school_code = d.school_code "
                    + "WHERE d.attendance_date BETWEEN DATE '2024-09-01' AND DATE '2024-09-30' GROUP BY sc.school_name");
            assertFalse(stored.isEmpty());
            assertEquals(stored, live);
        }
    }

    @Test
    void theSourceIsOnlyRead() throws SQLException {
        try (Connection connection = RollCallDriver.open(workspace); Statement s = connection.createStatement()) {
            SQLException refused = assertThrows(SQLException.class, () -> s.executeUpdate(
                    "INSERT INTO sis_source.pupil VALUES (999999, '9999999999', 'X1', 'A', 'B', DATE '2015-01-01', "
                            + "'F', 'WH')"));
            assertTrue(RollCall.describe(refused).contains("read-only"), RollCall.describe(refused));
        }
        try (Connection pg = postgres.connect("sis"); Statement s = pg.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM sis_data.pupil WHERE pupil_no = 999999")) {
            rs.next();
            assertEquals(0, rs.getInt(1));
        }
    }

    @Test
    void checkCountsEveryMappedTable() {
        Run check = RollCallCommandLineTest.run("live", "check", "--workspace", workspace.toString(), "sis");
        assertEquals(0, check.exitCode(), check.err());
        assertEquals(4, check.out().lines().filter(l -> l.contains(" rows ")).count(), check.out());
        Run list = RollCallCommandLineTest.run("live", "list", "--workspace", workspace.toString());
        assertTrue(list.out().contains("sis") && list.out().contains(postgres.jdbcUrl("sis")), list.out());
    }

    @Test
    void anUnreachableSourceFailsOnlyItsOwnQueries() throws IOException, SQLException {
        Path copy = dir.resolve("down.rollcall");
        Files.copy(workspace, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path definition = dir.resolve("down.yaml");
        // a port nothing listens on: the closed port of a stopped server
        Files.writeString(definition, "name: down\nurl: jdbc:postgresql://127.0.0.1:9/sis\ntimeout_seconds: 1\n"
                + "tables:\n  students: {from: pupil}\n");
        Run added = RollCallCommandLineTest.run("live", "add", "--workspace", copy.toString(), definition.toString());
        assertEquals(1, added.exitCode(), added.out());
        assertTrue(added.err().contains("down.students: FAILED") && added.err().contains("Live source 'down'"),
                added.err());
        try (Connection connection = RollCallDriver.open(copy); Statement s = connection.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM attendance.students")) {
                rs.next();
                assertTrue(rs.getInt(1) >= 400, "the workspace's own tables still answer");
            }
            // a BI tool listing every schema's columns still gets them, the live ones with their canonical types
            try (ResultSet columns = connection.getMetaData().getColumns(null, "down", "students", "%")) {
                List<String> names = new ArrayList<>();
                while (columns.next()) {
                    names.add(columns.getString("COLUMN_NAME"));
                }
                assertTrue(names.contains("race_ethnicity") && names.contains("student_id"), names.toString());
            }
            SQLException failed = assertThrows(SQLException.class,
                    () -> s.executeQuery("SELECT COUNT(*) FROM down.students"));
            assertTrue(RollCall.describe(failed).contains("Live source 'down' (jdbc:postgresql://127.0.0.1:9/sis"),
                    RollCall.describe(failed));
        }
    }

    @Test
    void definitionsThatCannotWorkAreRefusedWithTheirReason() throws IOException {
        String base = "name: sis2\nurl: " + postgres.jdbcUrl("sis") + "\nschema: sis_data\n";
        List<String[]> cases = List.of(
                new String[] {base + "tables:\n  pupils: {from: pupil}\n", "'pupils' is not a canonical table"},
                new String[] {base + "tables:\n  students: {from: pupil, columns: {shoe_size: x}}\n",
                    "'shoe_size' is not a column of students"},
                new String[] {base.replace("?user=postgres", "?user=postgres&socketFactory=x.Y")
                        + "tables:\n  students: {from: pupil}\n", "socketFactory, driver properties that load a class"},
                new String[] {base.replace("?user=postgres", "?user=postgres&password=secret")
                        + "tables:\n  students: {from: pupil}\n", "password_env"},
                new String[] {base.replace("name: sis2", "name: attendance") + "tables:\n  students: {from: pupil}\n",
                    "name 'attendance'"},
                new String[] {base + "tables:\n  students: {from: \"pupil; drop table x\"}\n", "not a plain SQL name"});
        for (String[] c : cases) {
            Path file = dir.resolve("bad.yaml");
            Files.writeString(file, c[0]);
            Run run = RollCallCommandLineTest.run("live", "add", "--workspace", workspace.toString(), file.toString());
            assertEquals(1, run.exitCode(), c[0]);
            assertTrue(run.err().contains(c[1]), c[1] + " expected in: " + run.err());
        }
        Run list = RollCallCommandLineTest.run("live", "list", "--workspace", workspace.toString());
        assertFalse(list.out().contains("sis2"), "a refused definition is not stored: " + list.out());
        assertFalse(list.out().lines().collect(Collectors.joining()).contains("attendance |"), list.out());
    }
}
