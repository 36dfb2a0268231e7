package org.rollcall.cli.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built distribution's {@code bin/rollcall}, started as a user starts it (a new JVM through the launcher
 * script, on the JDK running this test): its commands print what they are for and nothing meant for developers,
 * no JVM warnings (native access, sun.misc.Unsafe), no logging notices, no stack traces.
 */
class LauncherIT {

    @TempDir
    static Path dir;
    static Path workspace;

    record Result(int exitCode, String out, String err) {
    }

    static Result rollcall(String... args) throws IOException, InterruptedException {
        Path launcher = Path.of(System.getProperty("rollcall.cliHome"), "bin", "rollcall");
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("rollcall " + String.join(" ", args) + " did not finish in 5 minutes");
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Lines a user should never see: JVM warnings, SLF4J's notices, stack frames. */
    static void assertNothingForDevelopers(Result result) {
        for (String line : (result.out() + "\n" + result.err()).split("[\r\n]+")) {
            assertTrue(!line.startsWith("WARNING:") && !line.contains("SLF4J") && !line.startsWith("\tat ")
                    && !line.contains("Exception"), "a line meant for developers: " + line);
        }
    }

    @BeforeAll
    static void generate() throws IOException, InterruptedException {
        workspace = dir.resolve("launcher.rollcall");
        Result generated = rollcall("generate", "--students", "200", "--years", "1", "--out", workspace.toString());
        assertEquals(0, generated.exitCode(), generated.err());
        assertTrue(generated.out().contains("200 students"), generated.out());
        assertNothingForDevelopers(generated);
    }

    @Test
    void queryPrintsItsTableAndNothingElse() throws IOException, InterruptedException {
        Result query = rollcall("query", "-w", workspace.toString(), "select count(*) as schools from schools");
        assertEquals(0, query.exitCode(), query.err());
        assertEquals("", query.err(), "nothing on standard error");
        assertTrue(query.out().startsWith("schools"), query.out());
        assertNothingForDevelopers(query);
    }

    @Test
    void demoAuditAndQuarantineRunWithoutWarnings() throws IOException, InterruptedException {
        for (String[] args : List.of(new String[] {"demo", "--workspace", workspace.toString()},
                new String[] {"quarantine", "-w", workspace.toString()},
                new String[] {"audit", "-w", workspace.toString()})) {
            Result result = rollcall(args);
            assertEquals(0, result.exitCode(), args[0] + ": " + result.err());
            if (!args[0].equals("audit")) { // audit shows a progress bar on standard error
                assertEquals("", result.err(), args[0] + " prints nothing on standard error");
            }
            assertNothingForDevelopers(result);
        }
    }

    /** The distribution ships BIRT, its emitters and the fonts; BIRT's java.util.logging output stays hidden. */
    @Test
    void reportRendersPdfAndXlsxWithoutWarnings() throws IOException, InterruptedException {
        for (String file : List.of("lcap.pdf", "lcap.xlsx")) {
            Path out = dir.resolve(file);
            Result report = rollcall("report", "lcap-goals", "-w", workspace.toString(), "--out", out.toString());
            assertEquals(0, report.exitCode(), report.err());
            assertTrue(report.out().contains("Wrote " + out), report.out());
            assertTrue(Files.size(out) > 0);
            assertNothingForDevelopers(report);
        }
        Result unknown = rollcall("report", "lcap", "-w", workspace.toString(), "--out", dir.resolve("x.pdf").toString());
        assertEquals(1, unknown.exitCode());
        assertEquals(1, unknown.err().lines().count(), unknown.err());
        assertNothingForDevelopers(unknown);
    }

    @Test
    void aMistakeIsOneClearLine() throws IOException, InterruptedException {
        Result missing = rollcall("query", "-w", dir.resolve("nope.rollcall").toString(), "select 1");
        assertEquals(1, missing.exitCode());
        assertEquals(1, missing.err().lines().count(), missing.err());
        assertTrue(missing.err().contains("nope.rollcall"), missing.err());
        assertNothingForDevelopers(missing);
    }

    /**
     * The distribution ships the endpoint, Netty and BouncyCastle: users add, then serve makes its certificate and
     * answers pgjdbc over TLS in its default (extended) mode, and stops on SIGTERM.
     */
    @Test
    void serveAnswersPgjdbcAndStopsOnSigterm() throws Exception {
        Path users = dir.resolve("users.json");
        Path launcher = Path.of(System.getProperty("rollcall.cliHome"), "bin", "rollcall");
        ProcessBuilder add = new ProcessBuilder(launcher.toString(), "users", "add", "--users", users.toString(),
                "--name", "ana").redirectErrorStream(true);
        add.environment().put("JAVA_HOME", System.getProperty("java.home"));
        add.environment().put("ROLLCALL_PASSWORD", "launcher pw");
        Process adding = add.start();
        String added = new String(adding.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, adding.waitFor(), added);
        ProcessBuilder serve = new ProcessBuilder(launcher.toString(), "serve", "-w", workspace.toString(), "--port",
                "0", "--users", users.toString());
        serve.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Path out = Files.createTempFile(dir, "serve", ".txt");
        Path err = Files.createTempFile(dir, "serve", ".err");
        Process serving = serve.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            java.util.regex.Pattern listening = java.util.regex.Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            java.util.regex.Matcher m = listening.matcher("");
            while (!(m = listening.matcher(Files.readString(out))).find()) {
                assertTrue(serving.isAlive() && System.nanoTime() < deadline, "serve: " + Files.readString(err));
                Thread.sleep(50);
            }
            try (java.sql.Connection connection = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:"
                    + m.group(1) + "/rollcall?sslmode=require", "ana", "launcher pw");
                    java.sql.ResultSet rs = connection.createStatement().executeQuery("select count(*) from schools")) {
                assertTrue(rs.next());
                assertTrue(rs.getLong(1) > 0);
            }
        } finally {
            serving.destroy();
        }
        assertTrue(serving.waitFor(30, TimeUnit.SECONDS), "serve did not stop on SIGTERM");
        assertNothingForDevelopers(new Result(0, Files.readString(out), Files.readString(err)));
        assertEquals("", Files.readString(err), "nothing on standard error");
    }
}
