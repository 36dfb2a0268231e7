package org.rollcall.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code rollcall} command: generate, demo, query, import, export, quarantine, audit, live, serve, users, plugin, analyze and report, each a subcommand. */
@Command(name = "rollcall", mixinStandardHelpOptions = true, version = "RollCall 0.1.0",
        description = "Attendance analytics for California school districts and county offices of education.",
        subcommands = {GenerateCommand.class, DemoCommand.class, QueryCommand.class, ImportCommand.class,
                ExportCommand.class, QuarantineCommand.class, AuditCommand.class, LiveCommand.class,
                ServeCommand.class, UsersCommand.class, PluginCommand.class, AnalyzeCommand.class, ReportCommand.class,
                CommandLine.HelpCommand.class})
public final class RollCall {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with every subcommand, for running `rollcall` in process (tests, benchmarks). */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new RollCall());
        // Say what went wrong in one line, not with a stack trace: users are analysts, not developers.
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(cmd.getColorScheme().errorText("rollcall: " + TerminalText.escapedKeepingLines(describe(e))));
            return 1;
        });
        return commandLine;
    }

    static String describe(Throwable e) {
        StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
                message.append(": ").append(cause.getMessage());
            }
        }
        return message.toString();
    }
}
