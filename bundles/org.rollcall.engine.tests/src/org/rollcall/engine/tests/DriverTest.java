package org.rollcall.engine.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.engine.RollCallDriver;

/** The jdbc:rollcall: driver as a BI tool meets it: names, dates, safety and pushdown. */
class DriverTest {

    @TempDir
    static Path dir;
    static Path workspace;

    @BeforeAll
    static void createWorkspace() {
        workspace = FixtureDistrict.create(dir);
    }

    static List<List<Object>> query(Connection connection, String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    void unquotedNamesInAnyCaseFindTheLowerCaseTables() throws SQLException {
        try (Connection c = RollCallDriver.open(workspace)) {
            assertEquals(List.of(List.of("Elm Elementary"), List.of("Oak Elementary")),
                    query(c, "select school_name from schools order by school_name"));
            assertEquals(List.of(List.of(2L)), query(c, "SELECT COUNT(*) FROM Schools WHERE School_Level = 'ELEMENTARY'"));
            assertEquals(List.of(List.of(2L)), query(c, "select count(*) from \"schools\""));
        }
    }

    @Test
    void countsTheDailyAttendanceFactTable() throws SQLException {
        try (Connection c = RollCallDriver.open(workspace)) {
            // five students, 60 days each (students 3 and 4 split them over two schools)
            assertEquals(List.of(List.of(300L)), query(c, "select count(*) from daily_attendance"));
        }
    }

    @Test
    void datesAreDateValuesWhateverTheTimeZone() throws SQLException {
        java.util.TimeZone original = java.util.TimeZone.getDefault();
        try {
            for (String zone : List.of("UTC", "America/Los_Angeles", "Pacific/Kiritimati", "America/Adak")) {
                java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone(zone));
                try (Connection c = RollCallDriver.open(workspace); Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("select min(attendance_date) as first_day from daily_attendance "
                                + "where attendance_date >= date '2024-09-05'")) {
                    assertEquals(Types.DATE, rs.getMetaData().getColumnType(1));
                    assertTrue(rs.next());
                    assertEquals(LocalDate.of(2024, 9, 5), rs.getDate(1).toLocalDate(), zone);
                }
            }
        } finally {
            java.util.TimeZone.setDefault(original);
        }
    }

    @Test
    void classLoadingPropertiesFromTheClientAreIgnored() throws SQLException {
        Properties hostile = new Properties();
        hostile.setProperty("model", "inline:{version:'1.0',schemas:[{name:'x',type:'custom',factory:'com.example.Evil'}]}");
        hostile.setProperty("schemaFactory", "com.example.EvilSchemaFactory");
        hostile.setProperty("typeSystem", "com.example.EvilTypeSystem");
        hostile.setProperty("schemaType", "JDBC");
        try (Connection c = new RollCallDriver().connect(RollCallDriver.PREFIX + workspace, hostile)) {
            assertEquals("attendance", c.getSchema());
            assertEquals(List.of(List.of(2L)), query(c, "select count(*) from schools"));
        }
    }

