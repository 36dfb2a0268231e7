package org.rollcall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rollcall.cli.RollCallCommandLineTest.run;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.cli.RollCallCommandLineTest.Run;

import picocli.CommandLine;

/**
 * The limits of {@code rollcall serve} ({@code --max-connections}, {@code --statement-timeout}, {@code --max-rows}),
 * reached by pgjdbc and psql: each ends in PostgreSQL's SQLSTATE with a message that names the limit, and the server
 * (and, but for the connection refused, the session) goes on.
 */
class ServeLimitsTest {

    private static final String PASSWORD = "limits password";
    /** Runs for minutes on the test district: a cross product of daily_attendance with itself, thrice. */
    private static final String LONG_QUERY = "select count(*) from daily_attendance a, daily_attendance b, "
            + "daily_attendance c where a.student_id <> c.student_id and b.student_id <> 0";

    @TempDir
    static Path dir;
    static Path workspace;
    static Thread serving;
    static StringWriter serveOut = new StringWriter();
    static int port;

    @BeforeAll
    static void serve() throws Exception {
        workspace = dir.resolve("limits.rollcall");
        Run generated = run("generate", "--students", "300", "--years", "1", "--seed", "11", "--out", workspace.toString());
        assertEquals(0, generated.exitCode(), generated.err());
        Path users = dir.resolve("users.json");
        assertEquals(0, ServeTest.usersAdd(users, PASSWORD, "--name", "analyst"));
        CommandLine commandLine = RollCall.commandLine();
        commandLine.setOut(new PrintWriter(serveOut, true));
        commandLine.setErr(new PrintWriter(serveOut, true));
        serving = new Thread(() -> commandLine.execute("serve", "--workspace", workspace.toString(), "--port", "0",
                "--users", users.toString(), "--log", dir.resolve("logs").resolve("serve.jsonl").toString(),
                "--max-connections", "3", "--statement-timeout", "6s", "--max-rows", "50"),
                "serve-limits");
        serving.start();
        port = ServeTest.awaitListening(() -> serveOut.toString(), serving::isAlive);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        serving.interrupt();
        serving.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(serving.isAlive(), "serve did not stop");
    }

    static Connection connect(String... extra) throws SQLException {
        return ServeTest.pgjdbc(port, "analyst", PASSWORD, extra);
    }

