package org.rollcall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rollcall.cli.RollCallCommandLineTest.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.cli.RollCallCommandLineTest.Run;
import org.rollcall.store.Workspace;

import picocli.CommandLine;

/**
 * Every subcommand of {@code rollcall}, run at least once as the README documents it, on a small generated
 * district. The first test fails when a command is added without being run here.
 */
class EveryCommandTest {

    /** The commands this class runs; a new subcommand must be added here, with a test that runs it. */
    private static final Set<String> RUN_HERE = Set.of("generate", "demo", "query", "import", "export", "quarantine",
            "audit", "live", "live add", "live list", "live check", "live remove", "serve", "users", "users add", "users list",
            "users remove", "plugin", "plugin new", "plugin check", "plugin install", "plugin list", "plugin remove",
            "report", "analyze", "analyze roi", "analyze outcomes", "analyze recovery");

    @TempDir
    static Path dir;
    static Path workspace;

    @BeforeAll
    static void generate() {
        workspace = dir.resolve("every.rollcall");
        Run run = run("generate", "--students", "300", "--years", "1", "--seed", "5", "--out", workspace.toString());
        assertEquals(0, run.exitCode(), run.err());
    }

    @Test
    void everySubcommandIsRunByThisClass() {
        Set<String> commands = new TreeSet<>();
        collect(RollCall.commandLine(), "", commands);
        commands.remove("help");
        assertEquals(new TreeSet<>(RUN_HERE), commands, "run each new command in EveryCommandTest");
    }

    private static void collect(CommandLine command, String prefix, Set<String> into) {
        command.getSubcommands().forEach((name, sub) -> {
            String qualified = prefix.isEmpty() ? name : prefix + " " + name;
            into.add(qualified);
            collect(sub, qualified, into);
        });
    }

    /** README: fix the mapping and import the file again; {@code rollcall quarantine} lists what was set aside. */
    @Test
    void quarantineListsTheRowsAnImportSetAsideWithTheirReason() throws IOException, SQLException {
        Path copy = dir.resolve("quarantine.rollcall");
        Files.copy(workspace, copy);
        List<String> days = studentDays(copy, 3);
        Path mapping = dir.resolve("days.yaml");
        Files.writeString(mapping, """
                entity: daily_attendance
                format: delimited
                header: true
                fields: {local_id: Student, school_code: School, attendance_date: Date, local_code: Code}
                codes:
                  P: {category: present}
                """);
        Path file = dir.resolve("days.csv");
        Files.writeString(file, "Student,School,Date,Code\n" + days.get(0) + ",P\n" + days.get(1) + ",ZZ\n"
                + days.get(2) + ",P\n");

        Run imported = run("import", "-w", copy.toString(), "--mapping", mapping.toString(), file.toString());
        assertEquals(0, imported.exitCode(), imported.err());
        assertTrue(imported.out().contains("3 read, 2 loaded, 1 quarantined"), imported.out());

        Run listed = run("quarantine", "-w", copy.toString());
        assertEquals(0, listed.exitCode(), listed.err());
        assertTrue(listed.out().contains("days.csv"), listed.out());
        assertTrue(listed.out().contains("ZZ"), "the value set aside: " + listed.out());
        assertTrue(listed.out().lines().anyMatch(l -> l.contains(" 3 ") && l.contains("local_code")),
                "line 3 and its field: " + listed.out());

        Run csv = run("quarantine", "-w", copy.toString(), "--csv");
        assertEquals(0, csv.exitCode(), csv.err());
        List<String> lines = csv.out().lines().toList();
        assertEquals("file,line,entity,field,value,reason,record", lines.get(0));
        assertEquals(2, lines.size(), csv.out());
        assertTrue(lines.get(1).contains(",3,daily_attendance,local_code,ZZ,"), lines.get(1));

        Run none = run("quarantine", "-w", copy.toString(), "--file", "other.csv", "--csv");
        assertEquals(0, none.exitCode(), none.err());
        assertEquals(1, none.out().lines().count(), "only the header for another file: " + none.out());
    }

