package org.rollcall.sources;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the workspace already holds that incoming rows refer to: keys of the reference tables, students by local
 * ID, enrollments by natural key, attendance codes and school years. Read once per import, lazily.
 */
final class ReferenceData {

    private final Connection connection;
    private final Map<String, Set<String>> keys = new HashMap<>();
    private Map<String, Long> studentIds;
    private long nextStudentId;
    private Map<String, Long> enrollmentIds;
    private long nextEnrollmentId;
    private Map<String, String> categoryByCode;
    private Set<String> enrolledIn;
    private List<String[]> years;

    ReferenceData(Connection connection) {
        this.connection = connection;
    }

    /** The values of {@code table.column}, for reference checks. */
    Set<String> keys(String table, String column) throws SQLException {
        String name = table + "." + column;
        Set<String> set = keys.get(name);
        if (set == null) {
            set = new HashSet<>();
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery("SELECT DISTINCT " + column + " FROM " + table)) {
                while (rs.next()) {
                    set.add(rs.getString(1));
                }
            }
            keys.put(name, set);
        }
        return set;
    }

    /** RollCall's key for the student with that SIS number, or null. */
    Long studentId(String localId) throws SQLException {
        return students().get(localId);
    }

    /** RollCall's key for the student with that SIS number, a new one if the student is new. */
    long studentIdOrNew(String localId) throws SQLException {
        Long id = students().get(localId);
        if (id == null) {
            id = nextStudentId++;
            studentIds.put(localId, id);
        }
        return id;
    }

    private Map<String, Long> students() throws SQLException {
        if (studentIds == null) {
            studentIds = new HashMap<>();
            nextStudentId = 1;
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery("SELECT local_id, student_id FROM students")) {
                while (rs.next()) {
                    long id = rs.getLong(2);
                    studentIds.put(rs.getString(1), id);
                    nextStudentId = Math.max(nextStudentId, id + 1);
                }
            }
        }
        return studentIds;
    }

    /** The enrollment with that natural key (student, school, year, entry date), a new key if it is new. */
    long enrollmentIdOrNew(long studentId, String school, String year, String entryDate) throws SQLException {
        if (enrollmentIds == null) {
            enrollmentIds = new HashMap<>();
            nextEnrollmentId = 1;
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT student_id, school_code, school_year, entry_date, enrollment_id FROM enrollments")) {
                while (rs.next()) {
                    long id = rs.getLong(5);
                    enrollmentIds.put(rs.getLong(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|"
                            + rs.getString(4), id);
                    nextEnrollmentId = Math.max(nextEnrollmentId, id + 1);
                }
            }
        }
        return enrollmentIds.computeIfAbsent(studentId + "|" + school + "|" + year + "|" + entryDate,
                k -> nextEnrollmentId++);
    }

    /** True when the student has an enrollment at the school in that school year. */
    boolean enrolled(long studentId, String school, String year) throws SQLException {
        if (enrolledIn == null) {
            enrolledIn = new HashSet<>();
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT DISTINCT student_id, school_code, school_year FROM enrollments")) {
                while (rs.next()) {
                    enrolledIn.add(rs.getLong(1) + "|" + rs.getString(2) + "|" + rs.getString(3));
                }
            }
        }
        return enrolledIn.contains(studentId + "|" + school + "|" + year);
    }

    /** The canonical category of a local attendance code, or null if the workspace does not know the code. */
    String category(String localCode) throws SQLException {
        if (categoryByCode == null) {
            categoryByCode = new HashMap<>();
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery("SELECT local_code, category FROM attendance_codes")) {
                while (rs.next()) {
                    categoryByCode.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return categoryByCode.get(localCode);
    }

    /** The school year an ISO date falls in, or null. */
    String schoolYear(String isoDate) throws SQLException {
        if (years == null) {
            years = new ArrayList<>();
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT school_year, start_date, end_date FROM school_years")) {
                while (rs.next()) {
                    years.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
        }
        for (String[] year : years) {
            if (isoDate.compareTo(year[1]) >= 0 && isoDate.compareTo(year[2]) <= 0) {
                return year[0];
            }
        }
        return null;
    }

    /** Forgets cached codes (after a mapping's codes were written). */
    void codesChanged() {
        categoryByCode = null;
    }
}
