package org.rollcall.engine.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.engine.RollCallDriver;

/** DatabaseMetaData as DBeaver and Metabase read it during sync: tables, remarks, types and keys. */
class MetaDataTest {

    @TempDir
    static Path dir;
    static Path workspace;

    @BeforeAll
    static void createWorkspace() {
        workspace = FixtureDistrict.create(dir);
    }

    @Test
    void tablesAndViewsCarryTheirDescriptionsAndNoSqliteInternals() throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        try (Connection c = RollCallDriver.open(workspace);
                ResultSet rs = c.getMetaData().getTables(null, "attendance", "%", null)) {
            while (rs.next()) {
                types.put(rs.getString("TABLE_NAME"), rs.getString("TABLE_TYPE"));
                assertTrue(rs.getString("REMARKS") != null && !rs.getString("REMARKS").isBlank(),
                        rs.getString("TABLE_NAME") + " has no remarks");
            }
        }
        assertEquals("TABLE", types.get("daily_attendance"));
        assertEquals("VIEW", types.get("chronic_absence_by_school"));
        // a materialized metric view is a table the summary rebuild refills
        assertEquals("TABLE", types.get("district_snapshot"));
        assertTrue(types.keySet().stream().noneMatch(name -> name.startsWith("sqlite_")), types.toString());
    }

    /** Calcite lists views held as macros (the Dashboard view) whatever name was asked for; the driver does not. */
    @Test
    void aTableNamePatternFindsOnlyWhatMatches() throws SQLException {
        try (Connection c = RollCallDriver.open(workspace)) {
            List<String> found = new java.util.ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, "attendance", "schools", null)) {
                while (rs.next()) {
                    found.add(rs.getString("TABLE_NAME"));
                }
            }
            assertEquals(List.of("schools"), found);
            found.clear();
            try (ResultSet rs = c.getMetaData().getTables(null, "attendance", "dashboard\\_%", null)) {
                while (rs.next()) {
                    found.add(rs.getString("TABLE_NAME"));
                }
            }
            assertTrue(found.contains("dashboard_chronic_absence") && found.contains("dashboard_counts"), found.toString());
            assertTrue(found.stream().allMatch(t -> t.startsWith("dashboard_")), found.toString());
            found.clear();
            try (ResultSet rs = c.getMetaData().getColumns(null, "attendance", "schools", "%")) {
                while (rs.next()) {
                    found.add(rs.getString("TABLE_NAME"));
                }
            }
            assertTrue(!found.isEmpty() && found.stream().allMatch("schools"::equals), found.toString());
        }
    }

    @Test
    void columnsHaveCanonicalTypesAndRemarks() throws SQLException {
        try (Connection c = RollCallDriver.open(workspace);
                ResultSet rs = c.getMetaData().getColumns(null, "attendance", "daily_attendance", "attendance_date")) {
            assertTrue(rs.next());
            assertEquals(java.sql.Types.DATE, rs.getInt("DATA_TYPE"));
            assertEquals("DATE", rs.getString("TYPE_NAME"));
            assertEquals(DatabaseMetaData.columnNoNulls, rs.getInt("NULLABLE"));
            assertEquals("Instructional day", rs.getString("REMARKS"));
        }
    }

    @Test
    void schemasFunctionsAndTypesAnswerASync() throws SQLException {
        try (Connection c = RollCallDriver.open(workspace)) {
            DatabaseMetaData meta = c.getMetaData();
            List<String> schemas = new ArrayList<>();
            try (ResultSet rs = meta.getSchemas()) {
                while (rs.next()) {
                    schemas.add(rs.getString("TABLE_SCHEM"));
                }
            }
            assertTrue(schemas.contains("attendance"), schemas.toString());
            List<String> functions = new ArrayList<>();
            try (ResultSet rs = meta.getFunctions(null, "attendance", "dashboard%")) {
                while (rs.next()) {
                    functions.add(rs.getString("FUNCTION_NAME"));
                }
            }
            assertTrue(functions.containsAll(List.of("dashboard_status", "dashboard_change", "dashboard_change_points",
                    "dashboard_color")), functions.toString());
            try (ResultSet rs = meta.getTypeInfo()) {
                assertTrue(rs.next(), "type info lists the SQL types");
            }
            assertEquals("RollCall JDBC Driver", meta.getDriverName());
        }
    }

    @Test
    void primaryAndForeignKeysLetToolsJoin() throws SQLException {
        try (Connection c = RollCallDriver.open(workspace)) {
            DatabaseMetaData meta = c.getMetaData();
            List<String> pk = new ArrayList<>();
            try (ResultSet rs = meta.getPrimaryKeys(null, "attendance", "daily_attendance")) {
                while (rs.next()) {
                    pk.add(rs.getShort("KEY_SEQ") + ":" + rs.getString("COLUMN_NAME"));
                }
            }
            assertEquals(List.of("1:student_id", "2:school_code", "3:attendance_date"), pk);
            List<String> imported = new ArrayList<>();
            try (ResultSet rs = meta.getImportedKeys(null, "attendance", "enrollments")) {
                while (rs.next()) {
                    imported.add(rs.getString("FKCOLUMN_NAME") + "->" + rs.getString("PKTABLE_NAME") + "."
                            + rs.getString("PKCOLUMN_NAME"));
                }
            }
            assertEquals(List.of("student_id->students.student_id", "school_code->schools.school_code",
                    "school_year->school_years.school_year"), imported);
            List<String> exported = new ArrayList<>();
            try (ResultSet rs = meta.getExportedKeys(null, "attendance", "schools")) {
                while (rs.next()) {
                    exported.add(rs.getString("FKTABLE_NAME"));
                }
            }
            assertTrue(exported.containsAll(List.of("enrollments", "daily_attendance", "attendance_summary")),
                    exported.toString());
            assertSame(c, meta.getConnection());
        }
    }
}
