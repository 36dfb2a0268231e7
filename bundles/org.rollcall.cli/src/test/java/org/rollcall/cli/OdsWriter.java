package org.rollcall.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.rollcall.store.Workspace;

/**
 * Writes a workspace's students, enrollments and days into the Ed-Fi ODS tables of {@code schema.sql}, the way an
 * ODS holds them: students by StudentUSI with their StudentUniqueId (the local ID) and SSID (the "State"
 * identification code), sex, Hispanic ethnicity and races on the association with the LEA; schools as Ed-Fi
 * SchoolIds (integers, so not the 14-digit CDS codes) with the CDS code as the "SEA" identification code;
 * enrollments as StudentSchoolAssociations; and every day not recorded with the district's usual present code
 * as a StudentSchoolAttendanceEvent with the district's own code as a local descriptor. Test support only.
 */
final class OdsWriter {

    private static final String ED_FI = "uri://ed-fi.org/";
    private static final String LOCAL = "uri://rollcall.org/";
    /** CALPADS grade -> Ed-Fi GradeLevelDescriptor code value (TK is a California grade: a local one). */
    private static final Map<String, String> GRADES = Map.ofEntries(Map.entry("TK", "Transitional Kindergarten"),
            Map.entry("KN", "Kindergarten"), Map.entry("01", "First grade"), Map.entry("02", "Second grade"),
            Map.entry("03", "Third grade"), Map.entry("04", "Fourth grade"), Map.entry("05", "Fifth grade"),
            Map.entry("06", "Sixth grade"), Map.entry("07", "Seventh grade"), Map.entry("08", "Eighth grade"),
            Map.entry("09", "Ninth grade"), Map.entry("10", "Tenth grade"), Map.entry("11", "Eleventh grade"),
            Map.entry("12", "Twelfth grade"));
    /** Dashboard race group -> Ed-Fi RaceDescriptor code values (Hispanic students also get a race). */
    private static final Map<String, List<String>> RACES = Map.of("AA", List.of("Black - African American"),
            "AI", List.of("American Indian - Alaska Native"), "AS", List.of("Asian"),
            "PI", List.of("Native Hawaiian - Pacific Islander"), "WH", List.of("White"), "FI", List.of("Filipino"),
            "HI", List.of("White"), "MR", List.of("White", "Asian"));
    private static final Map<String, String> SEXES = Map.of("F", "Female", "M", "Male", "X", "Non-binary");

    private final Connection ods;
    private final Map<String, Integer> descriptors = new HashMap<>();
    private final Map<String, Integer> schoolIds = new HashMap<>();
    private int leaId;

    private OdsWriter(Connection ods) {
        this.ods = ods;
    }

    /** Writes {@code workspace} into the ODS behind {@code ods}, whose tables exist and are empty. */
    static void write(Path workspace, Connection ods, String presentCode) throws SQLException {
        ods.setAutoCommit(false);
        try (Connection store = Workspace.dataSource(workspace, true).getConnection()) {
            OdsWriter writer = new OdsWriter(ods);
            writer.schools(store);
            writer.students(store);
            writer.enrollments(store);
            writer.events(store, presentCode);
        }
        ods.commit();
    }

    private int descriptor(String kind, String codeValue) throws SQLException {
        boolean edFi = !codeValue.equals("Transitional Kindergarten") && !codeValue.equals("Filipino")
                && !kind.equals("ExitWithdrawTypeDescriptor") && !kind.equals("EnrollmentTypeDescriptor")
                && !kind.equals("AttendanceEventCategoryDescriptor");
        String namespace = (edFi ? ED_FI : LOCAL) + kind;
        Integer id = descriptors.get(namespace + "#" + codeValue);
        if (id == null) {
            try (PreparedStatement insert = ods.prepareStatement("INSERT INTO edfi.descriptor (namespace, codevalue, "
                    + "shortdescription) VALUES (?, ?, ?) RETURNING descriptorid")) {
                insert.setString(1, namespace);
                insert.setString(2, codeValue);
                insert.setString(3, codeValue);
                try (ResultSet rs = insert.executeQuery()) {
                    rs.next();
                    id = rs.getInt(1);
                }
            }
            try (Statement s = ods.createStatement()) {
                s.executeUpdate("INSERT INTO edfi." + kind.toLowerCase() + " VALUES (" + id + ")");
            }
            descriptors.put(namespace + "#" + codeValue, id);
        }
        return id;
    }

    private void schools(Connection store) throws SQLException {
        try (Statement s = store.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT district_code, district_name FROM districts");
                PreparedStatement org = ods.prepareStatement("INSERT INTO edfi.educationorganization "
                        + "(educationorganizationid, nameofinstitution) VALUES (?, ?)")) {
            rs.next();
            leaId = Integer.parseInt(rs.getString(1));
            org.setInt(1, leaId);
            org.setString(2, rs.getString(2));
            org.executeUpdate();
        }
        int sea = descriptor("EducationOrganizationIdentificationSystemDescriptor", "SEA");
        try (Statement s = store.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT school_code, school_name FROM schools ORDER BY school_code");
                PreparedStatement org = ods.prepareStatement("INSERT INTO edfi.educationorganization "
                        + "(educationorganizationid, nameofinstitution) VALUES (?, ?)");
                PreparedStatement code = ods.prepareStatement("INSERT INTO edfi.educationorganizationidentificationcode "
                        + "VALUES (?, ?, ?)")) {
            while (rs.next()) {
                int id = leaId * 1000 + schoolIds.size() + 1;
                schoolIds.put(rs.getString(1), id);
                org.setInt(1, id);
                org.setString(2, rs.getString(2));
                org.executeUpdate();
                code.setInt(1, id);
                code.setInt(2, sea);
                code.setString(3, rs.getString(1));
                code.executeUpdate();
            }
        }
    }

