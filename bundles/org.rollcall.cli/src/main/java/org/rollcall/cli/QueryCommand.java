package org.rollcall.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;

import org.rollcall.engine.RollCallDriver;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Parameters;

/** {@code rollcall query}: runs SQL on a workspace and prints a table or CSV. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Run a SQL query on a workspace's attendance schema and print the result.")
final class QueryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-w", "--workspace"}, required = true, description = "Workspace file.")
    Path workspace;

    @Option(names = "--csv", description = "Print CSV (RFC 4180) instead of a table.")
    boolean csv;

    @Parameters(index = "0", paramLabel = "SQL", description = "The query, e.g. \"select * from district_snapshot\".")
    String sql;

    @Override
    public Integer call() throws SQLException {
        try (Connection connection = RollCallDriver.open(workspace)) {
            QueryRunner runner = new QueryRunner(connection);
            if (csv) {
                runner.printCsv(spec.commandLine().getOut(), sql);
            } else {
                runner.printTable(spec.commandLine().getOut(), sql);
            }
        }
        return 0;
    }
}
