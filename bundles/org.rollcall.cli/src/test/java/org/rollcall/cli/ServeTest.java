package org.rollcall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.rollcall.cli.RollCallCommandLineTest.run;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.cli.RollCallCommandLineTest.Run;
import org.rollcall.engine.RollCallDriver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;

/**
 * {@code rollcall serve} on a small generated district, spoken to by clients nobody in this project wrote: pgjdbc
 * (simple query mode, its default extended mode with named statements and binary transfer, extendedForPrepared)
 * and psql. Answers must equal those of {@link RollCallDriver} on the same workspace.
 */
class ServeTest {

    private static final String PASSWORD = "correct horse battery";
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    static Path dir;
    static Path workspace;
    static Path users;
    static Thread serving;
    static StringWriter serveOut = new StringWriter();
    static int port;

    @BeforeAll
    static void serve() throws Exception {
        workspace = dir.resolve("serve.rollcall");
        Run generated = run("generate", "--students", "300", "--years", "1", "--seed", "7", "--out", workspace.toString());
        assertEquals(0, generated.exitCode(), generated.err());
        users = dir.resolve("users.json");
        assertEquals(0, usersAdd(users, PASSWORD, "--name", "analyst"));
        assertEquals(0, usersAdd(users, "another secret", "--name", "principal", "--school", "19642460000001"));
        CommandLine commandLine = RollCall.commandLine();
        commandLine.setOut(new PrintWriter(serveOut, true));
        commandLine.setErr(new PrintWriter(serveOut, true));
        serving = new Thread(() -> commandLine.execute("serve", "--workspace", workspace.toString(), "--port", "0",
                "--users", users.toString()), "serve-under-test");
        serving.start();
        port = awaitListening(() -> serveOut.toString(), serving::isAlive);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        serving.interrupt();
        serving.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(serving.isAlive(), "serve did not stop");
    }

