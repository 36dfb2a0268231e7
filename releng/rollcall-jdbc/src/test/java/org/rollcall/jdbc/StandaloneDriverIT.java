package org.rollcall.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.ServiceLoader;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.synthetic.DistrictGenerator;
import org.rollcall.synthetic.GenerationProgress;
import org.rollcall.synthetic.GeneratorSettings;

/**
 * The standalone driver jar alone, in a class loader that sees nothing of the build, as a BI tool loads
 * it: found as a java.sql.Driver service, it describes the schema with keys and remarks and answers the
 * Dashboard functions.
 */
class StandaloneDriverIT {

    @TempDir
    static Path dir;
    static Path workspace;
    static Driver driver;

    @BeforeAll
    static void loadDriverAlone() throws Exception {
        workspace = dir.resolve("district.rollcall");
        DistrictGenerator.generate(new GeneratorSettings(300, 2, 9, 2023), workspace, GenerationProgress.NONE);
        URL jar = Path.of(System.getProperty("rollcall.driverJar")).toUri().toURL();
        ClassLoader isolated = new URLClassLoader(new URL[] {jar}, ClassLoader.getPlatformClassLoader());
        driver = ServiceLoader.load(Driver.class, isolated).stream().map(ServiceLoader.Provider::get)
                .filter(StandaloneDriverIT::isRollCall).findFirst().orElseThrow();
        assertEquals(isolated, driver.getClass().getClassLoader(), "the driver must come from the jar alone");
    }

    private static boolean isRollCall(Driver candidate) {
        try {
            return candidate.acceptsURL("jdbc:rollcall:x");
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    static Connection connect() throws Exception {
        return driver.connect("jdbc:rollcall:" + workspace, new Properties());
    }

    @Test
    void keysAndRemarksReachTheTool() throws Exception {
        try (Connection c = connect()) {
            DatabaseMetaData meta = c.getMetaData();
            List<String> pk = new ArrayList<>();
            try (ResultSet rs = meta.getPrimaryKeys(null, "attendance", "enrollments")) {
                while (rs.next()) {
                    pk.add(rs.getString("COLUMN_NAME"));
                }
            }
            assertEquals(List.of("enrollment_id"), pk);
            try (ResultSet rs = meta.getImportedKeys(null, "attendance", "daily_attendance")) {
                assertTrue(rs.next());
            }
            try (ResultSet rs = meta.getColumns(null, "attendance", "daily_attendance", "category")) {
                assertTrue(rs.next());
                assertTrue(rs.getString("REMARKS").startsWith("Canonical attendance category"), rs.getString("REMARKS"));
            }
            try (ResultSet rs = meta.getTables(null, "attendance", "dashboard_chronic_absence", null)) {
                assertTrue(rs.next());
                assertTrue(rs.getString("REMARKS").contains("Dashboard"), rs.getString("REMARKS"));
            }
            // computed in Java at every import (org.rollcall.analysis), described by the jar alone
            try (ResultSet rs = meta.getTables(null, "attendance", "intervention_effects", null)) {
                assertTrue(rs.next(), "intervention_effects is listed");
                assertTrue(rs.getString("REMARKS").startsWith("Did the intervention work?"), rs.getString("REMARKS"));
            }
            try (ResultSet rs = meta.getPrimaryKeys(null, "attendance", "intervention_effects")) {
                assertTrue(rs.next());
                assertEquals("intervention_id", rs.getString("COLUMN_NAME"));
            }
        }
    }

    @Test
    void theDashboardFunctionsAnswer() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select dashboard_status(101, 1000), "
                        + "dashboard_change(22, 149, 203, 1000), dashboard_color(22, 150, 202, 1000)")) {
            assertTrue(rs.next());
            assertEquals("High", rs.getString(1));
            assertEquals("Declined", rs.getString(2));
            assertEquals("Yellow", rs.getString(3));
        }
    }
}
