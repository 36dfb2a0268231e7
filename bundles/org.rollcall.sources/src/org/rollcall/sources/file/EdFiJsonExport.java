package org.rollcall.sources.file;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rollcall.model.AttendanceCategory;
import org.rollcall.sources.Entity;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Writes the daily attendance as Ed-Fi studentSchoolAttendanceEvents (a JSON array, as the API returns it): one
 * event for every day not recorded with the district's usual present code, the local code as a local descriptor
 * ({@code uri://rollcall.org/AttendanceEventCategoryDescriptor#E}), the school's CDS code as its schoolId; beside
 * it the mapping that reads it back, with the district's code table and the present code to fill in.
 */
final class EdFiJsonExport {

    static final String FILE_NAME = "studentSchoolAttendanceEvents.json";
    private static final String DESCRIPTOR = "uri://rollcall.org/AttendanceEventCategoryDescriptor#";

    private EdFiJsonExport() {
    }

    static Path write(Connection connection, Path dir) throws IOException, SQLException {
        String presentCode = presentCode(connection);
        Path file = dir.resolve(FILE_NAME);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                JsonGenerator json = new JsonFactory().createGenerator(out);
                Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT st.local_id, d.school_code, d.attendance_date, d.local_code "
                        + "FROM daily_attendance d JOIN students st ON st.student_id = d.student_id "
                        + "WHERE d.local_code <> '" + presentCode.replace("'", "''") + "' "
                        + "ORDER BY d.student_id, d.school_code, d.attendance_date")) {
            json.writeStartArray();
            while (rs.next()) {
                json.writeRaw('\n');
                json.writeStartObject();
                json.writeObjectFieldStart("studentReference");
                json.writeStringField("studentUniqueId", rs.getString(1));
                json.writeEndObject();
                json.writeObjectFieldStart("schoolReference");
                json.writeNumberField("schoolId", Long.parseLong(rs.getString(2)));
                json.writeEndObject();
                json.writeStringField("eventDate", rs.getString(3));
                json.writeStringField("attendanceEventCategoryDescriptor", DESCRIPTOR + rs.getString(4));
                json.writeEndObject();
            }
            json.writeRaw('\n');
            json.writeEndArray();
        }
        Files.writeString(dir.resolve("studentSchoolAttendanceEvents.yaml"), mapping(connection, presentCode),
                StandardCharsets.UTF_8);
        return file;
    }

    /** The present code most days carry: the one the import fills in. */
    private static String presentCode(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT local_code FROM "
                + "daily_attendance WHERE category = '" + AttendanceCategory.PRESENT.code() + "' GROUP BY local_code "
                + "ORDER BY COUNT(*) DESC LIMIT 1")) {
            if (!rs.next()) {
                throw new SQLException("the workspace has no present days to export as Ed-Fi events");
            }
            return rs.getString(1);
        }
    }

    private static String mapping(Connection connection, String presentCode) throws SQLException, IOException {
        Map<String, Object> codes = new LinkedHashMap<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT local_code, category, excused_reason, description FROM attendance_codes ORDER BY local_code")) {
            while (rs.next()) {
                Map<String, Object> code = new LinkedHashMap<>();
                code.put("category", rs.getString(2));
                if (rs.getString(3) != null) {
                    code.put("reason", rs.getString(3));
                }
                code.put("description", rs.getString(4));
                codes.put(rs.getString(1), code);
            }
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("local_id", "/studentReference/studentUniqueId");
        fields.put("school_code", "/schoolReference/schoolId");
        fields.put("attendance_date", "/eventDate");
        fields.put("local_code", "/attendanceEventCategoryDescriptor");
        Map<String, Object> mapping = new LinkedHashMap<>();
        mapping.put("description", "RollCall export of daily attendance as Ed-Fi studentSchoolAttendanceEvents");
        mapping.put("entity", Entity.DAILY_ATTENDANCE.tableName());
        mapping.put("format", "edfi-json");
        mapping.put("dates", List.of("yyyy-MM-dd"));
        mapping.put("fields", fields);
        mapping.put("codes", codes);
        mapping.put("fill_present", presentCode);
        return new YAMLMapper().writeValueAsString(mapping);
    }
}
