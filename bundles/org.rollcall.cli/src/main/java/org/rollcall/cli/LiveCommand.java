package org.rollcall.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Callable;

import org.rollcall.engine.LiveSource;
import org.rollcall.engine.LiveSources;
import org.rollcall.engine.RollCallDriver;
import org.rollcall.store.Workspace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code rollcall live}: databases the workspace queries in place, without importing them. */
@Command(name = "live", mixinStandardHelpOptions = true,
        description = {"Query another database in place (PostgreSQL first; any JDBC database): a live source appears "
                + "as a schema of canonical tables (sis.daily_attendance, sis.students, ...) over the source's own "
                + "tables, plus sis.attendance_summary and the chronic absence rates computed from them. Filters, "
                + "joins and aggregations run in the source; nothing is copied.",
            "The definition is a YAML file (see the README); its password is never stored: name the environment "
                + "variable that holds it with password_env, or give <name>.password as a connection property."},
        subcommands = {LiveCommand.Add.class, LiveCommand.ListSources.class, LiveCommand.Check.class,
                LiveCommand.Remove.class})
final class LiveCommand {

    @Option(names = {"-w", "--workspace"}, required = true, scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Workspace file.")
    Path workspace;

    /** {@code rollcall live add FILE}: stores a definition, then checks that every table it maps answers. */
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add (or replace) a live source from its YAML definition and check each table it maps.")
    static final class Add implements Callable<Integer> {
        @ParentCommand
        LiveCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--no-check", description = "Store the definition without connecting to the source.")
        boolean noCheck;

        @Parameters(paramLabel = "FILE", description = "The live source's YAML definition.")
        Path file;

        @Override
        public Integer call() throws IOException, SQLException {
            String yaml = Files.readString(file);
            LiveSource source;
            try (Workspace store = Workspace.open(parent.workspace)) {
                source = LiveSources.save(store.connection(), yaml, file.getFileName().toString());
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf("Live source '%s' (%s): %s%n", source.name(), source.url(),
                    String.join(", ", source.tables().keySet()));
            return noCheck ? 0 : check(parent.workspace, source.name(), out, spec.commandLine().getErr());
        }
    }

    /** {@code rollcall live list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the workspace's live sources.")
    static final class ListSources implements Callable<Integer> {
        @ParentCommand
        LiveCommand parent;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws SQLException {
            PrintWriter out = spec.commandLine().getOut();
            try (Connection connection = RollCallDriver.open(parent.workspace)) {
                new QueryRunner(connection).printTable(out,
                        "SELECT name, url, added_at FROM live_sources ORDER BY name");
            }
            return 0;
        }
    }

    /** {@code rollcall live check [NAME]}. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Query every table a live source maps (all sources without NAME) and count its rows.")
    static final class Check implements Callable<Integer> {
        @ParentCommand
        LiveCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", arity = "0..1", description = "The live source to check.")
        String name;

        @Override
        public Integer call() throws SQLException {
            return check(parent.workspace, name, spec.commandLine().getOut(), spec.commandLine().getErr());
        }
    }

    /** {@code rollcall live remove NAME}. */
    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a live source.")
    static final class Remove implements Callable<Integer> {
        @ParentCommand
        LiveCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The live source to remove.")
        String name;

        @Override
        public Integer call() throws SQLException {
            try (Workspace store = Workspace.open(parent.workspace)) {
                if (!LiveSources.remove(store.connection(), name)) {
                    spec.commandLine().getErr().println("rollcall: no live source named '" + name + "'");
                    return 1;
                }
            }
            spec.commandLine().getOut().println("Removed live source '" + name + "'");
            return 0;
        }
    }

    /** Counts each mapped table's rows through the driver, as a BI tool would see them; 1 if any fails. */
    static int check(Path workspace, String only, PrintWriter out, PrintWriter err) throws SQLException {
        int failed = 0;
        try (Connection connection = RollCallDriver.open(workspace)) {
            for (LiveSource source : definitions(connection, only)) {
                for (String table : source.tables().keySet()) {
                    long started = System.nanoTime();
                    try (Statement s = connection.createStatement();
                            ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + source.name() + "." + table)) {
                        rs.next();
                        out.printf("  %s.%-26s %,12d rows  (%,d ms)%n", source.name(), table, rs.getLong(1),
                                (System.nanoTime() - started) / 1_000_000);
                    } catch (SQLException e) {
                        failed++;
                        err.println("  " + source.name() + "." + table + ": FAILED: "
                                + TerminalText.escapedKeepingLines(RollCall.describe(e)));
                    }
                }
            }
        }
        if (failed > 0) {
            err.println("rollcall: " + failed + " live table(s) failed; fix the definition and run 'rollcall live add' "
                    + "again, or 'rollcall live check' once the source is reachable");
        }
        return failed > 0 ? 1 : 0;
    }

    private static List<LiveSource> definitions(Connection connection, String only) throws SQLException {
        List<LiveSource> sources = LiveSources.read(connection, only);
        if (only != null && sources.isEmpty()) {
            throw new IllegalArgumentException("no live source named '" + only + "'");
        }
        return sources;
    }
}
