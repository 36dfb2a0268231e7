package org.rollcall.ui;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rollcall.engine.AttendanceSchema;

/** Reads the attendance schema's tables, views and columns, with their remarks, from JDBC metadata. */
final class SchemaReader {

    private SchemaReader() {
    }

    static List<SchemaNode> read(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        SchemaNode tables = SchemaNode.folder("Tables", "The canonical attendance tables");
        SchemaNode views = SchemaNode.folder("Views", "Metric views with California's rules built in");
        Map<String, SchemaNode> byName = new LinkedHashMap<>();
        try (ResultSet rs = meta.getTables(null, AttendanceSchema.NAME, "%", null)) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                String type = rs.getString("TABLE_TYPE");
                SchemaNode node = new SchemaNode(name, type, text(rs.getString("REMARKS")), new ArrayList<>());
                byName.put(name, node);
                ("VIEW".equals(type) ? views : tables).children().add(node);
            }
        }
        try (ResultSet rs = meta.getColumns(null, AttendanceSchema.NAME, "%", "%")) {
            while (rs.next()) {
                SchemaNode table = byName.get(rs.getString("TABLE_NAME"));
                if (table != null) {
                    table.children().add(new SchemaNode(rs.getString("COLUMN_NAME"), rs.getString("TYPE_NAME"),
                            text(rs.getString("REMARKS")), List.of()));
                }
            }
        }
        tables.children().sort((a, b) -> a.name().compareTo(b.name()));
        views.children().sort((a, b) -> a.name().compareTo(b.name()));
        return List.of(tables, views);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