    /** Runs {@code rollcall users add} in a JVM of its own, the password in ROLLCALL_PASSWORD as a user would. */
    static int usersAdd(Path usersFile, String password, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), RollCall.class.getName(), "users", "add", "--users",
                usersFile.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("ROLLCALL_PASSWORD", password);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), output);
        assertEquals(0, process.exitValue(), output);
        return process.exitValue();
    }

    static int awaitListening(java.util.function.Supplier<String> output, java.util.function.BooleanSupplier alive)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(output.get());
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!alive.getAsBoolean()) {
                throw new AssertionError("serve ended: " + output.get());
            }
            Thread.sleep(20);
        }
        throw new AssertionError("serve did not listen within two minutes: " + output.get());
    }

    static Connection pgjdbc(String user, String password, String... extra) throws SQLException {
        return pgjdbc(port, user, password, extra);
    }

    /** pgjdbc to the server on {@code port} (simple query mode, no TLS, unless {@code extra} says otherwise). */
    static Connection pgjdbc(int port, String user, String password, String... extra) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("preferQueryMode", "simple");
        properties.setProperty("sslmode", "disable");
        for (int i = 0; i + 1 < extra.length; i += 2) {
            properties.setProperty(extra[i], extra[i + 1]);
        }
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/rollcall", properties);
    }

    /** The rows of {@code sql}, numbers compared by value (pgjdbc reads float8 text as Double, as the engine has it). */
    static List<List<String>> rows(Connection connection, String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int c = 1; c <= meta.getColumnCount(); c++) {
                    Object value = rs.getObject(c);
                    row.add(value instanceof Number n ? new BigDecimal(n.toString()).stripTrailingZeros().toPlainString()
                            : String.valueOf(value));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    static String sqlState(SQLException e) {
        return e.getSQLState();
    }

    @Test
    void theRightPasswordLogsInAndAWrongOneOrAnUnknownUserIsRefusedWith28P01() throws SQLException {
        try (Connection connection = pgjdbc("analyst", PASSWORD)) {
            assertEquals(List.of(List.of("1")), rows(connection, "select 1"));
            assertTrue(connection.getMetaData().getDatabaseProductVersion().startsWith("16.0"));
        }
        SQLException wrong = assertThrows(SQLException.class, () -> pgjdbc("analyst", "not the password"));
        assertEquals("28P01", sqlState(wrong));
        SQLException unknown = assertThrows(SQLException.class, () -> pgjdbc("nobody", PASSWORD));
        assertEquals("28P01", sqlState(unknown));
        SQLException database = assertThrows(SQLException.class, () -> DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + port + "/postgres?preferQueryMode=simple", "analyst", PASSWORD));
        assertEquals("3D000", sqlState(database));
    }

    @Test
    void aUserScopedToASchoolTheWorkspaceLacksCannotLogIn() {
        SQLException refused = assertThrows(SQLException.class, () -> pgjdbc("principal", "another secret"));
        assertEquals("28000", sqlState(refused));
        assertTrue(refused.getMessage().contains("names no school of the workspace"), refused.getMessage());
    }

    /**
     * A principal scoped to one school sees its students, days and summaries and no other school's row in any table
     * or view of the schema; what they see is counted here in the full workspace by SQLite itself.
     */
    @Test
    void aSchoolScopedUserSeesOnlyItsSchool() throws Exception {
        String school;
        long students;
        long days;
        java.util.Set<Long> enrolled = new java.util.HashSet<>();
        try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + workspace);
                Statement s = sqlite.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT school_code FROM schools ORDER BY school_code LIMIT 1")) {
                rs.next();
                school = rs.getString(1);
            }
            try (ResultSet rs = s.executeQuery("SELECT DISTINCT student_id FROM enrollments WHERE school_code = '"
                    + school + "'")) {
                while (rs.next()) {
                    enrolled.add(rs.getLong(1));
                }
            }
            students = enrolled.size();
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM daily_attendance WHERE school_code = '" + school
                    + "'")) {
                rs.next();
                days = rs.getLong(1);
            }
        }
        assertEquals(0, usersAdd(users, "scoped secret", "--name", "head", "--school", school));
        try (Connection c = pgjdbc("head", "scoped secret")) {
            assertEquals(List.of(List.of(String.valueOf(students))), rows(c, "select count(*) from students"));
            assertEquals(List.of(List.of(String.valueOf(days), "1")),
                    rows(c, "select count(*), count(distinct school_code) from daily_attendance"));
            for (String table : List.of("students", "daily_attendance", "student_school_year", "early_warning")) {
                for (List<String> row : rows(c, "select distinct student_id from " + table)) {
                    assertTrue(enrolled.contains(Long.parseLong(row.get(0))), table + " shows student " + row.get(0)
                            + " who is not enrolled at " + school);
                }
            }
            // every table and view of the schema: no other school's code, no student from elsewhere
            List<String> relations = new ArrayList<>();
            List<String> checked = new ArrayList<>();
            try (ResultSet rs = RollCallDriver.open(workspace).getMetaData().getTables(null, "attendance", "%", null)) {
                while (rs.next()) {
                    relations.add(rs.getString("TABLE_NAME"));
                }
            }
            for (String relation : relations) {
                List<String> columns = new ArrayList<>();
                try (Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("select * from " + relation + " limit 0")) {
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        columns.add(rs.getMetaData().getColumnLabel(i));
                    }
                }
                if (columns.contains("school_code")) {
                    for (List<String> row : rows(c, "select distinct school_code from " + relation
                            + " where school_code is not null")) {
                        assertEquals(school, row.get(0), relation + " shows another school's row");
                    }
                    checked.add(relation);
                }
                if (columns.contains("student_id")) {
                    for (List<String> row : rows(c, "select distinct student_id from " + relation)) {
                        assertTrue(enrolled.contains(Long.parseLong(row.get(0))), relation + " shows student "
                                + row.get(0));
                    }
                    checked.add(relation);
                }
            }
            assertTrue(checked.size() > 20, "checked " + checked);
            assertEquals(List.of(), rows(c, "select * from import_log"), "the import history is withheld");
            assertTrue(rows(c, "select district_name from districts").get(0).get(0).contains("(1 of "),
                    "the district says it is a part");
        }
    }

    @Test
    void tablesMetricViewsAndDashboardFunctionsAnswerAsTheDriverDoes() throws SQLException {
        List<String> queries = List.of("select count(*) from schools",
                "select * from chronic_absence_by_school order by 1, 2, 3",
                "select school_name, dashboard_status(chronic_students, eligible_students) from "
                        + "chronic_absence_by_school order by 1, 2",
                "select dashboard_status(101, 1000), dashboard_color(22, 150, 202, 1000)",
                "select min(attendance_date), max(attendance_date), count(distinct student_id) from daily_attendance");
        try (Connection served = pgjdbc("analyst", PASSWORD); Connection direct = RollCallDriver.open(workspace)) {
            for (String query : queries) {
                List<List<String>> expected = rows(direct, query);
                assertFalse(expected.isEmpty(), query);
                assertEquals(expected, rows(served, query), query);
            }
            try (Statement statement = served.createStatement();
                    ResultSet rs = statement.executeQuery("select count(*) as n, max(school_name) as s from schools")) {
                assertEquals("int8", rs.getMetaData().getColumnTypeName(1));
                assertEquals("varchar", rs.getMetaData().getColumnTypeName(2));
            }
        }
    }

    /** PostgreSQL's own names (parse_target.c FigureColname), which BI tools show and key their charts by. */
    @Test
    void unnamedResultColumnsAreNamedAsPostgreSqlNamesThem() throws SQLException {
        String sql = "select count(*), sum(char_length(school_code)), 1 + 1, cast(count(*) as integer), cast(1 as integer), "
                + "max(school_name), count(*) as n, coalesce(max(school_name), 'x'), "
                + "case when count(*) > 1 then 'many' end, dashboard_status(1, 2), "
                + "(select max(school_name) from schools), true, cast(max(school_name) as varchar(40)), "
                + "current_date, extract(year from current_date), min(\"school_name\") as \"Lowest\" from schools";
        List<String> expected = List.of("count", "sum", "?column?", "count", "int4", "max", "n", "coalesce", "case",
                "dashboard_status", "max", "bool", "max", "current_date", "extract", "Lowest");
        try (Connection connection = pgjdbc("analyst", PASSWORD)) {
            assertEquals(expected, labels(connection, sql));
            assertEquals(List.of("school_name", "?column?"), labels(connection,
                    "select s.school_name, 2 * 3 from schools s union all select 'x', 1 order by 1"));
            assertEquals(List.of("column1", "column2"), labels(connection, "values (1, 'a')"));
        }
    }

    static List<String> labels(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            List<String> labels = new ArrayList<>();
            for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                labels.add(rs.getMetaData().getColumnLabel(c));
            }
            return labels;
        }
    }

    @Test
    void writesAreRefusedWith25006AndSyntaxErrorsWith42601AndTheConnectionGoesOn() throws SQLException {
        try (Connection connection = pgjdbc("analyst", PASSWORD); Statement statement = connection.createStatement()) {
            SQLException insert = assertThrows(SQLException.class,
                    () -> statement.execute("insert into schools (school_name) values ('x')"));
            assertEquals("25006", sqlState(insert));
            SQLException create = assertThrows(SQLException.class, () -> statement.execute("create table t (x int)"));
            assertEquals("25006", sqlState(create));
            SQLException syntax = assertThrows(SQLException.class, () -> statement.executeQuery("selec 1 from"));
            assertEquals("42601", sqlState(syntax));
            SQLException table = assertThrows(SQLException.class, () -> statement.executeQuery("select * from nosuch"));
            assertEquals("42P01", sqlState(table));
            assertEquals(List.of(List.of("2")), rows(connection, "select 1 + 1"));
        }
    }

    @Test
    void setShowTransactionsAndSeveralStatementsInOneQuery() throws SQLException {
        try (Connection connection = pgjdbc("analyst", PASSWORD)) {
            assertEquals(List.of(List.of("UTC")), rows(connection, "show TimeZone"));
            assertEquals(List.of(List.of("on")), rows(connection, "show standard_conforming_strings"));
            assertEquals(List.of(List.of("on")), rows(connection, "show transaction_read_only"));
            assertEquals(java.sql.Connection.TRANSACTION_READ_COMMITTED, connection.getTransactionIsolation());
            try (Statement statement = connection.createStatement()) {
                statement.execute("set application_name = 'dashboard'");
                assertEquals(List.of(List.of("dashboard")), rows(connection, "show application_name"));
                SQLException unknown = assertThrows(SQLException.class, () -> statement.execute("set model = 'x'"));
                assertEquals("42704", sqlState(unknown));
                assertTrue(statement.execute("select 1; select 'two'; show DateStyle"));
                assertEquals(1, first(statement));
                assertTrue(statement.getMoreResults());
                try (ResultSet rs = statement.getResultSet()) {
                    assertTrue(rs.next());
                    assertEquals("two", rs.getString(1));
                }
                assertTrue(statement.getMoreResults());
                try (ResultSet rs = statement.getResultSet()) {
                    assertTrue(rs.next());
                    assertEquals("ISO, MDY", rs.getString(1));
                }
                statement.execute("discard all");
                assertFalse(statement.execute(";"), "an empty query answers EmptyQueryResponse");
            }
            connection.setAutoCommit(false);
            assertEquals(List.of(List.of("3")), rows(connection, "select 3"));
            connection.commit();
            // as in PostgreSQL, an error ends the transaction block's work until it is rolled back
            SQLException failed = assertThrows(SQLException.class, () -> rows(connection, "select * from nosuch"));
            assertEquals("42P01", sqlState(failed));
            SQLException aborted = assertThrows(SQLException.class, () -> rows(connection, "select 4"));
            assertEquals("25P02", sqlState(aborted));
            connection.rollback();
            assertEquals(List.of(List.of("5")), rows(connection, "select 5"));
            connection.setAutoCommit(true);
        }
    }

    private static int first(Statement statement) throws SQLException {
        try (ResultSet rs = statement.getResultSet()) {
            assertTrue(rs.next());
            return rs.getInt(1);
        }
    }

    @Test
    void cancelFromAnotherThreadEndsALongQueryWith57014() throws Exception {
        try (Connection connection = pgjdbc("analyst", PASSWORD); Statement statement = connection.createStatement()) {
            CompletableFuture<SQLException> outcome = CompletableFuture.supplyAsync(() -> {
                try {
                    statement.executeQuery("select count(*) from daily_attendance a, daily_attendance b, "
                            + "daily_attendance c where a.student_id <> c.student_id");
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            });
            Thread.sleep(1500);
            assertFalse(outcome.isDone(), "the query ended before it was cancelled: " + outcome.getNow(null));
            statement.cancel();
            SQLException cancelled = outcome.get(60, TimeUnit.SECONDS);
            assertTrue(cancelled != null, "the query was not cancelled");
            assertEquals("57014", sqlState(cancelled), cancelled.getMessage());
            assertEquals(List.of(List.of("1")), rows(connection, "select 1"));
        }
    }

    /** pgjdbc as BI tools run it: the extended protocol, named statements from the fifth execution, binary. */
    static Connection extended(String... extra) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "analyst");
        properties.setProperty("password", PASSWORD);
        properties.setProperty("sslmode", "disable");
        for (int i = 0; i + 1 < extra.length; i += 2) {
            properties.setProperty(extra[i], extra[i + 1]);
        }
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/rollcall", properties);
    }

    static List<List<String>> rows(PreparedStatement statement) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                    Object value = rs.getObject(c);
                    row.add(value instanceof Number n ? new BigDecimal(n.toString()).stripTrailingZeros().toPlainString()
                            : String.valueOf(value));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    void preparedStatementsWithParametersAnswerAsTheDriverDoesTenTimesOver() throws SQLException {
        List<String> schools = new ArrayList<>();
        try (Connection served = extended(); Connection direct = RollCallDriver.open(workspace);
                PreparedStatement bySchool = served.prepareStatement(
                        "select school_name, count(*) from daily_attendance d join schools s using (school_code) "
                                + "where s.school_code = ? and d.attendance_date >= ? and coalesce(d.minutes_absent, 0) >= ? "
                                + "group by school_name");
                PreparedStatement reused = served.prepareStatement("select school_code from schools order by 1")) {
            for (List<String> row : rows(direct, "select school_code from schools order by 1")) {
                schools.add(row.get(0));
            }
            // ten times: pgjdbc switches to a named server statement and binary results after the fifth
            for (int i = 0; i < 10; i++) {
                String school = schools.get(i % schools.size());
                String from = i % 2 == 0 ? "2024-01-01" : "2023-09-15";
                int minutes = i % 2;
                bySchool.setString(1, school);
                bySchool.setDate(2, java.sql.Date.valueOf(from));
                bySchool.setInt(3, minutes);
                List<List<String>> expected = rows(direct, "select school_name, count(*) from daily_attendance d join "
                        + "schools s using (school_code) where s.school_code = '" + school + "' and d.attendance_date "
                        + ">= date '" + from + "' and coalesce(d.minutes_absent, 0) >= " + minutes + " group by school_name");
                assertFalse(expected.isEmpty(), school + " " + from);
                assertEquals(expected, rows(bySchool), "execution " + (i + 1));
                assertEquals(rows(direct, "select school_code from schools order by 1"), rows(reused));
            }
        }
    }

    @Test
    void parameterAndResultValuesOfTheCommonTypesSurviveTextAndBinaryFormats() throws SQLException {
        String sql = "select ?, ?, ?, ?, ?, ?, cast(? as date), cast(? as timestamp), date '2024-02-29', "
                + "timestamp '2024-02-29 13:14:15', cast(12.345 as decimal(10, 3)), cast(-0.5 as double), true, "
                + "cast(3 as smallint), cast(2.5 as real), cast(null as integer)";
        List<List<String>> expected = List.of(List.of("42", "1099511627776", "2.5", "-12.345", "true", "O'Brien",
                "2024-01-15", "2024-01-15 10:11:12.0", "2024-02-29", "2024-02-29 13:14:15.0", "12.345", "-0.5", "true",
                "3", "2.5", "null"));
        // prepareThreshold -1: binary from the first execution; 5 (the default): text until the fifth
        for (String threshold : List.of("-1", "5")) {
            try (Connection served = extended("prepareThreshold", threshold);
                    PreparedStatement statement = served.prepareStatement(sql)) {
                for (int i = 0; i < 7; i++) {
                    statement.setInt(1, 42);
                    statement.setLong(2, 1L << 40);
                    statement.setDouble(3, 2.5);
                    statement.setBigDecimal(4, new BigDecimal("-12.345"));
                    statement.setBoolean(5, true);
                    statement.setString(6, "O'Brien");
                    statement.setDate(7, java.sql.Date.valueOf("2024-01-15"));
                    statement.setTimestamp(8, java.sql.Timestamp.valueOf("2024-01-15 10:11:12"));
                    assertEquals(expected, rows(statement), "prepareThreshold " + threshold + ", execution " + (i + 1));
                }
                try (ResultSet rs = statement.executeQuery()) {
                    assertEquals(List.of("int4", "int8", "float8", "numeric", "bool", "varchar"), List.of(
                            rs.getMetaData().getColumnTypeName(1), rs.getMetaData().getColumnTypeName(2),
                            rs.getMetaData().getColumnTypeName(3), rs.getMetaData().getColumnTypeName(4),
                            rs.getMetaData().getColumnTypeName(5), rs.getMetaData().getColumnTypeName(6)));
                }
            }
        }
    }

    @Test
    void aFetchSizeWithAutocommitOffReadsTheRowsInPortions() throws Exception {
        String sql = "select student_id, attendance_date, minutes_absent, 'fetched in portions' as marker "
                + "from daily_attendance order by 1, 2 limit 1000";
        try (Connection served = extended(); Connection direct = RollCallDriver.open(workspace)) {
            served.setAutoCommit(false);
            try (PreparedStatement statement = served.prepareStatement(sql)) {
                statement.setFetchSize(100);
                assertEquals(rows(direct, sql), rows(statement));
            }
            served.commit();
            assertEquals(List.of(List.of("1")), rows(served, "select 1"));
            served.rollback();
        }
        // the portal was suspended after each 100 rows and resumed: ten executions of 100 rows each
        List<JsonNode> log = log(users.resolveSibling(ServeCommand.LOG_NAME));
        assertEquals(10, log.stream().filter(e -> e.path("event").asText().equals("query")
                && e.path("user").asText().equals("analyst") && e.path("sql").asText().contains("fetched in portions")
                && e.path("rows").asLong() == 100).count(), log.toString());
    }

    @Test
    void extendedForPreparedRunsStatementsSimplyAndPreparedStatementsExtended() throws SQLException {
        try (Connection served = extended("preferQueryMode", "extendedForPrepared");
                Connection direct = RollCallDriver.open(workspace);
                PreparedStatement statement = served.prepareStatement(
                        "select count(*) from schools where school_code <> ?")) {
            statement.setString(1, "none");
            assertEquals(rows(direct, "select count(*) from schools"), rows(statement));
            assertEquals(rows(direct, "select count(*) from schools"), rows(served, "select count(*) from schools"));
        }
    }

    @Test
    void theExtendedProtocolRefusesWritesWith25006AndReportsErrorsAndGoesOn() throws SQLException {
        try (Connection served = extended()) {
            try (PreparedStatement insert = served.prepareStatement("insert into schools (school_name) values (?)")) {
                insert.setString(1, "x");
                assertEquals("25006", assertThrows(SQLException.class, insert::executeUpdate).getSQLState());
            }
            try (PreparedStatement create = served.prepareStatement("create table t (x int)")) {
                assertEquals("25006", assertThrows(SQLException.class, create::execute).getSQLState());
            }
            try (PreparedStatement syntax = served.prepareStatement("selec ? from")) {
                syntax.setInt(1, 1);
                assertEquals("42601", assertThrows(SQLException.class, syntax::executeQuery).getSQLState());
            }
            try (PreparedStatement bad = served.prepareStatement("select count(*) from schools where 1 = ?")) {
                bad.setObject(1, "not a number", java.sql.Types.OTHER); // sent untyped: read as the integer it must be
                SQLException invalid = assertThrows(SQLException.class, bad::executeQuery);
                assertEquals("22P02", invalid.getSQLState(), invalid.getMessage());
            }
            served.setAutoCommit(false);
            assertEquals(List.of(List.of("3")), rows(served, "select 3"));
            SQLException failed = assertThrows(SQLException.class, () -> rows(served, "select * from nosuch"));
            assertEquals("42P01", failed.getSQLState());
            assertEquals("25P02", assertThrows(SQLException.class, () -> rows(served, "select 4")).getSQLState());
            served.rollback();
            assertEquals(List.of(List.of("5")), rows(served, "select 5"));
            served.setAutoCommit(true);
            assertEquals(java.sql.Connection.TRANSACTION_READ_COMMITTED, served.getTransactionIsolation());
            assertEquals(List.of(List.of("UTC")), rows(served, "show TimeZone"));
        }
    }

    @Test
    void cancelEndsALongExtendedProtocolQueryWith57014AndTheSessionGoesOn() throws Exception {
        try (Connection connection = extended(); PreparedStatement statement = connection.prepareStatement(
                "select count(*) from daily_attendance a, daily_attendance b, daily_attendance c "
                        + "where a.student_id <> c.student_id and b.student_id <> ?")) {
            statement.setString(1, "nobody");
            CompletableFuture<SQLException> outcome = CompletableFuture.supplyAsync(() -> {
                try {
                    statement.executeQuery();
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            });
            Thread.sleep(1500);
            assertFalse(outcome.isDone(), "the query ended before it was cancelled: " + outcome.getNow(null));
            statement.cancel();
            SQLException cancelled = outcome.get(20, TimeUnit.SECONDS);
            assertTrue(cancelled != null, "the query was not cancelled");
            assertEquals("57014", sqlState(cancelled), cancelled.getMessage());
            try (PreparedStatement next = connection.prepareStatement("select ? + 1")) {
                next.setInt(1, 1);
                assertEquals(List.of(List.of("2")), rows(next));
            }
        }
    }

    /** pgjdbc over TLS to {@code port}: {@code sslmode} require, or verify-full against {@code rootCertificate}. */
    static Connection overTls(int port, String sslmode, Path rootCertificate) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "analyst");
        properties.setProperty("password", PASSWORD);
        properties.setProperty("sslmode", sslmode);
        if (rootCertificate != null) {
            properties.setProperty("sslrootcert", rootCertificate.toString());
        }
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/rollcall", properties);
    }

    static String sha256Fingerprint(Path certificate) throws Exception {
        try (var in = Files.newInputStream(certificate)) {
            byte[] der = java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in).getEncoded();
            return java.util.HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(der));
        }
    }

    @Test
    void clientsConnectOverTlsWithTheSelfSignedCertificateMadeBesideTheUsersFile() throws Exception {
        Path certificate = users.resolveSibling("rollcall-serve.crt");
        Path key = users.resolveSibling("rollcall-serve.key");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertTrue(serveOut.toString().contains("SHA-256 fingerprint " + sha256Fingerprint(certificate)), serveOut.toString());
        for (String mode : List.of("require", "verify-full")) {
            try (Connection connection = overTls(port, mode, mode.equals("require") ? null : certificate)) {
                assertEquals(List.of(List.of("1")), rows(connection, "select 1 as tls_" + mode.replace('-', '_')));
            }
        }
        List<JsonNode> log = log(users.resolveSibling(ServeCommand.LOG_NAME));
        assertTrue(log.stream().anyMatch(e -> e.path("event").asText().equals("connect")
                && e.path("user").asText().equals("analyst") && e.path("tls").asBoolean()), log.toString());
        Psql psql = psql("sslmode=require", "select count(*) from schools");
        assertEquals(0, psql.exitCode(), psql.err());
        Psql verified = psql("sslmode=verify-full sslrootcert=" + certificate, "select 1");
        assertEquals(0, verified.exitCode(), verified.err());
        assertEquals("1", verified.out().strip());
    }

    @Test
    void requireTlsRefusesAPlaintextLoginWith28000AndServesTheGivenCertificate() throws Exception {
        Path other = Files.createDirectories(dir.resolve("require-tls"));
        Path otherUsers = Files.copy(users, other.resolve("users.json"));
        // the administrator's own certificate and key (here: the ones the first server made)
        Path certificate = Files.copy(users.resolveSibling("rollcall-serve.crt"), other.resolve("server.crt"));
        Path key = Files.copy(users.resolveSibling("rollcall-serve.key"), other.resolve("server.key"));
        StringWriter out = new StringWriter();
        CommandLine commandLine = RollCall.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(out, true));
        Thread thread = new Thread(() -> commandLine.execute("serve", "--workspace", workspace.toString(), "--port",
                "0", "--users", otherUsers.toString(), "--tls-cert", certificate.toString(), "--tls-key",
                key.toString(), "--require-tls"), "serve-require-tls");
        thread.start();
        try {
            int otherPort = awaitListening(out::toString, thread::isAlive);
            assertFalse(Files.exists(other.resolve("rollcall-serve.crt")), "no certificate is made when one is given");
            assertTrue(out.toString().contains("SHA-256 fingerprint " + sha256Fingerprint(certificate)), out.toString());
            SQLException plain = assertThrows(SQLException.class, () -> overTls(otherPort, "disable", null));
            assertEquals("28000", plain.getSQLState(), plain.getMessage());
            assertTrue(plain.getMessage().contains("TLS required"), plain.getMessage());
            try (Connection connection = overTls(otherPort, "verify-full", certificate)) {
                assertEquals(List.of(List.of("1")), rows(connection, "select 1"));
            }
        } finally {
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertFalse(thread.isAlive(), "serve did not stop");
    }

    /** A Calcite connection property in the client's options would replace the schema; it must never get there. */
    @Test
    void aConnectionOptionNamingACalcitePropertyNeverReachesCalcite() throws Exception {
        Path model = dir.resolve("evil-model.json");
        Files.writeString(model, "{\"version\": \"1.0\", \"defaultSchema\": \"evil\", \"schemas\": [{\"name\": \"evil\","
                + " \"type\": \"custom\", \"factory\": \"no.such.Factory\"}]}");
        try (Connection connection = pgjdbc("analyst", PASSWORD, "options",
                "-c model=" + model + " -c schema=evil -c fun=oracle");
                Connection direct = RollCallDriver.open(workspace)) {
            assertEquals(rows(direct, "select count(*) from schools"), rows(connection, "select count(*) from schools"));
        }
        assertTrue(psql("options=-c\\ model=" + model, "select count(*) from schools").out().strip()
                .matches("\\d+"));
    }

    @Test
    void psqlConnectsWithScramAndPrintsRows() throws Exception {
        Psql result = psql("", "select count(*) from schools; select school_name from schools order by 1 limit 2");
        assertEquals(0, result.exitCode(), result.err());
        List<String> lines = result.out().lines().toList();
        try (Connection direct = RollCallDriver.open(workspace)) {
            List<String> expected = new ArrayList<>();
            rows(direct, "select count(*) from schools").forEach(r -> expected.add(r.get(0)));
            rows(direct, "select school_name from schools order by 1 limit 2").forEach(r -> expected.add(r.get(0)));
            assertEquals(expected, lines);
        }
        Psql wrong = psql("password=wrong", "select 1");
        assertTrue(wrong.exitCode() != 0);
        assertTrue(wrong.err().contains("password authentication failed"), wrong.err());
    }

    /** The connection and query log: one JSON object a line. */
    static List<JsonNode> log(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            events.add(json.readTree(line));
        }
        return events;
    }

    /**
     * The district's record of who ran what: a psql session's statements as received, with their row counts and
     * outcomes, its connection and disconnection with the client's address and application_name, and a refused login,
     * each one JSON line; never a password.
     */
    @Test
    void connectionsQueriesAndRefusedLoginsAreLoggedAsJsonLinesBesideTheUsersFile() throws Exception {
        Psql session = psql("application_name=records-check", "select school_code from schools order by 1 limit 3; "
                + "select count(*) as logged_query from schools; select * from no_such_table");
        assertTrue(session.exitCode() != 0, "the last statement fails");
        Psql refused = psql("password=not-the-password application_name=records-check", "select 1");
        assertTrue(refused.exitCode() != 0);
        assertThrows(SQLException.class, () -> pgjdbc("nobody", "wrong"));
        Path file = users.resolveSibling(ServeCommand.LOG_NAME);
        List<JsonNode> log = log(file);
        for (int wait = 0; wait < 200 && log.stream().noneMatch(e -> e.path("event").asText().equals("disconnect")
                && e.path("application_name").asText().equals("records-check")); wait++) {
            Thread.sleep(50); // a session logs its end on its own thread, as the client goes
            log = log(file);
        }
        List<JsonNode> mine = log.stream().filter(e -> e.path("application_name").asText().equals("records-check"))
                .toList();
        List<JsonNode> queries = mine.stream().filter(e -> e.path("event").asText().equals("query")).toList();
        assertEquals(3, queries.size(), mine.toString());
        assertEquals("select school_code from schools order by 1 limit 3", queries.get(0).path("sql").asText());
        assertEquals(3, queries.get(0).path("rows").asLong());
        assertEquals("ok", queries.get(0).path("outcome").asText());
        assertEquals(1, queries.get(1).path("rows").asLong());
        assertEquals("42P01", queries.get(2).path("outcome").asText(), queries.get(2).toString());
        assertTrue(queries.get(2).path("rows").isMissingNode());
        for (JsonNode query : queries) {
            assertEquals("analyst", query.path("user").asText());
            assertTrue(query.path("client").asText().startsWith("127.0.0.1:"), query.toString());
            java.time.Instant.parse(query.path("start").asText());
            assertTrue(query.path("duration_ms").isIntegralNumber(), query.toString());
        }
        assertTrue(mine.stream().anyMatch(e -> e.path("event").asText().equals("connect")
                && e.path("outcome").asText().equals("ok")), mine.toString());
        assertTrue(mine.stream().anyMatch(e -> e.path("event").asText().equals("disconnect")
                && e.path("queries").asLong() == 3), mine.toString());
        assertTrue(mine.stream().anyMatch(e -> e.path("event").asText().equals("connect")
                && e.path("outcome").asText().equals("28P01") && e.path("message").asText().equals("wrong password")),
                mine.toString());
        assertTrue(log.stream().anyMatch(e -> e.path("event").asText().equals("connect")
                && e.path("user").asText().equals("nobody") && e.path("outcome").asText().equals("28P01")
                && e.path("message").asText().equals("no such user")), log.toString());
        String text = Files.readString(file);
        assertFalse(text.contains("not-the-password") || text.contains(PASSWORD), "no password is logged");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(users)));
        assertFalse(Files.readString(users).contains(PASSWORD));
    }

    @Test
    void sigtermStopsTheServerCleanly() throws Exception {
        Path otherUsers = dir.resolve("sigterm").resolve("users.json");
        Files.createDirectories(otherUsers.getParent());
        Files.copy(users, otherUsers);
        Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), RollCall.class.getName(), "serve", "--workspace",
                workspace.toString(), "--port", "0", "--users", otherUsers.toString()).redirectErrorStream(true).start();
        StringBuffer output = new StringBuffer();
        // line by line, so that the port can be read while it runs
        Thread reader = new Thread(() -> {
            try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null;) {
                    output.append(line).append('\n');
                }
            } catch (IOException e) {
                if (process.isAlive()) {
                    output.append(e); // (once the process has ended the JDK may close its stream under the reader)
                }
            }
        });
        reader.start();
        int childPort = awaitListening(output::toString, process::isAlive);
        for (int wait = 0; wait < 500 && !output.toString().contains("\nlog: "); wait++) {
            Thread.sleep(20); // the log line follows the listening one
        }
        try (Socket socket = new Socket("127.0.0.1", childPort)) {
            assertTrue(socket.isConnected());
        }
        process.destroy(); // SIGTERM
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "serve did not stop on SIGTERM: " + output);
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", childPort).close());
        reader.join(10_000);
        // (the JVM's warnings and the test class path's SLF4J lines are not ours; LauncherIT checks the launcher's)
        List<String> printed = output.toString().lines().filter(l -> l.startsWith("rollcall") || l.startsWith("listening")
                || l.startsWith("log: ") || l.startsWith("tls: ") || l.contains("Exception")).toList();
        assertEquals(3, printed.size(), "only its certificate, where it listens and logs, no error on the way out: "
                + output);
        assertTrue(printed.get(0).startsWith("tls: "), output.toString());
        assertTrue(printed.get(2).startsWith("log: "), output.toString());
    }

    /** What one psql run printed. */
    record Psql(int exitCode, String out, String err) {
    }

    /** Runs Debian's psql against the server (unaligned, tuples only); skips when psql is not installed. */
    static Psql psql(String extraConnInfo, String sql) throws IOException, InterruptedException {
        return psql(port, PASSWORD, extraConnInfo, sql);
    }

    /** As {@link #psql(String, String)}, as analyst with {@code password} to the server on {@code port}. */
    static Psql psql(int port, String password, String extraConnInfo, String sql) throws IOException,
            InterruptedException {
        String psql = null;
        for (String candidate : List.of("/usr/bin/psql", "/usr/local/bin/psql")) {
            if (new File(candidate).canExecute()) {
                psql = candidate;
            }
        }
        assumeTrue(psql != null, "psql is not installed (Debian: apt-get install postgresql-client)");
        String conninfo = "host=127.0.0.1 port=" + port + " user=analyst dbname=rollcall " + extraConnInfo;
        ProcessBuilder builder = new ProcessBuilder(psql, "-X", "-At", "-v", "ON_ERROR_STOP=1", conninfo, "-c", sql);
        builder.environment().put("PGPASSWORD", password);
        builder.environment().put("PGCONNECT_TIMEOUT", "20");
        Path out = Files.createTempFile("rollcall-psql", ".out");
        Path err = Files.createTempFile("rollcall-psql", ".err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "psql did not end");
        try {
            return new Psql(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }

    /**
     * A query on which the engine throws something other than an SQL error (Calcite 1.42 fails a cast of text to an
     * interval with a ClassCastException) gets an ErrorResponse XX000 with a message for the user, no stack trace, in
     * either protocol; the session answers the next query. (Before, the session was closed with FATAL and the
     * exception's own text; an Error such as an AssertionError from the planner left the client waiting.)
     */
    @Test
    void aQueryTheEngineFailsOnInternallyGetsXX000AndTheSessionGoesOn() throws SQLException {
        String failing = "select cast('1' as interval day)";
        for (String mode : List.of("simple", "extended")) {
            try (Connection c = extended("preferQueryMode", mode, "socketTimeout", "60")) {
                for (int attempt = 0; attempt < 2; attempt++) {
                    SQLException failed = assertThrows(SQLException.class, () -> rows(c, failing), mode);
                    assertEquals("XX000", sqlState(failed), mode + ": " + failed.getMessage());
                    assertTrue(failed.getMessage().contains("the engine failed on this query"), failed.getMessage());
                    assertFalse(failed.getMessage().contains("at org.") || failed.getMessage().contains("cannot be cast"),
                            failed.getMessage());
                    assertEquals(List.of(List.of("1")), rows(c, "select 1"), mode);
                }
            }
        }
    }

}
