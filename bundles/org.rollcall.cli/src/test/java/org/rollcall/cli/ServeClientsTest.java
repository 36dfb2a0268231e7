package org.rollcall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.rollcall.cli.RollCallCommandLineTest.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
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
import org.rollcall.engine.RollCallDriver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;

/**
 * {@code rollcall serve} spoken to by two more clients nobody in this project wrote, the paths of Excel and Power BI
 * (psqlODBC through unixODBC's {@code isql}) and of Node.js dashboards (npm's {@code pg}); each logs in with SCRAM over
 * TLS and reads a metric view, which must answer as {@link RollCallDriver} does on the same workspace. A client that is
 * not installed skips its test, saying so on stderr; {@code .ci/run} installs both (Debian's odbc-postgresql, unixodbc
 * and nodejs/npm; npm's pg into target/ at test time).
 */
class ServeClientsTest {

    private static final String PASSWORD = "clients password";
    private static final String METRIC_QUERY = "select school_name, chronic_rate from chronic_absence_by_school order by 1, 2";

    @TempDir
    static Path dir;
    static Path workspace;
    static Path log;
    static Thread serving;
    static StringWriter serveOut = new StringWriter();
    static int port;

    @BeforeAll
    static void serve() throws Exception {
        workspace = dir.resolve("clients.rollcall");
        Run generated = run("generate", "--students", "300", "--years", "1", "--seed", "5", "--out", workspace.toString());
        assertEquals(0, generated.exitCode(), generated.err());
        Path users = dir.resolve("users.json");
        assertEquals(0, ServeTest.usersAdd(users, PASSWORD, "--name", "odbc"));
        assertEquals(0, ServeTest.usersAdd(users, PASSWORD, "--name", "node"));
        log = dir.resolve("serve.jsonl");
        CommandLine commandLine = RollCall.commandLine();
        commandLine.setOut(new PrintWriter(serveOut, true));
        commandLine.setErr(new PrintWriter(serveOut, true));
        serving = new Thread(() -> commandLine.execute("serve", "--workspace", workspace.toString(), "--port", "0",
                "--users", users.toString(), "--log", log.toString()), "serve-clients");
        serving.start();
        port = ServeTest.awaitListening(() -> serveOut.toString(), serving::isAlive);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        serving.interrupt();
        serving.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(serving.isAlive(), "serve did not stop");
    }

    /** Skips a test whose client is not installed, and says so where a reader of the build output sees it. */
    static void requireInstalled(boolean installed, String what) {
        if (!installed) {
            System.err.println("\n*** SKIPPED: " + what + " — this test of rollcall serve did not run ***\n");
        }
        assumeTrue(installed, what);
    }

    static Path executable(String... candidates) {
        for (String candidate : candidates) {
            Path path = Path.of(candidate);
            if (Files.isExecutable(path)) {
                return path;
            }
        }
        return null;
    }

    /** Debian's psqlODBC driver (the Unicode one), wherever the architecture put it. */
    static Path psqlOdbcDriver() throws IOException {
        for (String folder : List.of("/usr/lib", "/usr/lib64", "/usr/local/lib")) {
            Path base = Path.of(folder);
            if (!Files.isDirectory(base)) {
                continue;
            }
            if (Files.isRegularFile(base.resolve("odbc/psqlodbcw.so"))) {
                return base.resolve("odbc/psqlodbcw.so");
            }
            try (DirectoryStream<Path> arches = Files.newDirectoryStream(base, "*-linux-gnu*")) {
                for (Path arch : arches) {
                    if (Files.isRegularFile(arch.resolve("odbc/psqlodbcw.so"))) {
                        return arch.resolve("odbc/psqlodbcw.so");
                    }
                }
            }
        }
        return null;
    }

    /** What a process printed, once it ended (within two minutes). */
    record Output(int exitCode, String out, String err) {
    }