    @Test
    void aMissingWorkspaceNamesTheFile() {
        Path missing = dir.resolve("nowhere.rollcall");
        SQLException e = assertThrows(SQLException.class, () -> RollCallDriver.open(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void aFileThatIsNoWorkspaceIsRefusedAtConnect() throws Exception {
        Path text = java.nio.file.Files.writeString(dir.resolve("notes.rollcall"), "attendance notes");
        SQLException notSqlite = assertThrows(SQLException.class, () -> RollCallDriver.open(text));
        assertTrue(notSqlite.getMessage().contains("notes.rollcall is not a RollCall workspace"),
                notSqlite.getMessage());
        Path foreign = dir.resolve("foreign.rollcall");
        try (Connection c = org.rollcall.store.Workspace.dataSource(foreign, false).getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id INTEGER)");
        }
        SQLException notOurs = assertThrows(SQLException.class, () -> RollCallDriver.open(foreign));
        assertTrue(notOurs.getMessage().contains("foreign.rollcall is a database but not a RollCall workspace"),
                notOurs.getMessage());
    }

    @Test
    void aRepeatedQueryAnswersTheSameFromItsCachedPlan() throws SQLException {
        String sql = "select student_id, days_absent from district_student_year order by student_id, school_year";
        try (Connection c = RollCallDriver.open(workspace)) {
            List<List<Object>> first = query(c, sql);
            assertEquals(5, first.size());
            for (int i = 0; i < 3; i++) {
                assertEquals(first, query(c, sql));
            }
            // the row limit is part of the plan: a cached unlimited plan must not answer a limited statement
            try (Statement limited = c.createStatement()) {
                limited.setMaxRows(2);
                try (ResultSet rs = limited.executeQuery(sql)) {
                    int rows = 0;
                    while (rs.next()) {
                        rows++;
                    }
                    assertEquals(2, rows);
                }
            }
            try (java.sql.PreparedStatement p = c.prepareStatement(
                    "select count(*) from district_student_year where days_absent >= ?")) {
                p.setInt(1, 0);
                long all = count(p);
                p.setInt(1, 1000);
                assertEquals(0, count(p));
                p.setInt(1, 0);
                assertEquals(all, count(p));
            }
        }
        try (Connection other = RollCallDriver.open(workspace)) {
            assertEquals(5, query(other, sql).size());
        }
    }

    @Test
    void connectionsOpenedTogetherOnOneWorkspacePlanEachQueryOnce() throws Exception {
        // a dashboard's connections all ask for the same view at once; planning it once per connection cost seconds
        String sql = "select school_code, count(*) from daily_attendance where category <> 'present' "
                + "group by school_code order by school_code";
        java.util.concurrent.atomic.AtomicInteger parses = new java.util.concurrent.atomic.AtomicInteger();
        int connections = 8;
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(connections);
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(connections);
        try (org.apache.calcite.runtime.Hook.Closeable counting = org.apache.calcite.runtime.Hook.PARSE_TREE.add(
                (Object[] parsed) -> {
                    if (sql.equals(parsed[0])) {
                        parses.incrementAndGet();
                    }
                })) {
            List<java.util.concurrent.Future<List<List<Object>>>> answers = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                answers.add(threads.submit(() -> {
                    try (Connection c = RollCallDriver.open(workspace)) {
                        together.await();
                        return query(c, sql);
                    }
                }));
            }
            List<List<Object>> expected = List.of(List.of(FixtureDistrict.ELM, 79L), List.of(FixtureDistrict.OAK, 1L));
            for (java.util.concurrent.Future<List<List<Object>>> answer : answers) {
                assertEquals(expected, answer.get());
            }
            // a plan made by a connection since closed runs on the next connection's own SQLite connections
            try (Connection c = RollCallDriver.open(workspace)) {
                assertEquals(expected, query(c, sql));
            }
        } finally {
            threads.shutdown();
        }
        assertEquals(1, parses.get());
    }

    private static long count(java.sql.PreparedStatement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aClosedConnectionRefusesQueries() throws SQLException {
        Connection c = RollCallDriver.open(workspace);
        query(c, "select count(*) from schools");
        c.close();
        assertTrue(c.isClosed());
        assertThrows(SQLException.class, () -> query(c, "select count(*) from schools"));
    }

    @Test
    void theWorkspaceCannotBeChangedThroughTheDriver() throws SQLException {
        try (Connection c = RollCallDriver.open(workspace); Statement s = c.createStatement()) {
            for (String write : List.of(
                    "insert into attendance_codes (local_code, description, category) values ('X', 'x', 'present')",
                    "update attendance_codes set description = 'x'", "delete from attendance_codes",
                    "create table notes (note varchar(10))", "drop view chronic_absence_by_school",
                    "  -- a comment first\n ALTER TABLE schools ADD COLUMN x INTEGER")) {
                SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate(write), write);
                String verb = write.strip().replaceFirst("(?s)^--[^\n]*\n\s*", "").split(" ")[0].toUpperCase();
                assertEquals("RollCall is read-only: " + verb + " is refused; a workspace changes only through "
                        + "'rollcall import'", e.getMessage(), write);
                assertEquals("25006", e.getSQLState());
            }
            SQLException prepared = assertThrows(SQLException.class,
                    () -> c.prepareStatement("delete from attendance_codes where local_code = ?"));
            assertTrue(prepared.getMessage().startsWith("RollCall is read-only: DELETE"), prepared.getMessage());
            assertEquals(List.of(List.of(4L)), query(c, "select count(*) from attendance_codes"));
        }
    }

    @Test
    void theConnectionStaysReadOnly() throws SQLException {
        try (Connection c = RollCallDriver.open(workspace)) {
            assertTrue(c.isReadOnly());
            c.setReadOnly(true);
            SQLException e = assertThrows(java.sql.SQLFeatureNotSupportedException.class, () -> c.setReadOnly(false));
            assertTrue(e.getMessage().startsWith("RollCall is read-only"), e.getMessage());
            assertTrue(c.isReadOnly());
        }
    }

    @Test
    void operatorsSqliteLacksAreEvaluatedByCalcite() throws SQLException {
        try (Connection c = RollCallDriver.open(workspace)) {
            String similar = "select count(*) from daily_attendance where local_code similar to '(I|U)'";
            assertEquals(query(c, "select count(*) from daily_attendance where local_code in ('I', 'U')"),
                    query(c, similar));
            assertEquals(List.of(List.of(220L)),
                    query(c, "select count(*) from daily_attendance where local_code not similar to '(I|U)'"));
            String plan = query(c, "explain plan for " + similar).get(0).get(0).toString();
            assertTrue(plan.contains("SIMILAR TO") && !plan.contains("JdbcFilter"), plan);
            assertEquals(List.of(List.of(2024L)), query(c,
                    "select distinct extract(year from attendance_date) from daily_attendance "
                            + "where attendance_date < date '2025-01-01'"));
        }
    }

    @Test
    void groupedQueriesRunInsideSqlite() throws SQLException {
        try (Connection c = RollCallDriver.open(workspace)) {
            for (String sql : List.of(
                    "select school_name, count(*) from daily_attendance d join schools s on s.school_code = d.school_code "
                            + "where d.attendance_date >= date '2024-10-01' group by school_name",
                    "select * from chronic_absence_by_school", "select * from chronic_absence_by_grade",
                    "select * from district_snapshot")) {
                String plan = query(c, "explain plan for " + sql).get(0).get(0).toString();
                assertTrue(plan.startsWith("JdbcToEnumerableConverter"), plan);
                assertEquals(-1, plan.indexOf("Enumerable", "JdbcToEnumerableConverter".length()), plan);
            }
        }
    }

    @Test
    void dashboardFunctionsAnswerOnAnyCounts() throws SQLException {
        try (Connection c = RollCallDriver.open(workspace)) {
            assertEquals(List.of(java.util.Arrays.asList("High", "Declined", "Yellow", null, "Very Low")), query(c,
                    "select dashboard_status(101, 1000), dashboard_change(22, 149, 203, 1000), "
                            + "DASHBOARD_COLOR(22, 150, 202, 1000), dashboard_color(3, 29, 3, 29), "
                            + "dashboard_status(0, 30)"));
            // on the views' own counts: Elm has 2 of 3 eligible students chronic
            assertEquals(List.of(List.of("Elm Elementary", "Very High")), query(c,
                    "select school_name, dashboard_status(chronic_students, eligible_students) "
                            + "from chronic_absence_by_school"));
        }
    }

    @Test
    void registersAsAJdbcDriverService() {
        assertTrue(java.util.ServiceLoader.load(java.sql.Driver.class, RollCallDriver.class.getClassLoader()).stream()
                .anyMatch(p -> p.type() == RollCallDriver.class));
    }
}
