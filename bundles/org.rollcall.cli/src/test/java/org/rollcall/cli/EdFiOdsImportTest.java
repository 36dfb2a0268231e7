package org.rollcall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.cli.RollCallCommandLineTest.Run;
import org.rollcall.testing.PostgresServer;

/**
 * {@code rollcall import --database} on a real PostgreSQL holding the Ed-Fi ODS tables the presets read, with a
 * hand-written district full of edge cases: what loads, what is quarantined and why, what a re-import does, and
 * what a database that cannot be read, a query that fails midway and a URL that would load classes do.
 */
class EdFiOdsImportTest {

    static PostgresServer server;
    static String url;

    @TempDir
    Path dir;

    @BeforeAll
    static void startOds() throws Exception {
        server = PostgresServer.start();
        server.createDatabase("ods");
        try (Connection c = server.connect("ods")) {
            OdsFixture.runScript(c, "/edfi-ods/schema.sql");
            OdsFixture.runScript(c, "/edfi-ods/fixture.sql");
        }
        url = server.jdbcUrl("ods");
    }

    @AfterAll
    static void stopOds() {
        if (server != null) {
            server.close();
        }
    }

    private static Run run(String... args) {
        return RollCallCommandLineTest.run(args);
    }

    @Test
    void theOdsPresetsImportTheFixtureAndQuarantineItsEdgeCasesWithReasons() throws Exception {
        Path workspace = OdsFixture.referenceWorkspace(dir.resolve("w.rollcall"));
        Run first = run("import", "--workspace", workspace.toString(), "--database", url, "--mapping",
                "preset:edfi-ods-*");
        assertEquals(0, first.exitCode(), first.err() + first.out());
        // in dependency order, whatever the order of the presets
        String out = first.out();
        assertTrue(out.indexOf("edfi-ods-students -> students: 6 read, 4 loaded, 2 quarantined") >= 0, out);
        assertTrue(out.indexOf("edfi-ods-enrollments -> enrollments: 8 read, 5 loaded, 3 quarantined")
                > out.indexOf("-> students"), out);
        // Aug 14-22 are 7 instructional days for each of the 4 primary enrollments at the two schools: 28 days,
        // 3 of them events, the rest filled as present
        assertTrue(out.indexOf("edfi-ods-attendance-events -> daily_attendance: 7 read, 3 loaded, 4 quarantined "
                + "(days 2024-08-14..2024-08-22; 0 earlier rows replaced; 25 present days filled)")
                > out.indexOf("-> enrollments"), out);
        assertTrue(out.contains("3 query(ies): 21 rows read = 12 loaded + 9 quarantined; 0 query(ies) failed"), out);

        assertEquals("""
                1001|2000000001|Ana|Alvarez|2016-01-01|F|HI
                1002|2000000002|Ben|Brown|2019-02-02|M|MR
                1003|2000000003|Cai|Chen|2020-03-03|X|AS
                1004|2000000004|Dee|Dela Cruz|2016-04-04|F|FI
                """, OdsFixture.dump(workspace, "SELECT local_id, ssid, first_name, last_name, birth_date, gender, "
                + "race_ethnicity FROM students ORDER BY local_id"));
        assertEquals("""
                1001|19647330000001|2024-25|03|10|2024-08-14|null
                1002|19647330000001|2024-25|KN|10|2024-08-14|null
                1003|19647330000002|2024-25|TK|10|2024-08-14|null
                1004|19647330000001|2024-25|03|20|2024-09-03|null
                1004|19647330000002|2024-25|03|10|2024-08-14|null
                """, OdsFixture.dump(workspace, "SELECT s.local_id, e.school_code, e.school_year, e.grade, "
                + "e.enrollment_type, e.entry_date, e.exit_date FROM enrollments e JOIN students s USING (student_id) "
                + "ORDER BY 1, 2"));
        assertEquals("""
                1001|2024-08-20|excused|Excused Absence
                1002|2024-08-21|unexcused|Unexcused Absence
                1003|2024-08-22|tardy|Tardy
                """, OdsFixture.dump(workspace, "SELECT s.local_id, d.attendance_date, d.category, d.local_code "
                + "FROM daily_attendance d JOIN students s USING (student_id) WHERE d.category <> 'present' ORDER BY 1"));
        assertEquals("25|In Attendance\n", OdsFixture.dump(workspace, "SELECT COUNT(*), MIN(local_code) "
                + "FROM daily_attendance WHERE category = 'present'"));

        String source = url + " query preset:edfi-ods-";
        assertEquals(source + "attendance-events|2|null|same student, school_code, attendance_date as line 1, which was loaded\n"
                + source + "attendance-events|4|attendance_date|2024-06-14 falls in no school year of this workspace (import school_years first)\n"
                + source + "attendance-events|6|local_code|attendance code 'Field Trip' is not mapped to a category; add it under codes: in the mapping (or import the code table) and import the file again\n"
                + source + "attendance-events|7|local_id|no student has local ID '1005' (import the students file first)\n"
                + source + "enrollments|3|exit_date|exit_date 2024-09-05 is before entry_date 2024-09-10\n"
                + source + "enrollments|5|school_code|'255901009' is not the CDS code of a school in this workspace; map the SIS's school number to its CDS code under schools: in the mapping, or import the schools first\n"
                + source + "enrollments|8|local_id|no student has local ID '1005' (import the students file first)\n"
                + source + "students|5|gender|'Not Selected' is not one of F, M, X\n"
                + source + "students|6|ssid|ssid is empty; it is required\n",
                OdsFixture.dump(workspace, "SELECT file, line, field, reason FROM import_quarantine ORDER BY file, line"));
        assertEquals("3\n", OdsFixture.dump(workspace, "SELECT COUNT(DISTINCT file_sha256) FROM import_log "
                + "WHERE file LIKE 'jdbc:postgresql:%' AND adapter = 'jdbc'"));

        // a database is read again every time; the rows upsert by key and the days replace their range
        String before = OdsFixture.stateWithoutLog(workspace);
        Run again = run("import", "-w", workspace.toString(), "--database", url, "--mapping",
                "preset:edfi-ods-attendance-events", "--mapping", "preset:edfi-ods-students", "--mapping",
                "preset:edfi-ods-enrollments");
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("28 earlier rows replaced; 25 present days filled"), again.out());
        assertEquals(before, OdsFixture.stateWithoutLog(workspace), "the same rows, summaries and quarantine");
        // logged twice each, with the same digest of the same rows
        assertEquals("2|1\n2|1\n2|1\n", OdsFixture.dump(workspace, "SELECT COUNT(*), COUNT(DISTINCT file_sha256) "
                + "FROM import_log GROUP BY file ORDER BY file"));
    }

    @Test
    void aPasswordInTheUrlNeverReachesTheWorkspaceOrTheMessages() throws Exception {
        Path workspace = OdsFixture.referenceWorkspace(dir.resolve("w.rollcall"));
        // trust authentication ignores the password; the point is where it could be written
        String withPassword = url + "&password=hunter2-secret";
        Run ok = run("import", "-w", workspace.toString(), "--database", withPassword, "--mapping",
                "preset:edfi-ods-students");
        assertEquals(0, ok.exitCode(), ok.err());
        Run unreachable = run("import", "-w", workspace.toString(), "--database",
                "jdbc:postgresql://127.0.0.1:" + closedPort() + "/ods?user=postgres&password=hunter2-secret",
                "--mapping", "preset:edfi-ods-students");
        assertEquals(1, unreachable.exitCode());
        String everything = ok.out() + ok.err() + unreachable.out() + unreachable.err()
                + OdsFixture.state(workspace) + new String(Files.readAllBytes(workspace), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertFalse(everything.contains("hunter2"), everything);
        assertTrue(ok.out().contains("password=***"), ok.out());
    }

    @Test
    void anUnreachableDatabaseFailsClearlyAndChangesNothing() throws Exception {
        Path workspace = OdsFixture.referenceWorkspace(dir.resolve("w.rollcall"));
        assertEquals(0, run("import", "-w", workspace.toString(), "--database", url, "--mapping",
                "preset:edfi-ods-students").exitCode());
        String before = OdsFixture.state(workspace);
        String nowhere = "jdbc:postgresql://127.0.0.1:" + closedPort() + "/ods?user=postgres";
        Run run = run("import", "-w", workspace.toString(), "--database", nowhere, "--mapping", "preset:edfi-ods-*");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains(nowhere + " query preset:edfi-ods-students: FAILED: Cannot connect to " + nowhere
                + ": Connection to 127.0.0.1:"), run.err());
        assertTrue(run.err().contains("the workspace is unchanged"), run.err());
        assertTrue(run.out().contains("3 query(ies): 0 rows read = 0 loaded + 0 quarantined; 3 query(ies) failed"),
                run.out());
        assertEquals(before, OdsFixture.state(workspace));
    }

    @Test
    void aQueryThatFailsMidwayLeavesTheWorkspaceAsItWas() throws Exception {
        Path workspace = OdsFixture.referenceWorkspace(dir.resolve("w.rollcall"));
        assertEquals(0, run("import", "-w", workspace.toString(), "--database", url, "--mapping",
                "preset:edfi-ods-students").exitCode());
        String before = OdsFixture.state(workspace);
        // valid students, streamed in batches, until row 12,000 divides by zero
        Path mapping = Files.writeString(dir.resolve("many.yaml"), """
                entity: students
                format: jdbc
                query: >
                  SELECT 'S' || g AS local_id, lpad(g::text, 10, '0') AS ssid, 'First' AS first_name,
                         'Last' AS last_name, DATE '2016-01-01' AS birth_date, 'F' AS gender,
                         CASE WHEN g < 12000 THEN 'WH' ELSE (1 / (g - g))::text END AS race_ethnicity
                    FROM generate_series(1, 20000) AS g
                fields:
                  local_id: local_id
                  ssid: ssid
                  first_name: first_name
                  last_name: last_name
                  birth_date: birth_date
                  gender: gender
                  race_ethnicity: race_ethnicity
                """);
        Run run = run("import", "-w", workspace.toString(), "--database", url, "--mapping", mapping.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("many.yaml: FAILED: ") && run.err().contains("reading the result of the query "
                + "failed after 10000 rows") && run.err().contains("division by zero")
                && run.err().contains("the workspace is unchanged"), run.err());
        assertEquals(before, OdsFixture.state(workspace));
    }

    @Test
    void theSourceIsReadOnly() throws Exception {
        Path workspace = OdsFixture.referenceWorkspace(dir.resolve("w.rollcall"));
        Path mapping = Files.writeString(dir.resolve("delete.yaml"), """
                entity: districts
                format: jdbc
                query: >
                  WITH gone AS (DELETE FROM edfi.educationorganization RETURNING educationorganizationid)
                  SELECT educationorganizationid AS code, 'x' AS name FROM gone
                fields:
                  district_code: code
                  district_name: name
                  county_code: {value: "19"}
                  county_name: {value: Los Angeles}
                """);
        Run run = run("import", "-w", workspace.toString(), "--database", url, "--mapping", mapping.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("read-only transaction"), run.err());
        try (Connection c = server.connect("ods"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM edfi.educationorganization")) {
            rs.next();
            assertEquals(4, rs.getInt(1));
        }
    }

    @Test
    void urlsWithPropertiesThatLoadClassesAreRefused() {
        Path workspace = dir.resolve("never.rollcall");
        String[][] refused = {{"socketFactory=java.io.FileOutputStream&socketFactoryArg=/tmp/x",
            "sets socketFactory, socketFactoryArg,"}, {"sslfactory=org.example.Evil", "sets sslfactory,"},
            {"SSLHOSTNAMEVERIFIER=org.example.Evil", "sets SSLHOSTNAMEVERIFIER,"},
            {"sslpasswordcallback=x.Y", "sets sslpasswordcallback,"},
            {"authenticationPluginClassName=x.Y", "sets authenticationPluginClassName,"},
            {"loggerFile=/tmp/pg.log&loggerLevel=DEBUG", "sets loggerFile, loggerLevel,"},
            {"socket%46actory=x.Y", "sets socketFactory,"}};
        for (String[] property : refused) {
            Run run = run("import", "-w", workspace.toString(), "--create", "--database", url + "&" + property[0],
                    "--mapping", "preset:edfi-ods-students");
            assertEquals(1, run.exitCode(), property[0]);
            assertTrue(run.err().contains(property[1] + " which make") && run.err().contains(
                    "the driver load a class or write a file named in the URL"), run.err());
            assertFalse(Files.exists(workspace), "refused before anything is created");
        }
    }

    @Test
    void aMissingPasswordVariableAndAFileMappingAreClearErrors() {
        Path workspace = OdsFixture.referenceWorkspace(dir.resolve("w.rollcall"));
        Run noVariable = run("import", "-w", workspace.toString(), "--database", url, "--user", "postgres",
                "--password-env", "ROLLCALL_TEST_NO_SUCH_VARIABLE", "--mapping", "preset:edfi-ods-students");
        assertEquals(1, noVariable.exitCode());
        assertTrue(noVariable.err().contains("there is no environment variable ROLLCALL_TEST_NO_SUCH_VARIABLE"),
                noVariable.err());
        Run fileMapping = run("import", "-w", workspace.toString(), "--database", url, "--mapping",
                "preset:students-csv");
        assertEquals(1, fileMapping.exitCode());
        assertTrue(fileMapping.err().contains("mapping preset:students-csv describes a delimited file"),
                fileMapping.err());
    }

    private static int closedPort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
