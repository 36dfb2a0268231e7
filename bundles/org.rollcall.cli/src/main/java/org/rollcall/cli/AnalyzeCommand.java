package org.rollcall.cli;

import picocli.CommandLine.Command;

/** {@code rollcall analyze}: the analyses computed at every import, read through the driver. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Did it work? Analyses computed at every import, read from the attendance schema.",
        subcommands = {AnalyzeRoiCommand.class})
final class AnalyzeCommand {
}
