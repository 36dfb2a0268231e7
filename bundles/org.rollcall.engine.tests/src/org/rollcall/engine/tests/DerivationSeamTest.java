package org.rollcall.engine.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rollcall.engine.tests.DriverTest.query;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.engine.RollCallDriver;
import org.rollcall.store.Workspace;
import org.rollcall.store.spi.Derivations;

/**
 * A bundle's derivation is found inside OSGi through the store's seam, fills its table when the workspace is built and
 * again after every change of the data, and its table is in the attendance schema with its description and keys.
 */
class DerivationSeamTest {

    @TempDir
    Path dir;

    @Test
    void aContributedDerivationFillsItsTableAndTheSchemaDescribesIt() throws SQLException {
        // found through the store's own class loader (its buddies), not through whatever the thread's context is
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(null);
        try {
            seam();
        } finally {
            Thread.currentThread().setContextClassLoader(context);
        }
    }

    private void seam() throws SQLException {
        assertTrue(Derivations.available().stream().anyMatch(d -> d instanceof StudentsPerSchoolDerivation),
                "the test bundle's derivation is found in OSGi: " + Derivations.available());
        Path workspace = FixtureDistrict.create(dir);
        try (Connection c = RollCallDriver.open(workspace)) {
            // Elm: students 1-5; Oak: 3 and 4 (FixtureDistrict)
            assertEquals(List.of(List.of(FixtureDistrict.ELM, 5), List.of(FixtureDistrict.OAK, 2)), query(c,
                    "select school_code, students from attendance.test_students_per_school order by school_code"));
            DatabaseMetaData meta = c.getMetaData();
            try (ResultSet tables = meta.getTables(null, "attendance", "test_students_per_school", null)) {
                assertTrue(tables.next());
                assertEquals(StudentsPerSchoolDerivation.TABLE.description(), tables.getString("REMARKS"));
            }
            try (ResultSet keys = meta.getPrimaryKeys(null, "attendance", "test_students_per_school")) {
                assertTrue(keys.next());
                assertEquals("school_code", keys.getString("COLUMN_NAME"));
            }
            try (ResultSet keys = meta.getImportedKeys(null, "attendance", "test_students_per_school")) {
                assertTrue(keys.next());
                assertEquals("schools", keys.getString("PKTABLE_NAME"));
            }
        }
        // the next import changes the data: the derived table follows it in the same transaction
        try (Workspace w = Workspace.open(workspace); Statement s = w.connection().createStatement()) {
            s.executeUpdate("DELETE FROM daily_attendance WHERE student_id = 3 AND school_code = '"
                    + FixtureDistrict.OAK + "'");
            w.rebuildSummaries();
        }
        try (Connection c = RollCallDriver.open(workspace)) {
            assertEquals(List.of(List.of(FixtureDistrict.OAK, 1)), query(c, "select school_code, students from "
                    + "attendance.test_students_per_school where school_code = '" + FixtureDistrict.OAK + "'"));
        }
    }
}
