package org.rollcall.analysis.outcomes;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rollcall.model.StudentGroup;

/** Reads the outcomes the analysis covers from a workspace, grouped by measure and year. */
final class OutcomeData {

    /** A measure in a year. */
    record Key(String measure, String schoolYear) {
    }

    /** The groups the adjusted slope holds equal: the program groups but LTEL (inside EL) and every race. */
    static final List<String> COVARIATE_GROUPS = List.of(StudentGroup.values()).stream()
            .filter(g -> g != StudentGroup.ALL && g != StudentGroup.LTEL).map(StudentGroup::name).toList();

    private OutcomeData() {
    }

    /**
     * Every outcome of a student with 31 or more days expected in the district that year and at least one attended
     * (the Dashboard's and DataQuest's eligibility, docs/rules.md section 2), by measure and year in order.
     */
    static Map<Key, List<StudentOutcome>> read(Connection connection) throws SQLException {
        Map<String, Set<String>> groups = groups(connection);
        Map<Key, List<StudentOutcome>> byKey = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("""
                        SELECT o.measure, o.school_year, o.student_id, o.grade, o.value, d.days_absent, d.days_expected,
                               (SELECT s.school_code FROM attendance_summary s
                                 WHERE s.student_id = o.student_id AND s.school_year = o.school_year
                                 ORDER BY s.days_expected DESC, s.school_code LIMIT 1) AS school,
                               c.cut_score
                          FROM outcomes o
                          JOIN district_student_year d ON d.student_id = o.student_id AND d.school_year = o.school_year
                          LEFT JOIN outcome_cut_scores c ON c.measure = o.measure AND c.grade = o.grade
                         WHERE d.is_eligible AND o.value IS NOT NULL
                         ORDER BY o.measure, o.school_year, o.student_id
                        """)) {
            while (rows.next()) {
                Key key = new Key(rows.getString(1), rows.getString(2));
                long student = rows.getLong(3);
                double cut = rows.getDouble(9);
                if (rows.wasNull()) {
                    cut = Double.NaN;
                }
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(new StudentOutcome(student, rows.getString(4),
                        rows.getDouble(5), rows.getInt(6), rows.getInt(7), rows.getString(8),
                        groups.getOrDefault(student + "/" + key.schoolYear(), Set.of()), cut));
            }
        }
        return byKey;
    }

    /** Each student's groups per year (student_group_year), keyed "student/year". */
    private static Map<String, Set<String>> groups(Connection connection) throws SQLException {
        Map<String, Set<String>> groups = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT g.student_id, g.school_year, g.student_group "
                        + "FROM student_group_year g WHERE g.student_group <> 'ALL' AND g.student_id IN "
                        + "(SELECT o.student_id FROM outcomes o)")) {
            while (rows.next()) {
                groups.computeIfAbsent(rows.getLong(1) + "/" + rows.getString(2), k -> new HashSet<>())
                        .add(rows.getString(3));
            }
        }
        return groups;
    }

    /** A kindergarten or first-grade year of a student, evaluated at the district level. */
    record EarlyYear(long studentId, String schoolYear, String grade, boolean chronic) {
    }

    /** Every eligible kindergarten and first-grade year in the workspace, by student. */
    static Map<Long, List<EarlyYear>> earlyYears(Connection connection) throws SQLException {
        Map<Long, List<EarlyYear>> byStudent = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT d.student_id, d.school_year, d.grade, d.days_absent, "
                        + "d.days_expected FROM district_student_year d WHERE d.is_eligible AND d.grade IN ('KN', '01')")) {
            while (rows.next()) {
                long student = rows.getLong(1);
                boolean chronic = org.rollcall.rules.AttendanceTier.of(rows.getInt(4), rows.getInt(5)).isChronic();
                byStudent.computeIfAbsent(student, k -> new ArrayList<>())
                        .add(new EarlyYear(student, rows.getString(2), rows.getString(3), chronic));
            }
        }
        return byStudent;
    }
}