    static Output execute(ProcessBuilder builder, String stdin) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "client", ".out");
        Path err = Files.createTempFile(dir, "client", ".err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try (var in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(builder.command() + " did not end within two minutes");
        }
        return new Output(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** The metric view's rows as the driver reads them on the workspace itself, numbers by value. */
    static List<List<String>> expected() throws SQLException {
        try (Connection direct = RollCallDriver.open(workspace)) {
            List<List<String>> rows = ServeTest.rows(direct, METRIC_QUERY);
            assertFalse(rows.isEmpty());
            return rows;
        }
    }

    static String number(String text) {
        return new BigDecimal(text).stripTrailingZeros().toPlainString();
    }

    /**
     * The Excel and Power BI path: psqlODBC (Debian's odbc-postgresql) through unixODBC's isql, with an odbcinst.ini
     * and odbc.ini of the test's own (ODBCSYSINI, ODBCINI), over TLS. Every statement psqlODBC sends on the way must
     * succeed: it closes its statements with DEALLOCATE, which the server refused as a write before (25006).
     */
    @Test
    void psqlOdbcThroughIsqlReadsAMetricView() throws Exception {
        Path isql = executable("/usr/bin/isql", "/usr/local/bin/isql");
        requireInstalled(isql != null, "unixODBC's isql is not installed (Debian: apt-get install unixodbc)");
        Path driver = psqlOdbcDriver();
        requireInstalled(driver != null, "psqlODBC is not installed (Debian: apt-get install odbc-postgresql)");
        Path config = Files.createDirectories(dir.resolve("odbc"));
        Files.writeString(config.resolve("odbcinst.ini"), "[PostgreSQL Unicode]\nDescription=psqlODBC\nDriver="
                + driver + "\n");
        Files.writeString(config.resolve("odbc.ini"), "[rollcall]\nDriver=PostgreSQL Unicode\nServername=127.0.0.1\n"
                + "Port=" + port + "\nDatabase=rollcall\nSSLmode=require\n");
        ProcessBuilder builder = new ProcessBuilder(isql.toString(), "-v", "-b", "-d|", "rollcall", "odbc", PASSWORD);
        builder.environment().put("ODBCSYSINI", config.toString());
        builder.environment().put("ODBCINI", config.resolve("odbc.ini").toString());
        Output output = execute(builder, METRIC_QUERY + "\n");
        assertEquals(0, output.exitCode(), output.out() + output.err());
        List<List<String>> rows = new ArrayList<>();
        for (String line : output.out().lines().filter(l -> !l.isBlank()).toList()) {
            String[] cells = line.split("\\|", -1);
            assertEquals(2, cells.length, output.out());
            rows.add(List.of(cells[0], number(cells[1])));
        }
        assertEquals(expected(), rows, output.out());
        List<JsonNode> events = ServeTest.log(log).stream().filter(e -> e.path("user").asText().equals("odbc")).toList();
        assertTrue(events.stream().anyMatch(e -> e.path("event").asText().equals("connect")
                && e.path("outcome").asText().equals("ok") && e.path("tls").asBoolean()), events.toString());
        List<JsonNode> queries = events.stream().filter(e -> e.path("event").asText().equals("query")).toList();
        assertTrue(queries.stream().anyMatch(e -> e.path("sql").asText().equals(METRIC_QUERY)
                && e.path("rows").asLong() == rows.size()), queries.toString());
        for (JsonNode query : queries) {
            assertEquals("ok", query.path("outcome").asText(), "psqlODBC's statement failed: " + query);
        }
    }

    /** npm's pg (node-postgres): SCRAM over TLS, a simple query of a metric view and a query with a parameter. */
    @Test
    void nodePgReadsAMetricViewAndAParameterQuery() throws Exception {
        Path node = executable("/usr/bin/node", "/usr/local/bin/node", "/usr/bin/nodejs");
        Path npm = executable("/usr/bin/npm", "/usr/local/bin/npm");
        requireInstalled(node != null && npm != null, "Node.js and npm are not installed (Debian: apt-get install "
                + "nodejs npm)");
        // npm's pg, installed once into this module's target folder (not committed, gone with mvn clean)
        Path prefix = Path.of("target", "node-pg").toAbsolutePath();
        if (!Files.isRegularFile(prefix.resolve("node_modules/pg/package.json"))) {
            Files.createDirectories(prefix);
            Output install = execute(new ProcessBuilder(npm.toString(), "install", "--prefix", prefix.toString(),
                    "--no-audit", "--no-fund", "--no-save", "pg@8"), null);
            assertEquals(0, install.exitCode(), "npm install pg failed: " + install.out() + install.err());
        }
        Path script = prefix.resolve("node-pg-query.js");
        try (InputStream in = ServeClientsTest.class.getResourceAsStream("node-pg-query.js")) {
            Files.write(script, in.readAllBytes());
        }
        ProcessBuilder builder = new ProcessBuilder(node.toString(), script.toString(), String.valueOf(port));
        builder.environment().put("PGPASSWORD", PASSWORD);
        builder.environment().put("NODE_PATH", prefix.resolve("node_modules").toString());
        Output output = execute(builder, null);
        assertEquals(0, output.exitCode(), output.out() + output.err());
        JsonNode result = new ObjectMapper().readTree(output.out());
        assertEquals(List.of("school_name", "chronic_rate"), new ObjectMapper().convertValue(result.path("fields"),
                List.class));
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode row : result.path("rows")) {
            rows.add(List.of(row.path("school_name").asText(), number(row.path("chronic_rate").asText())));
        }
        assertEquals(expected(), rows, output.out());
        try (Connection direct = RollCallDriver.open(workspace)) {
            assertEquals(ServeTest.rows(direct, "select count(*) from students").get(0).get(0),
                    result.path("param").path(0).path("n").asText(), output.out());
        }
        assertTrue(result.path("tls").asBoolean(), "node pg connected over TLS: " + output.out());
        List<JsonNode> queries = ServeTest.log(log).stream().filter(e -> e.path("user").asText().equals("node")
                && e.path("event").asText().equals("query")).toList();
        assertTrue(queries.stream().allMatch(e -> e.path("outcome").asText().equals("ok")
                && e.path("application_name").asText().equals("node-pg-check")), queries.toString());
    }

    /** DEALLOCATE closes a statement made with Parse (as psqlODBC uses it), and names one that does not exist. */
    @Test
    void deallocateClosesAPreparedStatementAndNamesAMissingOne() throws Exception {
        try (Connection c = ServeTest.pgjdbc(port, "odbc", PASSWORD); Statement statement = c.createStatement()) {
            statement.execute("deallocate all");
            SQLException missing = assertThrows(SQLException.class, () -> statement.execute("deallocate nosuch"));
            assertEquals("26000", missing.getSQLState(), missing.getMessage());
            assertTrue(missing.getMessage().contains("prepared statement \"nosuch\" does not exist"), missing.getMessage());
            assertEquals(List.of(List.of("1")), ServeTest.rows(c, "select 1"));
        }
    }
}