    /** Instructional days inside one student's enrollment, as "local_id,school_code,date". */
    private static List<String> studentDays(Path file, int count) throws SQLException {
        List<String> days = new ArrayList<>();
        try (Workspace store = Workspace.open(file); Statement s = store.connection().createStatement();
                ResultSet rs = s.executeQuery("SELECT st.local_id, d.school_code, d.attendance_date "
                        + "FROM daily_attendance d JOIN students st ON st.student_id = d.student_id "
                        + "WHERE d.student_id = (SELECT MIN(student_id) FROM daily_attendance) "
                        + "ORDER BY d.attendance_date LIMIT " + count)) {
            while (rs.next()) {
                days.add(rs.getString(1) + "," + rs.getString(2) + "," + rs.getString(3));
            }
        }
        assertEquals(count, days.size());
        return days;
    }

    @Test
    void importListsAndShowsPresetsAndAdapters() {
        Run presets = run("import", "--list-presets");
        assertEquals(0, presets.exitCode(), presets.err());
        for (String preset : List.of("daily-attendance-csv", "calpads-stas", "edfi-ods-students", "edfi-students")) {
            assertTrue(presets.out().contains(preset), presets.out());
        }
        Run shown = run("import", "--show-preset", "daily-attendance-csv");
        assertEquals(0, shown.exitCode(), shown.err());
        assertTrue(shown.out().contains("entity: daily_attendance"), shown.out());
        Run adapters = run("import", "--list-adapters");
        assertEquals(0, adapters.exitCode(), adapters.err());
        for (String adapter : List.of("delimited", "fixed-width", "edfi-json", "jdbc")) {
            assertTrue(adapters.out().contains(adapter), adapters.out());
        }
    }

    @Test
    void exportWritesEveryTableWithItsMappingAndTheStateLayouts() throws IOException {
        Path out = dir.resolve("exported");
        Run csv = run("export", "-w", workspace.toString(), "--out", out.toString());
        assertEquals(0, csv.exitCode(), csv.err());
        assertTrue(Files.size(out.resolve("daily_attendance.csv")) > 0);
        String mapping = Files.readString(out.resolve("daily_attendance.yaml"));
        assertTrue(mapping.matches("(?s).*entity: \"?daily_attendance\"?\n.*"), mapping);
        for (String format : List.of("DATAQUEST", "CALPADS", "EDFI_JSON", "FIXED_WIDTH")) {
            Path formatted = dir.resolve("exported-" + format);
            Run run = run("export", "-w", workspace.toString(), "--out", formatted.toString(), "--format", format);
            assertEquals(0, run.exitCode(), format + ": " + run.err());
            try (var files = Files.list(formatted)) {
                assertTrue(files.findAny().isPresent(), format + " wrote nothing");
            }
        }
    }

    @Test
    void auditPrintsItsChecksAndQueryItsTables() {
        Run audit = run("audit", "-w", workspace.toString());
        assertEquals(0, audit.exitCode(), audit.err());
        assertTrue(audit.out().contains("outside_enrollment"), audit.out());
        Run failOnFindings = run("audit", "-w", workspace.toString(), "--fail-on-findings");
        assertEquals(0, failOnFindings.exitCode(), "the synthetic district passes every check: " + failOnFindings.out());
        Run query = run("query", "-w", workspace.toString(), "--csv", "select count(*) as n from chronic_absence_by_school");
        assertEquals(0, query.exitCode(), query.err());
        assertTrue(Long.parseLong(query.out().lines().toList().get(1)) > 0, query.out());
    }