    @Test
    void oneConnectionMoreThanMaxConnectionsIsRefusedWith53300AndItsPlaceComesBack() throws Exception {
        List<Connection> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                open.add(connect());
            }
            SQLException refused = assertThrows(SQLException.class, ServeLimitsTest::connect);
            assertEquals("53300", refused.getSQLState(), refused.getMessage());
            assertTrue(refused.getMessage().contains("at most 3 connections"), refused.getMessage());
            ServeTest.Psql psql = ServeTest.psql(port, PASSWORD, "", "select 1");
            assertTrue(psql.exitCode() != 0, psql.out());
            assertTrue(psql.err().contains("too many clients already"), psql.err());
            // the sessions already in go on
            assertEquals(List.of(List.of("1")), ServeTest.rows(open.get(0), "select 1"));
            open.remove(0).close();
            // the place of a closed connection is given back (its session ends on its own thread, soon after)
            Connection again = null;
            for (int attempt = 0; again == null && attempt < 100; attempt++) {
                try {
                    again = connect();
                } catch (SQLException e) {
                    assertEquals("53300", e.getSQLState(), e.getMessage());
                    Thread.sleep(100);
                }
            }
            assertNotNull(again, "the closed connection's place did not come back");
            // the refusals are in the log --log named
            assertTrue(ServeTest.log(dir.resolve("logs").resolve("serve.jsonl")).stream().anyMatch(e -> e.path("event")
                    .asText().equals("connect") && e.path("outcome").asText().equals("53300")
                    && e.path("message").asText().equals("too many connections")));
            open.add(again);
            assertEquals(List.of(List.of("2")), ServeTest.rows(again, "select 2"));
        } finally {
            for (Connection c : open) {
                c.close();
            }
        }
    }

    @Test
    void aStatementLongerThanTheServersTimeoutIsCancelledWith57014AndTheSessionGoesOn() throws Exception {
        for (String mode : List.of("simple", "extended")) {
            try (Connection c = connect("preferQueryMode", mode)) {
                SQLException timedOut = assertThrows(SQLException.class, () -> ServeTest.rows(c, LONG_QUERY), mode);
                assertEquals("57014", timedOut.getSQLState(), timedOut.getMessage());
                assertTrue(timedOut.getMessage().contains("canceling statement due to statement timeout"),
                        timedOut.getMessage());
                assertEquals(List.of(List.of("1")), ServeTest.rows(c, "select 1"), mode);
            }
        }
    }

    @Test
    void setStatementTimeoutShortensTheServersButNeverLengthensIt() throws Exception {
        try (Connection c = connect("preferQueryMode", "extended");
                Statement statement = c.createStatement()) {
            assertEquals(List.of(List.of("6s")), ServeTest.rows(c, "show statement_timeout"));
            statement.execute("set statement_timeout = 300");
            assertEquals(List.of(List.of("300ms")), ServeTest.rows(c, "show statement_timeout"));
            try (PreparedStatement prepared = c.prepareStatement(LONG_QUERY.replace("<> 0", "<> ?"))) {
                prepared.setInt(1, 0);
                SQLException timedOut = assertThrows(SQLException.class, prepared::executeQuery);
                assertEquals("57014", timedOut.getSQLState(), timedOut.getMessage());
                assertTrue(timedOut.getMessage().contains("statement timeout"), timedOut.getMessage());
            }
            statement.execute("set statement_timeout to '1h'");
            assertEquals(List.of(List.of("6s")), ServeTest.rows(c, "show statement_timeout"));
            assertNotNull(statement.getWarnings(), "the client is told the server's limit stays");
            assertTrue(statement.getWarnings().getMessage().contains("this server's limit"),
                    statement.getWarnings().getMessage());
            statement.execute("set statement_timeout = 0");
            assertEquals(List.of(List.of("6s")), ServeTest.rows(c, "show statement_timeout"));
            SQLException invalid = assertThrows(SQLException.class, () -> statement.execute("set statement_timeout = 'soon'"));
            assertEquals("22023", invalid.getSQLState(), invalid.getMessage());
            statement.execute("set statement_timeout = '2s'");
            statement.execute("reset statement_timeout");
            assertEquals(List.of(List.of("6s")), ServeTest.rows(c, "show statement_timeout"));
        }
        // psql, as a user types it
        ServeTest.Psql psql = ServeTest.psql(port, PASSWORD, "", "set statement_timeout = '300ms'; " + LONG_QUERY);
        assertTrue(psql.exitCode() != 0, psql.out());
        assertTrue(psql.err().contains("canceling statement due to statement timeout"), psql.err());
    }

    @Test
    void aResultWithMoreRowsThanMaxRowsFailsWith54000AndIsNeverTruncated() throws Exception {
        try (Connection c = connect("preferQueryMode", "simple")) {
            SQLException tooMany = assertThrows(SQLException.class, () -> ServeTest.rows(c, "select * from students"));
            assertEquals("54000", tooMany.getSQLState(), tooMany.getMessage());
            assertTrue(tooMany.getMessage().contains("more than 50 rows") && tooMany.getMessage().contains("LIMIT"),
                    tooMany.getMessage());
            assertEquals(50, ServeTest.rows(c, "select * from students order by student_id limit 50").size());
            // the limit is on the rows of the result, not on those a query reads
            assertTrue(Long.parseLong(ServeTest.rows(c, "select count(*) from students").get(0).get(0)) > 50);
        }
        // the extended protocol, reading in portions of 20 rows (a fetch size with autocommit off)
        try (Connection c = connect("preferQueryMode", "extended")) {
            c.setAutoCommit(false);
            try (PreparedStatement statement = c.prepareStatement("select student_id from students where student_id > ?")) {
                statement.setFetchSize(20);
                statement.setInt(1, 0);
                int[] read = {0};
                try (ResultSet rs = statement.executeQuery()) {
                    SQLException tooMany = assertThrows(SQLException.class, () -> {
                        while (rs.next()) {
                            read[0]++; // portion after portion, until the server says the result is too large
                        }
                    });
                    assertEquals("54000", tooMany.getSQLState(), tooMany.getMessage());
                }
                assertTrue(read[0] <= 50, "read " + read[0]);
            }
            c.rollback();
            assertEquals(List.of(List.of("1")), ServeTest.rows(c, "select 1"));
        }
        ServeTest.Psql psql = ServeTest.psql(port, PASSWORD, "", "select * from daily_attendance");
        assertTrue(psql.exitCode() != 0, psql.out());
        assertTrue(psql.err().contains("more than 50 rows"), psql.err());
        assertEquals("", psql.out(), "psql prints no part of the result");
    }

    @Test
    void badLimitOptionsAreRefusedWithAMessage() {
        Run unitless = run("serve", "--workspace", workspace.toString(), "--users", dir.resolve("users.json").toString(),
                "--statement-timeout", "30");
        assertEquals(2, unitless.exitCode(), unitless.err());
        assertTrue(unitless.err().contains("--statement-timeout takes a duration with its unit"), unitless.err());
        Run negative = run("serve", "--workspace", workspace.toString(), "--users", dir.resolve("users.json").toString(),
                "--max-rows", "-1");
        assertEquals(2, negative.exitCode(), negative.err());
        assertTrue(negative.err().contains("cannot be negative"), negative.err());
    }
}
