package org.rollcall.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;

import org.rollcall.engine.RollCallDriver;
import org.rollcall.synthetic.DistrictGenerator;
import org.rollcall.synthetic.GeneratorSettings;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rollcall demo}: creates the demo district if absent and prints its snapshot. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Create the demo district workspace if absent and print a district snapshot.")
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--workspace", description = "Demo workspace file (default: ${DEFAULT-VALUE}).",
            defaultValue = "${sys:user.home}/.rollcall/demo-district.rollcall")
    Path workspace;

    @Override
    public Integer call() throws SQLException {
        if (!Files.isRegularFile(workspace) || !org.rollcall.store.WorkspaceCheck.isCurrent(workspace)) {
            if (Files.isRegularFile(workspace)) {
                // the demo is generated data: one made by another RollCall version is made again, not refused
                spec.commandLine().getErr().println(workspace + " was made by another version of RollCall; replacing it");
            }
            GeneratorSettings demo = GeneratorSettings.demo();
            spec.commandLine().getErr().printf("Creating the demo district (%,d students, %d years) at %s%n", demo.students(),
                    demo.years(), workspace);
            try (ProgressBarReporter progress = new ProgressBarReporter(System.err)) {
                DistrictGenerator.generate(demo, workspace, progress);
            }
        }
        try (Connection connection = RollCallDriver.open(workspace)) {
            printSnapshot(connection, spec.commandLine().getOut());
        }
        return 0;
    }

    static void printSnapshot(Connection connection, PrintWriter out) throws SQLException {
        QueryRunner runner = new QueryRunner(connection);
        out.println("District snapshot: " + TerminalText.escaped(runner.single(
                "select district_name || ' (' || county_name || ')' from districts")));
        out.println();
        out.println("Chronic absenteeism by year (each student evaluated at the district level):");
        runner.printTable(out, """
                select school_year, students, eligible_students, chronic_students, chronic_rate,
                       at_risk_students, severe_chronic_students, absence_rate, unexcused_share_of_absences
                  from district_snapshot order by school_year""");
        out.println();
        out.println("Schools with the most chronically absent students, latest year:");
        runner.printTable(out, """
                select school_name, school_level, eligible_students, chronic_students, chronic_rate
                  from chronic_absence_by_school
                 where school_year = (select max(school_year) from school_years)
                 order by chronic_students desc, school_name limit 10""");
        out.println();
        out.println("Chronic absenteeism by grade, latest year:");
        runner.printTable(out, """
                select grade, eligible_students, chronic_students, chronic_rate
                  from chronic_absence_by_grade
                 where school_year = (select max(school_year) from school_years)
                 order by grade_order""");
    }
}
