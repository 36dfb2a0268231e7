package org.rollcall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.rollcall.cli.RollCallCommandLineTest.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.cli.RollCallCommandLineTest.Run;
import org.rollcall.engine.RollCallDriver;
import org.rollcall.testing.PostgresServer;

import picocli.CommandLine;

/**
 * The PostgreSQL catalogs of {@code rollcall serve}: psql, pgjdbc's DatabaseMetaData and SQLAlchemy's inspector read
 * the attendance schema through pg_catalog and information_schema. Each is also run against a real PostgreSQL
 * holding the same schema (tables, views, columns, types, keys and comments made from the RollCall connection's
 * metadata), and must answer the same.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ServeCatalogTest {

    private static final String PASSWORD = "catalog secret";
    private static final List<String> TABLES = List.of("schools", "daily_attendance", "students", "enrollments");
    private static final List<String> VIEWS = List.of("chronic_absence_by_school", "student_school_year");

    @TempDir
    static Path dir;
    static Path workspace;
    static Thread serving;
    static StringWriter serveOut = new StringWriter();
    static int port;
    static PostgresServer postgres;

    @BeforeAll
    static void serve() throws Exception {
        workspace = dir.resolve("catalog.rollcall");
        Run generated = run("generate", "--students", "300", "--years", "1", "--seed", "11", "--out",
                workspace.toString());
        assertEquals(0, generated.exitCode(), generated.err());
        Path users = dir.resolve("users.json");
        ServeTest.usersAdd(users, PASSWORD, "--name", "analyst");
        CommandLine commandLine = RollCall.commandLine();
        commandLine.setOut(new PrintWriter(serveOut, true));
        commandLine.setErr(new PrintWriter(serveOut, true));
        serving = new Thread(() -> commandLine.execute("serve", "--workspace", workspace.toString(), "--port", "0",
                "--users", users.toString()), "serve-catalog-under-test");
        serving.start();
        port = ServeTest.awaitListening(() -> serveOut.toString(), serving::isAlive);

        postgres = PostgresServer.start();
        postgres.createDatabase("rollcall");
        try (Connection rollcall = RollCallDriver.open(workspace);
                Connection pg = DriverManager.getConnection(postgres.jdbcUrl("rollcall"))) {
            sameSchema(rollcall, pg);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
        if (serving != null) {
            serving.interrupt();
            serving.join(TimeUnit.SECONDS.toMillis(30));
            assertFalse(serving.isAlive(), "serve did not stop");
        }
    }

    // ---- psql ----------------------------------------------------------------------------------------------

    @Test
    void psqlDescribesTheSchemaAsPostgresqlDoes() throws Exception {
        for (String command : List.of("\\dt", "\\dv", "\\d schools", "\\d+ schools", "\\d daily_attendance",
                "\\d+ enrollments")) {
            String ours = psql(port, "analyst", PASSWORD, command);
            String theirs = psql(postgres.port(), "postgres", "", command);
            assertEquals(theirs, ours, "psql " + command + " answers as on PostgreSQL");
        }
        String tables = psql(port, "analyst", PASSWORD, "\\dt");
        assertTrue(tables.contains(" attendance | daily_attendance ") && tables.contains("| table |"), tables);
        assertTrue(psql(port, "analyst", PASSWORD, "\\dv").contains(" attendance | chronic_absence_by_school "));
        String schools = psql(port, "analyst", PASSWORD, "\\d+ schools");
        assertTrue(schools.contains("\"schools_pkey\" PRIMARY KEY, btree (school_code)"), schools);
        assertTrue(schools.contains("Referenced by:"), schools);
        assertTrue(schools.contains("School name"), schools); // the column's description
        // \d+ of a view: columns, types and descriptions (PostgreSQL would add the view's SQL, which RollCall keeps)
        String view = psql(port, "analyst", PASSWORD, "\\d+ chronic_absence_by_school");
        assertTrue(view.contains("View \"attendance.chronic_absence_by_school\"") && view.contains("chronic_rate")
                && view.contains("double precision"), view);
    }

    @Test
    void psqlRunsAMetricViewQueryAndADashboardFunction() throws Exception {
        String printed = psql(port, "analyst", PASSWORD,
                "select school_name, chronic_rate from chronic_absence_by_school order by school_name");
        List<List<String>> expected = rollcall(
                "select school_name, chronic_rate from chronic_absence_by_school order by school_name");
        assertFalse(expected.isEmpty());
        for (List<String> row : expected) {
            assertTrue(printed.contains(row.get(0)), printed);
        }
        String status = psql(port, "analyst", PASSWORD, "select dashboard_status(12, 100) as status");
        assertTrue(status.contains(rollcall("select dashboard_status(12, 100)").get(0).get(0)), status);
    }

    // ---- pgjdbc --------------------------------------------------------------------------------------------

    @Test
    void pgjdbcMetadataMatchesPostgresql() throws Exception {
        try (Connection ours = ServeCatalogTest.ours(); Connection theirs = DriverManager.getConnection(
                postgres.jdbcUrl("rollcall") + "&preferQueryMode=simple")) {
            DatabaseMetaData o = ours.getMetaData();
            DatabaseMetaData t = theirs.getMetaData();
            List<List<String>> tables = table(o.getTables(null, "attendance", "%", new String[] {"TABLE", "VIEW"}),
                    "TABLE_NAME", "TABLE_TYPE", "REMARKS");
            assertEquals(table(t.getTables(null, "attendance", "%", new String[] {"TABLE", "VIEW"}), "TABLE_NAME",
                    "TABLE_TYPE", "REMARKS"), tables);
            assertTrue(tables.stream().anyMatch(r -> r.get(0).equals("daily_attendance") && r.get(1).equals("TABLE")
                    && r.get(2) != null && !r.get(2).isEmpty()), tables.toString());
            for (String name : List.of("schools", "daily_attendance", "chronic_absence_by_school")) {
                List<List<String>> columns = table(o.getColumns(null, "attendance", name, "%"), "COLUMN_NAME",
                        "DATA_TYPE", "TYPE_NAME", "NULLABLE", "REMARKS", "ORDINAL_POSITION");
                assertFalse(columns.isEmpty(), name);
                assertEquals(table(t.getColumns(null, "attendance", name, "%"), "COLUMN_NAME", "DATA_TYPE",
                        "TYPE_NAME", "NULLABLE", "REMARKS", "ORDINAL_POSITION"), columns, name);
            }
            for (String name : List.of("schools", "daily_attendance", "enrollments")) {
                List<List<String>> keys = table(o.getPrimaryKeys(null, "attendance", name), "COLUMN_NAME", "KEY_SEQ",
                        "PK_NAME");
                assertFalse(keys.isEmpty(), name);
                assertEquals(table(t.getPrimaryKeys(null, "attendance", name), "COLUMN_NAME", "KEY_SEQ", "PK_NAME"),
                        keys, name);
                String[] fk = {"PKTABLE_NAME", "PKCOLUMN_NAME", "FKTABLE_NAME", "FKCOLUMN_NAME", "KEY_SEQ", "FK_NAME",
                    "PK_NAME", "UPDATE_RULE", "DELETE_RULE"};
                assertEquals(table(t.getImportedKeys(null, "attendance", name), fk),
                        table(o.getImportedKeys(null, "attendance", name), fk), name);
            }
            assertFalse(table(o.getImportedKeys(null, "attendance", "daily_attendance"), "PKTABLE_NAME").isEmpty());
            assertEquals(table(t.getSchemas(), "TABLE_SCHEM"), table(o.getSchemas(), "TABLE_SCHEM"));
        }
    }

    @Test
    void biToolDataQueriesRun() throws Exception {
        try (Connection ours = ours(); Statement s = ours.createStatement()) {
            assertEquals(rollcall("select count(*) from schools where lower(school_name) like '%school%'").get(0).get(0),
                    first(s, "SELECT COUNT(*) FROM \"schools\" WHERE school_name ILIKE '%SCHOOL%'"));
            assertEquals(rollcall("select count(*) from schools").get(0).get(0), first(s,
                    "select count(*) from (select school_name, row_number() over (order by school_name) as rn,"
                            + " coalesce(low_grade, 'none') as lo from schools) t where rn >= 1"));
            assertEquals(rollcall("select count(distinct extract(month from attendance_date)) from daily_attendance")
                    .get(0).get(0), first(s, "select count(distinct date_part('month', attendance_date::date))"
                            + " from daily_attendance where attendance_date >= '2000-01-01'::date"));
            assertEquals(rollcall("select school_name from schools order by school_name offset 1 rows fetch next 1"
                    + " rows only").get(0).get(0), first(s,
                    "select school_name from schools order by 1 limit 1 offset 1"));
            assertEquals("attendance", first(s, "select current_schema()"));
            assertEquals("t", first(s, "select pg_catalog.pg_table_is_visible('schools'::regclass)").substring(0, 1));
            assertEquals("schools", first(s, "select 'attendance.schools'::regclass::oid::regclass::text"));
            assertEquals("1", first(s, "select count(*) from pg_catalog.pg_class where relname ~ E'^schools$'"
                    + " and relname !~ 'x' and relname = 'schools' COLLATE pg_catalog.default"));
        }
    }

    /**
     * pgjdbc in its default (extended) mode sends a PreparedStatement's parameters as $n: they go through the
     * catalog translation to the engine as parameters, in a catalog query (with a :: cast on one) and in a workspace
     * view, through unnamed and then named server statements (from the fifth execution).
     */
    @Test
    void preparedStatementParametersPassThroughTheTranslationInTheExtendedProtocol() throws Exception {
        List<List<String>> expected = rollcall("select chronic_rate from chronic_absence_by_school"
                + " where school_name = (select min(school_name) from chronic_absence_by_school)");
        assertFalse(expected.isEmpty());
        String school = rollcall("select min(school_name) from chronic_absence_by_school").get(0).get(0);
        try (Connection ours = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port
                + "/rollcall?user=analyst&password=" + PASSWORD.replace(" ", "%20") + "&sslmode=disable");
                java.sql.PreparedStatement catalog = ours.prepareStatement("select c.relname, c.relkind"
                        + " from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
                        + " where n.nspname = ? and c.relname = ?::text and c.relkind in ('r', 'v')");
                java.sql.PreparedStatement view = ours.prepareStatement("select chronic_rate::float8 as rate"
                        + " from chronic_absence_by_school where school_name = ? and chronic_rate >= ?::float8")) {
            for (int run = 0; run < 6; run++) {
                for (String[] relation : new String[][] {{"schools", "r"}, {"chronic_absence_by_school", "v"}}) {
                    catalog.setString(1, "attendance");
                    catalog.setString(2, relation[0]);
                    try (ResultSet rs = catalog.executeQuery()) {
                        assertTrue(rs.next(), relation[0]);
                        assertEquals(relation[0], rs.getString(1));
                        assertEquals(relation[1], rs.getString(2));
                        assertFalse(rs.next());
                    }
                }
                view.setString(1, school);
                view.setDouble(2, 0.0);
                List<List<String>> rows = new ArrayList<>();
                try (ResultSet rs = view.executeQuery()) {
                    while (rs.next()) {
                        rows.add(List.of(new java.math.BigDecimal(Double.toString(rs.getDouble(1)))
                                .stripTrailingZeros().toPlainString()));
                    }
                }
                assertEquals(expected, rows, "run " + run);
            }
        }
    }

    // ---- SQLAlchemy and pandas -----------------------------------------------------------------------------

    @Test
    void sqlalchemyInspectorAgreesWithPostgresqlAndPandasReadsAGroupedQuery() throws Exception {
        String python = python();
        Path script = dir.resolve("inspect_catalog.py");
        try (InputStream in = ServeCatalogTest.class.getResourceAsStream("inspect_catalog.py")) {
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        String ours = runPython(python, script, "postgresql+psycopg2://analyst:" + PASSWORD.replace(" ", "%20")
                + "@127.0.0.1:" + port + "/rollcall", null);
        String theirs = runPython(python, script, "postgresql+psycopg2://postgres@127.0.0.1:" + postgres.port()
                + "/rollcall", null);
        assertEquals(theirs, ours);
        assertTrue(ours.contains("\"daily_attendance_pkey\"") && ours.contains("\"schools_district_code_fkey\""), ours);

        String grouped = runPython(python, script, "postgresql+psycopg2://analyst:" + PASSWORD.replace(" ", "%20")
                + "@127.0.0.1:" + port + "/rollcall",
                "select date_trunc('month', attendance_date) as month, count(*) as days from daily_attendance"
                        + " group by 1 order by 1");
        List<List<String>> expected = rollcall("select first_day, count(*) from (select floor(attendance_date to month)"
                + " as first_day from daily_attendance) m group by first_day order by first_day");
        assertFalse(expected.isEmpty());
        for (List<String> row : expected) {
            assertTrue(grouped.contains("\"" + row.get(0)) && grouped.contains("\"" + row.get(1) + "\""),
                    row + " in " + grouped);
        }
    }

    // ---- the reference PostgreSQL --------------------------------------------------------------------------

    /**
     * Makes in {@code pg} the attendance schema that {@code rollcall}'s JDBC metadata describes: its tables and views
     * (a view as a SELECT of typed NULLs), columns, NOT NULL, primary and foreign keys, comments, owned by a role
     * named as RollCall's owner; the search path is the schema, and the public schema is dropped.
     */
    static void sameSchema(Connection rollcall, Connection pg) throws SQLException {
        DatabaseMetaData meta = rollcall.getMetaData();
        Map<String, String> kinds = new TreeMap<>();
        Map<String, String> remarks = new LinkedHashMap<>();
        try (ResultSet rs = meta.getTables(null, "attendance", "%", null)) {
            while (rs.next()) {
                kinds.put(rs.getString("TABLE_NAME"), rs.getString("TABLE_TYPE"));
                remarks.put(rs.getString("TABLE_NAME"), rs.getString("REMARKS"));
            }
        }
        List<String> later = new ArrayList<>();
        try (Statement s = pg.createStatement()) {
            s.execute("CREATE ROLE rollcall");
            s.execute("DROP SCHEMA public");
            s.execute("CREATE SCHEMA attendance AUTHORIZATION rollcall");
            s.execute("ALTER DATABASE rollcall SET search_path = attendance");
            for (Map.Entry<String, String> relation : kinds.entrySet()) {
                String name = relation.getKey();
                boolean view = relation.getValue().contains("VIEW");
                List<String> columns = new ArrayList<>();
                List<String> comments = new ArrayList<>();
                try (ResultSet rs = meta.getColumns(null, "attendance", name, "%")) {
                    while (rs.next()) {
                        if (!name.equals(rs.getString("TABLE_NAME"))) {
                            continue;
                        }
                        String column = rs.getString("COLUMN_NAME");
                        String type = pgType(rs.getInt("DATA_TYPE"));
                        columns.add(view ? "CAST(NULL AS " + type + ") AS " + column
                                : column + " " + type + (rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls
                                        ? " NOT NULL" : ""));
                        String remark = rs.getString("REMARKS");
                        if (remark != null && !remark.isEmpty()) {
                            comments.add("COMMENT ON COLUMN attendance." + name + "." + column + " IS "
                                    + literal(remark));
                        }
                    }
                }
                if (view) {
                    s.execute("CREATE VIEW attendance." + name + " AS SELECT " + String.join(", ", columns));
                } else {
                    TreeMap<Short, String> key = new TreeMap<>();
                    try (ResultSet rs = meta.getPrimaryKeys(null, "attendance", name)) {
                        while (rs.next()) {
                            key.put(rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME"));
                        }
                    }
                    if (!key.isEmpty()) {
                        columns.add("PRIMARY KEY (" + String.join(", ", key.values()) + ")");
                    }
                    s.execute("CREATE TABLE attendance." + name + " (" + String.join(", ", columns) + ")");
                    Map<String, List<String[]>> fks = new LinkedHashMap<>();
                    try (ResultSet rs = meta.getImportedKeys(null, "attendance", name)) {
                        while (rs.next()) {
                            fks.computeIfAbsent(rs.getString("FK_NAME"), k -> new ArrayList<>()).add(new String[] {
                                rs.getString("FKCOLUMN_NAME"), rs.getString("PKTABLE_NAME"),
                                rs.getString("PKCOLUMN_NAME")});
                        }
                    }
                    for (List<String[]> fk : fks.values()) {
                        later.add("ALTER TABLE attendance." + name + " ADD FOREIGN KEY ("
                                + String.join(", ", fk.stream().map(p -> p[0]).toList()) + ") REFERENCES attendance."
                                + fk.get(0)[1] + " (" + String.join(", ", fk.stream().map(p -> p[2]).toList()) + ")");
                    }
                }
                s.execute("ALTER " + (view ? "VIEW" : "TABLE") + " attendance." + name + " OWNER TO rollcall");
                String remark = remarks.get(name);
                if (remark != null && !remark.isEmpty()) {
                    s.execute("COMMENT ON " + (view ? "VIEW" : "TABLE") + " attendance." + name + " IS "
                            + literal(remark));
                }
                for (String comment : comments) {
                    s.execute(comment);
                }
            }
            for (String fk : later) {
                s.execute(fk);
            }
        }
    }

    private static String pgType(int jdbcType) {
        return switch (jdbcType) {
            case Types.BIGINT -> "bigint";
            case Types.INTEGER -> "integer";
            case Types.SMALLINT, Types.TINYINT -> "smallint";
            case Types.DOUBLE, Types.FLOAT -> "double precision";
            case Types.REAL -> "real";
            case Types.DECIMAL, Types.NUMERIC -> "numeric";
            case Types.BOOLEAN, Types.BIT -> "boolean";
            case Types.DATE -> "date";
            case Types.TIMESTAMP -> "timestamp";
            default -> "text";
        };
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    static Connection ours() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/rollcall?user=analyst&password="
                + PASSWORD.replace(" ", "%20") + "&preferQueryMode=simple");
    }

    private static List<List<String>> rollcall(String sql) throws SQLException {
        try (Connection c = RollCallDriver.open(workspace)) {
            return ServeTest.rows(c, sql);
        }
    }

    private static String first(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }

    private static List<List<String>> table(ResultSet rs, String... columns) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (String column : columns) {
                    row.add(rs.getString(column));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** What psql prints for {@code command} (a query or a backslash command); skips when psql is missing. */
    static String psql(int port, String user, String password, String command) throws IOException,
            InterruptedException {
        String psql = List.of("/usr/bin/psql", "/usr/local/bin/psql").stream().filter(p -> Files.isExecutable(Path.of(p)))
                .findFirst().orElse(null);
        assumeTrue(psql != null, "psql is not installed (Debian's postgresql-client; .ci/run installs it)");
        ProcessBuilder builder = new ProcessBuilder(psql, "-X", "-h", "127.0.0.1", "-p", String.valueOf(port), "-U",
                user, "-d", "rollcall", "-c", command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", password);
        builder.environment().put("PAGER", "");
        builder.environment().put("PGCLIENTENCODING", "UTF8");
        builder.environment().put("COLUMNS", "1000");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), output);
        assertEquals(0, process.exitValue(), command + ":\n" + output);
        assertFalse(output.contains("ERROR"), command + ":\n" + output);
        return output;
    }

    /** Debian's python3 with SQLAlchemy, psycopg2 and pandas; skips when they are missing. */
    private static String python() throws IOException, InterruptedException {
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import sqlalchemy, psycopg2, pandas")
                        .redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(1, TimeUnit.MINUTES) && p.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // not this one
            }
        }
        assumeTrue(false, "python3 with sqlalchemy, psycopg2 and pandas is not installed (Debian's"
                + " python3-sqlalchemy, python3-psycopg2, python3-pandas; .ci/run installs them)");
        return null;
    }

    private static String runPython(String python, Path script, String url, String query) throws IOException,
            InterruptedException {
        List<String> command = new ArrayList<>(List.of(python, script.toString(), url, String.join(",", TABLES),
                String.join(",", VIEWS)));
        if (query != null) {
            command.add(query);
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(3, TimeUnit.MINUTES), output);
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