    private void students(Connection store) throws SQLException {
        int state = descriptor("StudentIdentificationSystemDescriptor", "State");
        try (Statement s = store.createStatement(); ResultSet rs = s.executeQuery("SELECT student_id, local_id, ssid, "
                + "first_name, last_name, birth_date, gender, race_ethnicity FROM students ORDER BY student_id");
                PreparedStatement student = ods.prepareStatement("INSERT INTO edfi.student (studentusi, "
                        + "studentuniqueid, firstname, lastsurname, birthdate) VALUES (?, ?, ?, ?, ?)");
                PreparedStatement association = ods.prepareStatement("INSERT INTO "
                        + "edfi.studenteducationorganizationassociation (educationorganizationid, studentusi, "
                        + "sexdescriptorid, hispaniclatinoethnicity) VALUES (?, ?, ?, ?)");
                PreparedStatement race = ods.prepareStatement("INSERT INTO "
                        + "edfi.studenteducationorganizationassociationrace VALUES (?, ?, ?)");
                PreparedStatement id = ods.prepareStatement("INSERT INTO "
                        + "edfi.studenteducationorganizationassociationstudentidentifica_c15030 VALUES (?, ?, ?, ?, ?)")) {
            while (rs.next()) {
                int usi = rs.getInt(1);
                student.setInt(1, usi);
                student.setString(2, rs.getString(2));
                student.setString(4, rs.getString(5));
                student.setString(3, rs.getString(4));
                student.setDate(5, Date.valueOf(rs.getString(6)));
                student.addBatch();
                association.setInt(1, leaId);
                association.setInt(2, usi);
                association.setInt(3, descriptor("SexDescriptor", SEXES.get(rs.getString(7))));
                association.setBoolean(4, rs.getString(8).equals("HI"));
                association.addBatch();
                for (String value : RACES.get(rs.getString(8))) {
                    race.setInt(1, leaId);
                    race.setInt(2, descriptor("RaceDescriptor", value));
                    race.setInt(3, usi);
                    race.addBatch();
                }
                id.setString(1, "CA");
                id.setInt(2, leaId);
                id.setInt(3, state);
                id.setInt(4, usi);
                id.setString(5, rs.getString(3));
                id.addBatch();
            }
            student.executeBatch();
            association.executeBatch();
            race.executeBatch();
            id.executeBatch();
        }
    }

    private void enrollments(Connection store) throws SQLException {
        try (Statement s = store.createStatement(); ResultSet rs = s.executeQuery("SELECT student_id, school_code, "
                + "school_year, grade, enrollment_type, entry_date, exit_date, exit_reason FROM enrollments");
                PreparedStatement insert = ods.prepareStatement("INSERT INTO edfi.studentschoolassociation "
                        + "(studentusi, schoolid, schoolyear, entrygradeleveldescriptorid, primaryschool, "
                        + "enrollmenttypedescriptorid, entrydate, exitwithdrawdate, exitwithdrawtypedescriptorid) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            while (rs.next()) {
                insert.setInt(1, rs.getInt(1));
                insert.setInt(2, schoolIds.get(rs.getString(2)));
                insert.setInt(3, schoolYear(rs.getString(3)));
                insert.setInt(4, descriptor("GradeLevelDescriptor", GRADES.get(rs.getString(4))));
                insert.setBoolean(5, !rs.getString(5).equals("20"));
                if (rs.getString(5).equals("30")) {
                    insert.setInt(6, descriptor("EnrollmentTypeDescriptor", "Short-term"));
                } else {
                    insert.setNull(6, Types.INTEGER);
                }
                insert.setDate(7, Date.valueOf(rs.getString(6)));
                insert.setDate(8, rs.getString(7) == null ? null : Date.valueOf(rs.getString(7)));
                if (rs.getString(8) == null) {
                    insert.setNull(9, Types.INTEGER);
                } else {
                    insert.setInt(9, descriptor("ExitWithdrawTypeDescriptor", rs.getString(8)));
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private void events(Connection store, String presentCode) throws SQLException {
        try (PreparedStatement select = store.prepareStatement("SELECT d.student_id, d.school_code, d.attendance_date, "
                + "d.local_code, c.school_year FROM daily_attendance d JOIN calendar_days c "
                + "ON c.calendar_date = d.attendance_date WHERE d.local_code <> ?");
                PreparedStatement insert = ods.prepareStatement("INSERT INTO edfi.studentschoolattendanceevent "
                        + "(studentusi, schoolid, schoolyear, sessionname, eventdate, "
                        + "attendanceeventcategorydescriptorid) VALUES (?, ?, ?, 'Traditional', ?, ?)")) {
            select.setString(1, presentCode);
            try (ResultSet rs = select.executeQuery()) {
                int pending = 0;
                while (rs.next()) {
                    insert.setInt(1, rs.getInt(1));
                    insert.setInt(2, schoolIds.get(rs.getString(2)));
                    insert.setInt(3, schoolYear(rs.getString(5)));
                    insert.setDate(4, Date.valueOf(rs.getString(3)));
                    insert.setInt(5, descriptor("AttendanceEventCategoryDescriptor", rs.getString(4)));
                    insert.addBatch();
                    if (++pending % 5_000 == 0) {
                        insert.executeBatch();
                    }
                }
            }
            insert.executeBatch();
        }
    }

    /** Ed-Fi names a school year by the calendar year it ends in: 2024-25 is 2025. */
    private static int schoolYear(String year) {
        return Integer.parseInt(year.substring(0, 4)) + 1;
    }
}
