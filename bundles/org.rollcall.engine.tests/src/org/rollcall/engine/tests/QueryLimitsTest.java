package org.rollcall.engine.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.engine.RollCallDriver;

/**
 * A query that would run for hours or fill the heap is stopped, with a message saying why, and the connection
 * goes on answering. The queries join the fixture's 300 days with themselves into billions of rows, once inside
 * SQLite and once in Calcite's own operators; the time limits only keep a regression from hanging the build.
 */
class QueryLimitsTest {

    /** Four-way join on the school: about a billion rows, counted by SQLite (the whole plan is pushed). */
    static final String SQLITE_FOR_HOURS = "select count(*) from daily_attendance a "
            + "join daily_attendance b on b.school_code = a.school_code "
            + "join daily_attendance c on c.school_code = b.school_code "
            + "join daily_attendance d on d.school_code = c.school_code";

    /** The same size of work in Calcite's nested loops: SQLite has no SIMILAR TO, so the joins stay in Java. */
    static final String JAVA_FOR_HOURS = "select count(*) from daily_attendance a "
            + "join daily_attendance b on b.local_code similar to a.local_code "
            + "join daily_attendance c on c.local_code similar to b.local_code "
            + "join daily_attendance d on d.local_code similar to c.local_code";

    static final Duration NO_HANG = Duration.ofMinutes(2);

    @TempDir
    static Path dir;
    static Path workspace;

    @BeforeAll
    static void createWorkspace() {
        workspace = FixtureDistrict.create(dir);
    }

    @Test
    void theLongQueriesRunWhereTheirNamesSay() throws SQLException {
        try (Connection c = RollCallDriver.open(workspace)) {
            String inSqlite = plan(c, SQLITE_FOR_HOURS);
            assertTrue(inSqlite.startsWith("JdbcToEnumerableConverter")
                    && inSqlite.indexOf("Enumerable", "JdbcToEnumerableConverter".length()) < 0, inSqlite);
            assertTrue(plan(c, JAVA_FOR_HOURS).contains("EnumerableNestedLoopJoin"), plan(c, JAVA_FOR_HOURS));
        }
    }

    @Test
    void aQueryTimeoutStopsSqliteWithAClearErrorAndTheConnectionGoesOn() throws SQLException {
        try (Connection c = RollCallDriver.open(workspace)) {
            for (int i = 0; i < 6; i++) { // more than the SQLite connections a RollCall connection keeps
                assertTimedOut(c, SQLITE_FOR_HOURS);
            }
            assertEquals(List.of(List.of(300L)), DriverTest.query(c, "select count(*) from daily_attendance"));
        }
    }

    @Test
    void aQueryTimeoutStopsCalcitesOwnJoins() throws SQLException {
        try (Connection c = RollCallDriver.open(workspace)) {
            assertTimedOut(c, JAVA_FOR_HOURS);
            assertEquals(List.of(List.of(300L)), DriverTest.query(c, "select count(*) from daily_attendance"));
        }
    }

    @Test
    void cancelFromAnotherThreadStopsTheRunningStatement() throws Exception {
        for (String sql : List.of(SQLITE_FOR_HOURS, JAVA_FOR_HOURS)) {
            try (Connection c = RollCallDriver.open(workspace); Statement s = c.createStatement()) {
                CompletableFuture<Void> cancel = CompletableFuture.runAsync(() -> {
                    try {
                        s.cancel();
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }, CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS));
                SQLException e = assertTimeoutPreemptively(NO_HANG,
                        () -> assertThrows(SQLException.class, () -> count(s, sql)));
                cancel.get();
                assertEquals("57014", e.getSQLState(), e.getMessage());
                assertEquals("query cancelled", e.getMessage());
                // the statement, not just the connection, runs the next query
                assertEquals(2L, count(s, "select count(*) from schools"));
            }
        }
    }

    @Test
    void aQueryHoldingMoreRowsThanTheBudgetIsStoppedAndTheNextOneRuns() throws SQLException {
        Properties small = new Properties();
        small.setProperty("maxRowsInMemory", "100");
        // SQLite has no SIMILAR TO: the filter, and so the sort above it, run in Calcite, which keeps all 300 rows
        String javaSort = "select student_id, attendance_date from daily_attendance where local_code similar to '%' "
                + "order by attendance_date, student_id";
        try (Connection c = new RollCallDriver().connect(RollCallDriver.PREFIX + workspace, small)) {
            assertTrue(plan(c, javaSort).contains("EnumerableSort"), plan(c, javaSort));
            SQLException e = assertThrows(SQLException.class, () -> DriverTest.query(c, javaSort));
            assertEquals("53200", e.getSQLState(), e.getMessage());
            assertTrue(e.getMessage().startsWith("query stopped: it would hold more than 100 rows in memory"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("maxRowsInMemory"), e.getMessage());
            // the same join's build side is over the budget too
            SQLException join = assertThrows(SQLException.class, () -> DriverTest.query(c,
                    "select count(*) from daily_attendance a join daily_attendance b on a.student_id = b.student_id "
                            + "and b.local_code similar to 'P'"));
            assertEquals("53200", join.getSQLState(), join.getMessage());
            assertEquals(List.of(List.of(300L)), DriverTest.query(c, "select count(*) from daily_attendance"));
        }
        try (Connection c = RollCallDriver.open(workspace)) {
            assertEquals(300, DriverTest.query(c, javaSort).size());
        }
    }

    @Test
    void aBudgetThatIsNoNumberIsRefusedAtConnect() {
        SQLException e = assertThrows(SQLException.class, () -> new RollCallDriver().connect(
                RollCallDriver.PREFIX + workspace + ";maxRowsInMemory=lots", new Properties()));
        assertTrue(e.getMessage().contains("maxRowsInMemory is a number of rows above 0, not 'lots'"), e.getMessage());
    }

    private static void assertTimedOut(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.setQueryTimeout(1);
            assertEquals(1, s.getQueryTimeout());
            SQLException e = assertTimeoutPreemptively(NO_HANG,
                    () -> assertThrows(SQLException.class, () -> count(s, sql)));
            assertEquals("57014", e.getSQLState(), e.getMessage());
            assertEquals("query cancelled: timeout of 1 s reached", e.getMessage());
        }
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String plan(Connection c, String sql) throws SQLException {
        return DriverTest.query(c, "explain plan for " + sql).get(0).get(0).toString();
    }
}
