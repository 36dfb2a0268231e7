package org.rollcall.cli;

import picocli.CommandLine.Command;

/** {@code rollcall analyze}: did it work? Each analysis a subcommand, read from the tables every import keeps current. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Analyses computed at every import and read through the driver: roi (did the interventions "
                + "work?), outcomes (attendance and achievement) and recovery (the Attendance Recovery ledger).",
        subcommands = {AnalyzeRoiCommand.class, AnalyzeOutcomesCommand.class, AnalyzeRecoveryCommand.class})
final class AnalyzeCommand {
}
