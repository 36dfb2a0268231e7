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
import org.rollcall.model.EnrollmentType;
import org.rollcall.sources.Entity;
import org.rollcall.sources.Presets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Writes the daily attendance as Ed-Fi studentSchoolAttendanceEvents (a JSON array, as the API returns it): one
 * event for every day not recorded with the district's usual present code, the local code as a local descriptor
 * ({@code uri://rollcall.org/AttendanceEventCategoryDescriptor#E}), the school's CDS code as its schoolId; beside
 * it the mapping that reads it back, with the district's code table and the present code to fill in.
 * <p>
 * The students and enrollments the days need go beside them as Ed-Fi students, studentEducationOrganizationAssociations
 * (Data Standard 4 and 5 keep sex, ethnicity, races and the state ID there) and studentSchoolAssociations, read back by
 * the edfi-students and edfi-student-school-associations presets, which are written beside them as their mappings.
 * Ed-Fi's own descriptors are used where Ed-Fi defines the value; the values it does not define (transitional
 * kindergarten, Filipino, a short-term enrollment, RollCall's exit reasons) and the group Two or More Races, which is
 * all a workspace keeps of a multiracial student's races, are written as rollcall.org local descriptors.
 */
final class EdFiJsonExport {

    static final String FILE_NAME = "studentSchoolAttendanceEvents.json";
    static final String STUDENTS = "students.json";
    static final String ASSOCIATIONS = "studentEducationOrganizationAssociations.json";
    static final String ENROLLMENTS = "studentSchoolAssociations.json";
    private static final String DESCRIPTOR = "uri://rollcall.org/AttendanceEventCategoryDescriptor#";
    private static final String ED_FI = "uri://ed-fi.org/";
    private static final String LOCAL = "uri://rollcall.org/";

    /** Ed-Fi SexDescriptor code values (as the edfi-ods-students preset reads them). */
    private static final Map<String, String> SEX = Map.of("F", "Female", "M", "Male", "X", "Non-binary");

    /**
     * Ed-Fi RaceDescriptor code values for the federal races; FI and MR are local descriptors, HI is
     * hispanicLatinoEthnicity (federal reporting rule: Hispanic of any race is Hispanic).
     */
    private static final Map<String, String> RACE = Map.of("AI", ED_FI + "RaceDescriptor#American Indian - Alaska Native",
            "AS", ED_FI + "RaceDescriptor#Asian", "AA", ED_FI + "RaceDescriptor#Black - African American",
            "PI", ED_FI + "RaceDescriptor#Native Hawaiian - Pacific Islander", "WH", ED_FI + "RaceDescriptor#White",
            "FI", LOCAL + "RaceDescriptor#Filipino", "MR", LOCAL + "RaceDescriptor#Two or More Races");

    /** Ed-Fi GradeLevelDescriptor code values for KN and 01..12; TK is a local descriptor. */
    private static final List<String> GRADES = List.of("Kindergarten", "First grade", "Second grade", "Third grade",
            "Fourth grade", "Fifth grade", "Sixth grade", "Seventh grade", "Eighth grade", "Ninth grade", "Tenth grade",
            "Eleventh grade", "Twelfth grade");

    private EdFiJsonExport() {
    }

    /** Writes students, their associations, enrollments and days with their mappings; returns them in load order. */
    static List<Path> writeAll(Connection connection, Path dir) throws IOException, SQLException {
        Path students = writeStudents(connection, dir);
        Path enrollments = writeEnrollments(connection, dir);
        return List.of(students, enrollments, write(connection, dir));
    }

    private static Path writeStudents(Connection connection, Path dir) throws IOException, SQLException {
        long district;
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT MIN(district_code) FROM districts")) {
            rs.next();
            if (rs.getString(1) == null) {
                throw new SQLException("the workspace has no district to associate its students with");
            }
            district = Long.parseLong(rs.getString(1));
        }
        Path file = dir.resolve(STUDENTS);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                JsonGenerator json = new JsonFactory().createGenerator(out);
                Writer assocOut = Files.newBufferedWriter(dir.resolve(ASSOCIATIONS), StandardCharsets.UTF_8);
                JsonGenerator assoc = new JsonFactory().createGenerator(assocOut);
                Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT local_id, ssid, first_name, last_name, birth_date, gender, "
                        + "race_ethnicity FROM students ORDER BY local_id")) {
            json.writeStartArray();
            assoc.writeStartArray();
            while (rs.next()) {
                json.writeRaw('\n');
                json.writeStartObject();
                json.writeStringField("studentUniqueId", rs.getString(1));
                json.writeStringField("birthDate", rs.getString(5));
                json.writeStringField("firstName", rs.getString(3));
                json.writeStringField("lastSurname", rs.getString(4));
                json.writeEndObject();

                assoc.writeRaw('\n');
                assoc.writeStartObject();
                assoc.writeObjectFieldStart("educationOrganizationReference");
                assoc.writeNumberField("educationOrganizationId", district);
                assoc.writeEndObject();
                assoc.writeObjectFieldStart("studentReference");
                assoc.writeStringField("studentUniqueId", rs.getString(1));
                assoc.writeEndObject();
                String race = rs.getString(7);
                assoc.writeBooleanField("hispanicLatinoEthnicity", "HI".equals(race));
                String sex = SEX.get(rs.getString(6));
                assoc.writeStringField("sexDescriptor", sex == null ? LOCAL + "SexDescriptor#" + rs.getString(6)
                        : ED_FI + "SexDescriptor#" + sex);
                assoc.writeArrayFieldStart("races");
                if (!"HI".equals(race)) {
                    String descriptor = RACE.get(race);
                    assoc.writeStartObject();
                    assoc.writeStringField("raceDescriptor", descriptor == null ? LOCAL + "RaceDescriptor#" + race
                            : descriptor);
                    assoc.writeEndObject();
                }
                assoc.writeEndArray();
                assoc.writeArrayFieldStart("studentIdentificationCodes");
                assoc.writeStartObject();
                assoc.writeStringField("assigningOrganizationIdentificationCode", "CALPADS");
                assoc.writeStringField("identificationCode", rs.getString(2));
                assoc.writeStringField("studentIdentificationSystemDescriptor",
                        ED_FI + "StudentIdentificationSystemDescriptor#State");
                assoc.writeEndObject();
                assoc.writeEndArray();
                assoc.writeEndObject();
            }
            json.writeRaw('\n');
            json.writeEndArray();
            assoc.writeRaw('\n');
            assoc.writeEndArray();
        }
        Files.writeString(dir.resolve("students.yaml"), Presets.text("edfi-students"), StandardCharsets.UTF_8);
        return file;
    }

    private static Path writeEnrollments(Connection connection, Path dir) throws IOException, SQLException {
        Path file = dir.resolve(ENROLLMENTS);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                JsonGenerator json = new JsonFactory().createGenerator(out);
                Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT st.local_id, e.school_code, e.school_year, e.grade, "
                        + "e.enrollment_type, e.entry_date, e.exit_date, e.exit_reason FROM enrollments e "
                        + "JOIN students st ON st.student_id = e.student_id ORDER BY st.local_id, e.school_code, "
                        + "e.entry_date")) {
            json.writeStartArray();
            while (rs.next()) {
                json.writeRaw('\n');
                json.writeStartObject();
                json.writeStringField("entryDate", rs.getString(6));
                json.writeObjectFieldStart("schoolReference");
                json.writeNumberField("schoolId", Long.parseLong(rs.getString(2)));
                json.writeEndObject();
                json.writeObjectFieldStart("studentReference");
                json.writeStringField("studentUniqueId", rs.getString(1));
                json.writeEndObject();
                json.writeStringField("entryGradeLevelDescriptor", gradeDescriptor(rs.getString(4)));
                String type = rs.getString(5);
                if (EnrollmentType.SHORT_TERM.calpadsCode().equals(type)) {
                    json.writeStringField("enrollmentTypeDescriptor", LOCAL + "EnrollmentTypeDescriptor#Short-term");
                } else {
                    json.writeBooleanField("primarySchool", EnrollmentType.PRIMARY.calpadsCode().equals(type));
                }
                json.writeObjectFieldStart("schoolYearTypeReference");
                json.writeNumberField("schoolYear", endingYear(rs.getString(3)));
                json.writeEndObject();
                if (rs.getString(7) != null) {
                    json.writeStringField("exitWithdrawDate", rs.getString(7));
                }
                if (rs.getString(8) != null) {
                    json.writeStringField("exitWithdrawTypeDescriptor", LOCAL + "ExitWithdrawTypeDescriptor#"
                            + rs.getString(8));
                }
                json.writeEndObject();
            }
            json.writeRaw('\n');
            json.writeEndArray();
        }
        Files.writeString(dir.resolve("studentSchoolAssociations.yaml"),
                Presets.text("edfi-student-school-associations"), StandardCharsets.UTF_8);
        return file;
    }

    /** TK is no Ed-Fi grade; KN and 01..12 are Ed-Fi's GradeLevelDescriptor code values. */
    private static String gradeDescriptor(String grade) {
        if ("TK".equals(grade)) {
            return LOCAL + "GradeLevelDescriptor#Transitional Kindergarten";
        }
        int index = "KN".equals(grade) ? 0 : Integer.parseInt(grade);
        return ED_FI + "GradeLevelDescriptor#" + GRADES.get(index);
    }

    /** Ed-Fi names a school year by the year it ends in (SchoolYearType): 2024-25 is 2025. */
    private static int endingYear(String schoolYear) {
        return Integer.parseInt(schoolYear.substring(0, 4)) + 1;
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
