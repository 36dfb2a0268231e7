package org.rollcall.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.synthetic.DistrictGenerator;
import org.rollcall.synthetic.GenerationProgress;
import org.rollcall.synthetic.GeneratorSettings;

/**
 * sqlline from Maven Central, with nothing but the standalone driver jar beside it, connects to a generated
 * workspace and runs a count and a grouped query: what an analyst does with any JDBC tool.
 */
class SqllineIT {

    @TempDir
    static Path dir;
    static Path workspace;
    static final Path DRIVER = Path.of(System.getProperty("rollcall.driverJar"));
    static final Path SQLLINE = Path.of(System.getProperty("rollcall.sqllineJar"));

    @BeforeAll
    static void generate() {
        workspace = dir.resolve("district.rollcall");
        DistrictGenerator.generate(new GeneratorSettings(300, 1, 5, 2024), workspace, GenerationProgress.NONE);
    }

    /** Runs sqlline on a script in a fresh JVM whose classpath is sqlline and the driver jar only. */
    static String sqlline(String... statements) throws IOException, InterruptedException {
        Path script = Files.write(dir.resolve("script.sql"), List.of(statements));
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(javaBin, "-cp", SQLLINE + File.pathSeparator + DRIVER,
                "sqlline.SqlLine", "-u", "jdbc:rollcall:" + workspace, "-n", "analyst", "-p", "",
                "--outputformat=csv", "--showHeader=true", "--silent=true", "--run=" + script));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "sqlline did not finish");
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    @Test
    void countsDailyAttendanceAndRunsAGroupedQuery() throws Exception {
        String output = sqlline("select count(*) as days from daily_attendance;",
                "select school_level, count(*) as schools from schools group by school_level order by school_level;");
        List<String> lines = output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        int header = lines.indexOf("'DAYS'") >= 0 ? lines.indexOf("'DAYS'") : lines.indexOf("'days'");
        assertTrue(header >= 0, output);
        long days = Long.parseLong(lines.get(header + 1).replace("'", ""));
        // 300 students, about 180 instructional days each (less for those enrolled part of the year)
        assertTrue(days > 300 * 120 && days < 330 * 185, output);
        int grouped = lines.indexOf("'school_level','schools'");
        assertTrue(grouped >= 0, output);
        assertEquals(List.of("'ELEMENTARY','1'", "'HIGH','1'", "'MIDDLE','1'"), lines.subList(grouped + 1, grouped + 4),
                output);
    }

    @Test
    void theDriverJarCarriesItsDependenciesRelocated() throws IOException {
        try (JarFile jar = new JarFile(DRIVER.toFile())) {
            assertTrue(jar.getEntry("org/rollcall/engine/RollCallDriver.class") != null);
            assertTrue(jar.getEntry("org/rollcall/jdbc/shaded/com/google/common/collect/ImmutableList.class") != null);
            assertTrue(jar.getEntry("com/google/common/collect/ImmutableList.class") == null);
            assertTrue(jar.getEntry("com/fasterxml/jackson/databind/ObjectMapper.class") == null);
            String services = new String(jar.getInputStream(jar.getEntry("META-INF/services/java.sql.Driver")).readAllBytes());
            assertTrue(services.contains("org.rollcall.engine.RollCallDriver"), services);
        }
    }
}