    /** README "Attendance and outcomes": a line in words per measure and year, then the tiers; CSV for tools. */
    @Test
    void analyzeOutcomesSaysHowEachMeasureGoesWithAbsence() {
        Run outcomes = run("analyze", "outcomes", "-w", workspace.toString());
        assertEquals(0, outcomes.exitCode(), outcomes.err());
        List<String> lines = outcomes.out().lines().toList();
        for (String measure : List.of("ELA", "Math")) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(measure + " ")
                    && l.matches(".*: each percentage point of days absent goes with \\d+\\.\\d (fewer|more) "
                            + "scale-score points \\(95% CI .*\\), after grade, school and student groups; raw .*; "
                            + "association, not effect")), measure + ": " + outcomes.out());
        }
        assertTrue(outcomes.out().contains("Satisfactory") && outcomes.out().contains("Severe chronic"), outcomes.out());
        Run csv = run("analyze", "outcomes", "-w", workspace.toString(), "--csv");
        assertEquals(0, csv.exitCode(), csv.err());
        List<String> rows = csv.out().lines().toList();
        assertTrue(rows.get(0).startsWith("measure,school_year,students,"), rows.get(0));
        assertEquals(3, rows.size(), "a header and ELA and math in one year: " + csv.out());
    }

    /** Importing outcomes alone recomputes the analysis: a new measure is set against attendance at once. */
    @Test
    void anImportOfOutcomesRefreshesTheAnalysis() throws IOException, SQLException {
        Path copy = dir.resolve("outcomes.rollcall");
        Files.copy(workspace, copy);
        StringBuilder csv = new StringBuilder("Student,Year,Measure,Grade,Value\n");
        try (Workspace store = Workspace.open(copy); Statement s = store.connection().createStatement();
                ResultSet rs = s.executeQuery("SELECT st.local_id, d.school_year, d.grade, d.days_absent * 100.0 / "
                        + "d.days_expected FROM district_student_year d JOIN students st ON st.student_id = d.student_id "
                        + "WHERE d.is_eligible ORDER BY d.student_id LIMIT 60")) {
            while (rs.next()) {
                // a reading measure that falls 2 points per percentage point absent
                csv.append(rs.getString(1)).append(',').append(rs.getString(2)).append(",READING_LEVEL,")
                        .append(rs.getString(3)).append(',').append(500 - 2 * rs.getDouble(4)).append('\n');
            }
        }
        Path file = dir.resolve("reading.csv");
        Files.writeString(file, csv);
        Path mapping = dir.resolve("reading.yaml");
        Files.writeString(mapping, """
                entity: outcomes
                format: delimited
                header: true
                fields: {local_id: Student, school_year: Year, measure: Measure, grade: Grade, value: Value}
                """);
        Run imported = run("import", "-w", copy.toString(), "--mapping", mapping.toString(), file.toString());
        assertEquals(0, imported.exitCode(), imported.err());
        Run outcomes = run("analyze", "outcomes", "-w", copy.toString());
        assertEquals(0, outcomes.exitCode(), outcomes.err());
        assertTrue(outcomes.out().lines().anyMatch(l -> l.startsWith("READING_LEVEL ")
                && l.contains("goes with 2.0 fewer points") && l.contains("raw 2.0; 60 students")), outcomes.out());
    }

    /** README "Attendance Recovery": the ledger with the rates without and with recovered days, and dollars. */
    @Test
    void analyzeRecoveryPrintsTheLedger() throws IOException, SQLException {
        Path copy = dir.resolve("recovery.rollcall");
        Files.copy(workspace, copy);
        Run none = run("analyze", "recovery", "-w", copy.toString());
        assertEquals(0, none.exitCode(), none.err());
        assertTrue(none.out().startsWith("No Attendance Recovery sessions"), none.out());
        try (Workspace store = Workspace.open(copy); Statement s = store.connection().createStatement()) {
            // the five most absent students each make up two days on two Saturdays of 240 minutes
            s.executeUpdate("""
                    INSERT INTO attendance_recovery (student_id, school_code, session_date, program, minutes)
                    SELECT a.student_id, a.school_code, d.day, 'SATURDAY', 240
                      FROM (SELECT student_id, school_code FROM attendance_summary
                             ORDER BY days_absent DESC, student_id LIMIT 5) a
                      CROSS JOIN (SELECT '2024-01-06' AS day UNION ALL SELECT '2024-01-13') d""");
            store.rebuildSummaries();
        }
        Run ledger = run("analyze", "recovery", "-w", copy.toString());
        assertEquals(0, ledger.exitCode(), ledger.err());
        assertTrue(ledger.out().startsWith("2023-24: 5 of 5 students with sessions credited 10 recovered days ($"),
                ledger.out());
        assertTrue(ledger.out().contains("without recovered days"), ledger.out());
        assertTrue(ledger.out().contains("hold-harmless"), ledger.out());
        Run csv = run("analyze", "recovery", "-w", copy.toString(), "--csv");
        assertEquals(0, csv.exitCode(), csv.err());
        assertEquals("school_year,students_with_sessions,students_credited,days_credited,chronic_rate,"
                + "chronic_rate_with_recovery,dollars", csv.out().lines().findFirst().orElseThrow());
    }

    /**
     * README "Attendance Recovery": the dollars come from lcff_rates, the one table of LCFF rates (intervention ROI
     * reads it too): importing a year's rates at twice the seeded ones doubles the year's dollars.
     */
    @Test
    void recoveryDollarsFollowTheImportedLcffRates() throws IOException, SQLException {
        Path copy = dir.resolve("rates.rollcall");
        Files.copy(workspace, copy);
        try (Workspace store = Workspace.open(copy); Statement s = store.connection().createStatement()) {
            s.executeUpdate("""
                    INSERT INTO attendance_recovery (student_id, school_code, session_date, program, minutes)
                    SELECT a.student_id, a.school_code, d.day, 'SATURDAY', 240
                      FROM (SELECT student_id, school_code FROM attendance_summary
                             ORDER BY days_absent DESC, student_id LIMIT 5) a
                      CROSS JOIN (SELECT '2024-01-06' AS day UNION ALL SELECT '2024-01-13') d""");
            store.rebuildSummaries();
        }
        double seeded = recoveryDollars(copy);
        assertTrue(seeded > 0, "dollars at the seeded rates");
        StringBuilder csv = new StringBuilder("Year,Span,Base,Adjustment,Source\n");
        try (Workspace store = Workspace.open(copy); Statement s = store.connection().createStatement();
                ResultSet rs = s.executeQuery("SELECT grade_span, base_grant_per_ada, grade_span_adjustment_per_ada "
                        + "FROM lcff_rates WHERE fiscal_year = '2024-25'")) {
            while (rs.next()) {
                csv.append("2023-24,").append(rs.getString(1)).append(',').append(2 * rs.getDouble(2)).append(',')
                        .append(2 * rs.getDouble(3)).append(",twice the 2024-25 rates\n");
            }
        }
        Path file = dir.resolve("rates.csv");
        Files.writeString(file, csv);
        Path mapping = dir.resolve("rates.yaml");
        Files.writeString(mapping, """
                entity: lcff_rates
                format: delimited
                header: true
                fields: {fiscal_year: Year, grade_span: Span, base_grant_per_ada: Base,
                         grade_span_adjustment_per_ada: Adjustment, source: Source}
                """);
        Run imported = run("import", "-w", copy.toString(), "--mapping", mapping.toString(), file.toString());
        assertEquals(0, imported.exitCode(), imported.err());
        assertEquals(2 * seeded, recoveryDollars(copy), 0.02 * 2, "the 2023-24 dollars at the imported rates");
    }

    /** Importing interventions alone recomputes intervention ROI: the analysis tables follow the import. */
    @Test
    void interventionEffectsFollowAnImportOfInterventionsAlone() throws IOException, SQLException {
        Path copy = dir.resolve("renamed-intervention.rollcall");
        Files.copy(workspace, copy);
        StringBuilder csv = new StringBuilder("Id,Name,Type,Cost\n");
        try (Workspace store = Workspace.open(copy); Statement s = store.connection().createStatement();
                ResultSet rs = s.executeQuery("SELECT intervention_id, intervention_type, cost_per_student FROM interventions")) {
            while (rs.next()) {
                csv.append(rs.getLong(1)).append(",Renamed ").append(rs.getLong(1)).append(',').append(rs.getString(2))
                        .append(',').append(rs.getDouble(3)).append('\n');
            }
        }
        Path file = dir.resolve("interventions.csv");
        Files.writeString(file, csv);
        Path mapping = dir.resolve("interventions.yaml");
        Files.writeString(mapping, """
                entity: interventions
                format: delimited
                header: true
                fields: {intervention_id: Id, name: Name, intervention_type: Type, cost_per_student: Cost}
                """);
        Run imported = run("import", "-w", copy.toString(), "--mapping", mapping.toString(), file.toString());
        assertEquals(0, imported.exitCode(), imported.err());
        try (Workspace store = Workspace.open(copy); Statement s = store.connection().createStatement();
                ResultSet rs = s.executeQuery("SELECT intervention_id, intervention_name FROM intervention_effects")) {
            int rows = 0;
            while (rs.next()) {
                assertEquals("Renamed " + rs.getLong(1), rs.getString(2));
                rows++;
            }
            assertTrue(rows > 0, "the generated district's interventions have effects");
        }
    }

    /** The dollars of 2023-24 as `analyze recovery --csv` prints them. */
    private static double recoveryDollars(Path workspace) {
        Run csv = run("analyze", "recovery", "-w", workspace.toString(), "--csv");
        assertEquals(0, csv.exitCode(), csv.err());
        String row = csv.out().lines().filter(l -> l.startsWith("2023-24,")).findFirst().orElseThrow(() -> new AssertionError(csv.out()));
        String[] cells = row.split(",");
        return Double.parseDouble(cells[cells.length - 1]);
    }

    @Test
    void demoPrintsTheSnapshot() {
        Run demo = run("demo", "--workspace", workspace.toString());
        assertEquals(0, demo.exitCode(), demo.err());
        assertTrue(demo.out().startsWith("District snapshot: "), demo.out());
    }

    /**
     * README: {@code rollcall analyze roi} prints one plain-language line per intervention and year with the naive
     * figure beside it and the method, found in the flat class path through the analysis jar's derivation.
     */
    @Test
    void analyzeRoiSummarizesEachInterventionAndPrintsItsTable() {
        Run roi = run("analyze", "roi", "-w", workspace.toString());
        assertEquals(0, roi.exitCode(), roi.err());
        List<String> lines = roi.out().lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("Attendance nudge letter ")
                && l.contains("than the control group (95% CI")), roi.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("Attendance mentoring ")
                && l.contains("than matched students (95% CI") && l.contains("per participant")), roi.out());
        assertTrue(roi.out().contains("naive pre/post of the participants alone: "), roi.out());
        assertTrue(roi.out().contains("Method: Randomized") && roi.out().contains("Method: Matched"), roi.out());
        assertTrue(roi.out().contains("hold-harmless"), roi.out());

        Run one = run("analyze", "roi", "-w", workspace.toString(), "--intervention", "2", "--csv");
        assertEquals(0, one.exitCode(), one.err());
        List<String> csv = one.out().lines().toList();
        assertTrue(csv.get(0).startsWith("intervention_id,intervention_name,school_year,participants,"), csv.get(0));
        assertEquals(2, csv.size(), "one year, one row: " + one.out());
        assertTrue(csv.get(1).startsWith("2,Attendance mentoring,"), csv.get(1));

        Run missing = run("analyze", "roi", "-w", workspace.toString(), "--intervention", "77");
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("no intervention 77"), missing.err());
    }

    /** A live source is stored, listed, checked (here: unreachable, so the check fails clearly) and removed. */
    @Test
    void liveSourcesAreAddedListedCheckedAndRemoved() throws IOException {
        Path copy = dir.resolve("live.rollcall");
        Files.copy(workspace, copy);
        Path definition = dir.resolve("sis.yaml");
        Files.writeString(definition, "name: sis\nurl: jdbc:postgresql://127.0.0.1:9/sis\ntimeout_seconds: 1\n"
                + "tables:\n  students: {from: pupil}\n");
        Run add = run("live", "add", "-w", copy.toString(), "--no-check", definition.toString());
        assertEquals(0, add.exitCode(), add.err());
        assertTrue(add.out().contains("Live source 'sis'"), add.out());
        Run list = run("live", "list", "-w", copy.toString());
        assertEquals(0, list.exitCode(), list.err());
        assertTrue(list.out().contains("jdbc:postgresql://127.0.0.1:9/sis"), list.out());
        Run check = run("live", "check", "-w", copy.toString(), "sis");
        assertEquals(1, check.exitCode(), check.out());
        assertTrue(check.err().contains("sis.students: FAILED"), check.err());
        assertFalse(check.err().contains("\tat "), "no stack trace: " + check.err());
        Run remove = run("live", "remove", "-w", copy.toString(), "sis");
        assertEquals(0, remove.exitCode(), remove.err());
        Run again = run("live", "remove", "-w", copy.toString(), "sis");
        assertEquals(1, again.exitCode());
        assertTrue(again.err().contains("no live source named 'sis'"), again.err());
        assertFalse(run("live", "list", "-w", copy.toString()).out().contains("127.0.0.1:9"));
    }

    /** Users are added (the password from ROLLCALL_PASSWORD), listed with their scopes, and removed. */
    @Test
    void usersAreAddedListedAndRemoved() throws Exception {
        Path users = dir.resolve("every-users.json");
        Run noPassword = run("users", "add", "--users", users.toString(), "--name", "nobody");
        assertEquals(2, noPassword.exitCode(), noPassword.err());
        assertTrue(noPassword.err().contains("ROLLCALL_PASSWORD"), noPassword.err());
        assertFalse(Files.exists(users), "nothing written without a password");
        ServeTest.usersAdd(users, "pw one", "--name", "ana");
        ServeTest.usersAdd(users, "pw two", "--name", "lee", "--district", "1964246", "--school", "19642460000001");
        Run list = run("users", "list", "--users", users.toString());
        assertEquals(0, list.exitCode(), list.err());
        assertEquals(List.of("ana (all districts and schools)", "lee (districts 1964246; schools 19642460000001)"),
                list.out().lines().toList());
        Run remove = run("users", "remove", "--users", users.toString(), "--name", "ana");
        assertEquals(0, remove.exitCode(), remove.err());
        Run again = run("users", "remove", "--users", users.toString(), "--name", "ana");
        assertEquals(1, again.exitCode());
        assertTrue(again.err().contains("no user 'ana'"), again.err());
        assertEquals(List.of("lee (districts 1964246; schools 19642460000001)"),
                run("users", "list", "--users", users.toString()).out().lines().toList());
        Run help = run("users", "--help");
        assertEquals(0, help.exitCode(), help.err());
    }

    /** report lists its templates and renders one; the report's content is tested in LcapGoalsReportTest. */
    @Test
    void reportListsTemplatesAndRendersTheLcapTable() throws IOException {
        Run list = run("report", "--list");
        assertEquals(0, list.exitCode(), list.err());
        assertTrue(list.out().contains("lcap-goals: LCAP goal metrics"), list.out());
        assertTrue(list.out().contains("--param notice_date (date YYYY-MM-DD, required)"), list.out());
        assertTrue(list.out().contains("--param language (one of en|es, default en)"), list.out());
        Path out = dir.resolve("lcap.html");
        Run html = run("report", "lcap-goals", "--workspace", workspace.toString(), "--out", out.toString());
        assertEquals(0, html.exitCode(), html.err());
        assertTrue(html.out().contains("Wrote " + out.toAbsolutePath()), html.out());
        assertTrue(Files.readString(out).contains("Target for Year 3 Outcome"));
    }

    /**
     * serve (requiring TLS, with the certificate it makes) listens, answers a PostgreSQL client in its default
     * extended mode, and stops when its thread is interrupted (SIGTERM: ServeTest).
     */
    @Test
    void serveAnswersAPostgresqlClient() throws Exception {
        Path users = dir.resolve("serve-users.json");
        ServeTest.usersAdd(users, "pw", "--name", "ana");
        java.io.StringWriter out = new java.io.StringWriter();
        CommandLine commandLine = RollCall.commandLine();
        commandLine.setOut(new java.io.PrintWriter(out, true));
        commandLine.setErr(new java.io.PrintWriter(out, true));
        Thread serving = new Thread(() -> commandLine.execute("serve", "--workspace", workspace.toString(), "--port",
                "0", "--users", users.toString(), "--require-tls"));
        serving.start();
        try {
            int port = ServeTest.awaitListening(out::toString, serving::isAlive);
            assertTrue(out.toString().contains("(self-signed, made now), SHA-256 fingerprint "), out.toString());
            try (Connection connection = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port
                    + "/rollcall?sslmode=require", "ana", "pw");
                    Connection direct = org.rollcall.engine.RollCallDriver.open(workspace)) {
                assertEquals(ServeTest.rows(direct, "select count(*) from students"),
                        ServeTest.rows(connection, "select count(*) from students"));
            }
        } finally {
            serving.interrupt();
            serving.join(30_000);
        }
        assertFalse(serving.isAlive());
        Run noWorkspace = run("serve", "--workspace", dir.resolve("none.rollcall").toString(), "--users",
                users.toString());
        assertEquals(2, noWorkspace.exitCode());
        assertTrue(noWorkspace.err().contains("no workspace at"), noWorkspace.err());
        Run certificateAlone = run("serve", "--workspace", workspace.toString(), "--users", users.toString(),
                "--tls-cert", users.resolveSibling("rollcall-serve.crt").toString());
        assertEquals(2, certificateAlone.exitCode());
        assertTrue(certificateAlone.err().contains("--tls-cert and --tls-key go together"), certificateAlone.err());
    }

    @Test
    void pluginsAreMadeCheckedInstalledListedAndRemoved() throws Exception {
        Path folder = dir.resolve("every-plugins");
        Run made = run("plugin", "new", "every-plugin", "--dir", dir.toString());
        assertEquals(0, made.exitCode(), made.err());
        Run check = run("plugin", "check", dir.resolve("every-plugin").toString());
        assertEquals(0, check.exitCode(), check.err());
        Path jar = dir.resolve("every-plugin.jar");
        Files.move(PluginCommand.zip(dir.resolve("every-plugin")), jar);
        Run refused = run("plugin", "--plugins", folder.toString(), "install", jar.toString());
        assertEquals(1, refused.exitCode(), refused.out());
        assertTrue(refused.err().contains("is not signed"), refused.err());
        Run installed = run("plugin", "--plugins", folder.toString(), "install", jar.toString(), "--allow-unsigned");
        assertEquals(0, installed.exitCode(), installed.err());
        Run list = run("plugin", "--plugins", folder.toString(), "list");
        assertTrue(list.out().contains("org.example.every-plugin 1.0.0"), list.out());
        Run removed = run("plugin", "--plugins", folder.toString(), "remove", "org.example.every-plugin");
        assertEquals(0, removed.exitCode(), removed.err());
        assertFalse(Files.exists(folder));
    }
}
