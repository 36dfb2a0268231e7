package org.rollcall.engine.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.engine.RollCallDriver;
import org.rollcall.store.Workspace;

/**
 * Live sources inside OSGi, as the workbench runs them: the schema mounts, and a query reaches the PostgreSQL driver
 * (whose bundle DriverManager would hide from the pool), which reports the database it cannot reach. The queries
 * themselves are tested against a real PostgreSQL on the flat class path (the command line's LiveSourceTest).
 */
class LiveSourceInOsgiTest {

    @TempDir
    Path dir;

    @Test
    void aQueryReachesThePostgresqlDriverAndNamesTheSourceItCannotReach() throws SQLException {
        Path workspace = FixtureDistrict.create(dir);
        try (Workspace store = Workspace.open(workspace); PreparedStatement s = store.connection().prepareStatement(
                "INSERT INTO live_sources (name, url, definition, added_at) VALUES ('sis', ?, ?, '2026-12-01')")) {
            // port 9 (discard) has no PostgreSQL behind it on a test machine
            s.setString(1, "jdbc:postgresql://127.0.0.1:9/sis");
            s.setString(2, "name: sis\nurl: jdbc:postgresql://127.0.0.1:9/sis\ntimeout_seconds: 2\n"
                    + "tables:\n  students: {from: pupil}\n");
            s.executeUpdate();
        }
        try (Connection connection = RollCallDriver.open(workspace); Statement s = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = connection.getMetaData().getTables(null, "sis", "%", null)) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            assertTrue(tables.contains("students"), tables.toString());
            SQLException failed = assertThrows(SQLException.class, () -> s.executeQuery("SELECT COUNT(*) FROM sis.students"));
            String message = messages(failed);
            assertTrue(message.contains("Live source 'sis' (jdbc:postgresql://127.0.0.1:9/sis)"), message);
            // the driver itself answered: it was found through the bundle, not missing
            assertFalse(message.contains("no JDBC driver"), message);
            assertTrue(message.toLowerCase(java.util.Locale.ROOT).contains("refused"), message);
        }
    }

    private static String messages(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(t.getMessage()).append(" | ");
        }
        return text.toString();
    }
}
