package org.rollcall.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;

import org.rollcall.engine.RollCallDriver;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rollcall quarantine}: what was not imported, and why. */
@Command(name = "quarantine", mixinStandardHelpOptions = true,
        description = "List the rows imports set aside: counts by file and problem, then the rows with their line, "
                + "field, value and reason. Fix the mapping (or the file) and import the file again: its entries "
                + "are replaced.")
final class QuarantineCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-w", "--workspace"}, required = true, description = "Workspace file.")
    Path workspace;

    @Option(names = "--file", description = "Only rows from files whose path ends with this.")
    String file;

    @Option(names = "--limit", defaultValue = "50", description = "Rows to list (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--csv", description = "Print every quarantined row as CSV instead.")
    boolean csv;

    @Override
    public Integer call() throws SQLException {
        PrintWriter out = spec.commandLine().getOut();
        String where = file == null ? "" : " WHERE file LIKE '%' || '" + file.replace("'", "''") + "'";
        // VALUE is a reserved word of the SQL the engine parses: the column is quoted (its name is lower case)
        try (Connection connection = RollCallDriver.open(workspace)) {
            QueryRunner runner = new QueryRunner(connection);
            if (csv) {
                runner.printCsv(out, "SELECT file, line, entity, field, \"value\", reason, record FROM import_quarantine"
                        + where + " ORDER BY file, line");
                return 0;
            }
            runner.printTable(out, "SELECT file, entity, field, COUNT(*) AS \"rows\", MIN(reason) AS example "
                    + "FROM import_quarantine" + where + " GROUP BY file, entity, field ORDER BY file, entity, field");
            out.println();
            runner.printTable(out, "SELECT file, line, field, \"value\", reason FROM import_quarantine" + where
                    + " ORDER BY file, line LIMIT " + Math.max(0, limit));
        }
        return 0;
    }
}
