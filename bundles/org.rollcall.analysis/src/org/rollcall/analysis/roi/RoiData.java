package org.rollcall.analysis.roi;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.rollcall.model.AttendanceCategory;
import org.rollcall.model.Grade;
import org.rollcall.store.spi.DerivationProgress;

/**
 * What intervention ROI reads from a workspace, loaded once per import: the calendars, the interventions with their
 * participants and recorded controls, and, for each school year with an intervention, every student's days enrolled
 * and absent as cumulative counts by instructional-day index (one pass over daily_attendance), so that a student's
 * year-to-date rate at any start date, and the rates before and after it, cost O(1). Reads canonical tables and
 * summaries only (never workspace_info).
 */
final class RoiData {

    record Intervention(int id, String name, double costPerStudent) {
    }

    /** A participant (or recorded control) of one intervention in one school year. */
    record Assignment(int interventionId, int studentId, String schoolYear, LocalDate startDate) {
    }

    record Enrollment(int school, int grade, LocalDate entry, LocalDate exit, boolean secondary) {
    }

    record Membership(String program, LocalDate start, LocalDate end) {
        boolean on(LocalDate day) {
            return !start.isAfter(day) && (end == null || !end.isBefore(day));
        }
    }

    /** One student's year: cumulative days enrolled and absent before each instructional day, school on probe days. */
    static final class StudentYear {
        byte[] status;
        short[] enrolled;
        short[] absent;
        final int[] probeSchool;

        StudentYear(int days, int probes) {
            status = new byte[days];
            probeSchool = new int[probes];
            Arrays.fill(probeSchool, -1);
        }

        void accumulate() {
            enrolled = new short[status.length + 1];
            absent = new short[status.length + 1];
            for (int i = 0; i < status.length; i++) {
                enrolled[i + 1] = (short) (enrolled[i] + (status[i] != 0 ? 1 : 0));
                absent[i + 1] = (short) (absent[i] + (status[i] == 2 ? 1 : 0));
            }
            status = null;
        }

        int enrolled(int from, int to) {
            return enrolled[to] - enrolled[from];
        }

        int absent(int from, int to) {
            return absent[to] - absent[from];
        }
    }

    final Map<String, YearCalendar> calendars = new LinkedHashMap<>();
    final List<String> schoolCodes = new ArrayList<>();
    final List<String> schoolLevels = new ArrayList<>();
    final Map<Integer, Intervention> interventions = new TreeMap<>();
    final List<Assignment> participants = new ArrayList<>();
    final List<Assignment> controls = new ArrayList<>();
    /** year -> student -> the interventions they took part in that year. */
    final Map<String, Map<Integer, List<Assignment>>> byStudent = new HashMap<>();
    /** Per intervention year: the probe days (start dates as indexes), in order. */
    final Map<String, int[]> probes = new HashMap<>();
    final Map<String, Map<Integer, StudentYear>> attendance = new HashMap<>();
    /** Per intervention year: each student's absence rate in the year before (20+ days enrolled). */
    final Map<String, Map<Integer, Double>> priorRates = new HashMap<>();
    final Map<String, Map<Integer, List<Enrollment>>> enrollments = new HashMap<>();
    final Map<Integer, List<Membership>> programs = new HashMap<>();
    /** fiscal year -> grade span -> base grant + grade-span adjustment per ADA. */
    final Map<String, Map<String, Double>> lcff = new TreeMap<>();
    final Map<String, String> lcffSources = new HashMap<>();

    private RoiData() {
    }

    static RoiData load(Connection c, DerivationProgress progress) throws SQLException {
        RoiData data = new RoiData();
        data.read(c, progress);
        return data;
    }

    private void read(Connection c, DerivationProgress progress) throws SQLException {
        try (Statement s = c.createStatement()) {
            List<String[]> years = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT school_year, start_date FROM school_years ORDER BY start_date")) {
                while (rs.next()) {
                    years.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            Map<String, List<LocalDate>> days = new HashMap<>();
            try (ResultSet rs = s.executeQuery("SELECT school_year, calendar_date FROM calendar_days "
                    + "WHERE is_instructional = 1 ORDER BY calendar_date")) {
                while (rs.next()) {
                    days.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(LocalDate.parse(rs.getString(2)));
                }
            }
            for (String[] year : years) {
                calendars.put(year[0], new YearCalendar(year[0], LocalDate.parse(year[1]),
                        days.getOrDefault(year[0], List.of())));
            }
            try (ResultSet rs = s.executeQuery("SELECT school_code, school_level FROM schools ORDER BY school_code")) {
                while (rs.next()) {
                    schoolCodes.add(rs.getString(1));
                    schoolLevels.add(rs.getString(2));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT intervention_id, name, cost_per_student FROM interventions")) {
                while (rs.next()) {
                    interventions.put(rs.getInt(1), new Intervention(rs.getInt(1), rs.getString(2), rs.getDouble(3)));
                }
            }
            readAssignments(s, "intervention_participants", participants);
            readAssignments(s, "intervention_controls", controls);
            for (Assignment a : participants) {
                byStudent.computeIfAbsent(a.schoolYear(), k -> new HashMap<>())
                        .computeIfAbsent(a.studentId(), k -> new ArrayList<>()).add(a);
            }
            try (ResultSet rs = s.executeQuery("SELECT fiscal_year, grade_span, base_grant_per_ada, "
                    + "grade_span_adjustment_per_ada, source FROM lcff_rates")) {
                while (rs.next()) {
                    lcff.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2),
                            rs.getDouble(3) + rs.getDouble(4));
                    lcffSources.put(rs.getString(1), rs.getString(5));
                }
            }
        }
        TreeSet<String> years = new TreeSet<>();
        participants.forEach(p -> years.add(p.schoolYear()));
        years.removeIf(y -> !calendars.containsKey(y) || calendars.get(y).size() == 0);
        if (years.isEmpty()) {
            return;
        }
        for (String year : years) {
            TreeSet<Integer> probe = new TreeSet<>();
            for (List<Assignment> list : List.of(participants, controls)) {
                for (Assignment a : list) {
                    if (a.schoolYear().equals(year)) {
                        int at = calendars.get(year).onOrAfter(a.startDate());
                        if (at >= 0) {
                            probe.add(at);
                        }
                    }
                }
            }
            probes.put(year, probe.stream().mapToInt(Integer::intValue).toArray());
            attendance.put(year, new HashMap<>());
        }
        readDays(c, years, progress);
        readPriorRates(c, years);
        readEnrollments(c, years);
        readPrograms(c);
    }

    private static void readAssignments(Statement s, String table, List<Assignment> into) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT intervention_id, student_id, school_year, start_date FROM " + table
                + " ORDER BY intervention_id, school_year, student_id, start_date")) {
            Assignment last = null;
            while (rs.next()) {
                Assignment a = new Assignment(rs.getInt(1), rs.getInt(2), rs.getString(3),
                        LocalDate.parse(rs.getString(4)));
                // a student who started twice in one year is analysed from the first start
                if (last != null && last.interventionId() == a.interventionId() && last.studentId() == a.studentId()
                        && last.schoolYear().equals(a.schoolYear())) {
                    continue;
                }
                into.add(a);
                last = a;
            }
        }
    }

    private void readDays(Connection c, TreeSet<String> years, DerivationProgress progress) throws SQLException {
        // one pass over the years' rows; the date string finds the year and the day's index
        Map<String, long[]> dateKeys = new HashMap<>();
        List<String> order = new ArrayList<>(years);
        LocalDate first = null;
        LocalDate last = null;
        for (int y = 0; y < order.size(); y++) {
            YearCalendar calendar = calendars.get(order.get(y));
            for (int i = 0; i < calendar.size(); i++) {
                dateKeys.put(calendar.days.get(i).toString(), new long[] {y, i});
            }
            first = first == null || calendar.days.get(0).isBefore(first) ? calendar.days.get(0) : first;
            LocalDate end = calendar.days.get(calendar.size() - 1);
            last = last == null || end.isAfter(last) ? end : last;
        }
        Map<String, Integer> schools = new HashMap<>();
        for (int i = 0; i < schoolCodes.size(); i++) {
            schools.put(schoolCodes.get(i), i);
        }
        Map<String, Boolean> absence = new HashMap<>();
        long rows = 0;
        try (PreparedStatement p = c.prepareStatement("SELECT student_id, school_code, attendance_date, category "
                + "FROM daily_attendance WHERE attendance_date >= ? AND attendance_date <= ?")) {
            p.setString(1, first.toString());
            p.setString(2, last.toString());
            p.setFetchSize(10_000);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    long[] key = dateKeys.get(rs.getString(3));
                    if (key == null) {
                        continue;
                    }
                    String year = order.get((int) key[0]);
                    int day = (int) key[1];
                    int[] probe = probes.get(year);
                    int student = rs.getInt(1);
                    StudentYear sy = attendance.get(year).computeIfAbsent(student,
                            k -> new StudentYear(calendars.get(year).size(), probe.length));
                    boolean absent = absence.computeIfAbsent(rs.getString(4),
                            code -> AttendanceCategory.fromCode(code).map(AttendanceCategory::isAbsence).orElse(false));
                    // present at any school that day wins (the district level counts a day once)
                    if (sy.status[day] != 1) {
                        sy.status[day] = (byte) (absent ? 2 : 1);
                    }
                    int k = Arrays.binarySearch(probe, day);
                    if (k >= 0 && (sy.probeSchool[k] < 0 || !absent)) {
                        sy.probeSchool[k] = schools.getOrDefault(rs.getString(2), -1);
                    }
                    if (++rows % 500_000 == 0) {
                        progress.report("Intervention ROI: reading daily attendance", rows, -1);
                    }
                }
            }
        }
        for (Map<Integer, StudentYear> map : attendance.values()) {
            map.values().forEach(StudentYear::accumulate);
        }
    }

    private void readPriorRates(Connection c, TreeSet<String> years) throws SQLException {
        List<String> all = new ArrayList<>(calendars.keySet());
        for (String year : years) {
            Map<Integer, Double> rates = new HashMap<>();
            priorRates.put(year, rates);
            int at = all.indexOf(year);
            if (at <= 0) {
                continue;
            }
            try (PreparedStatement p = c.prepareStatement("SELECT student_id, SUM(days_expected), SUM(days_absent) "
                    + "FROM attendance_summary WHERE school_year = ? GROUP BY student_id")) {
                p.setString(1, all.get(at - 1));
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getInt(2) >= 20) {
                            rates.put(rs.getInt(1), rs.getDouble(3) / rs.getDouble(2));
                        }
                    }
                }
            }
        }
    }

    private void readEnrollments(Connection c, TreeSet<String> years) throws SQLException {
        Map<String, Integer> schools = new HashMap<>();
        for (int i = 0; i < schoolCodes.size(); i++) {
            schools.put(schoolCodes.get(i), i);
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT student_id, school_year, "
                + "school_code, grade, entry_date, exit_date, enrollment_type FROM enrollments")) {
            while (rs.next()) {
                if (!years.contains(rs.getString(2))) {
                    continue;
                }
                int grade = Grade.fromCode(rs.getString(4)).map(Grade::number).orElse(Integer.MIN_VALUE);
                String exit = rs.getString(6);
                enrollments.computeIfAbsent(rs.getString(2), k -> new HashMap<>())
                        .computeIfAbsent(rs.getInt(1), k -> new ArrayList<>())
                        .add(new Enrollment(schools.getOrDefault(rs.getString(3), -1), grade,
                                LocalDate.parse(rs.getString(5)), exit == null ? null : LocalDate.parse(exit),
                                "20".equals(rs.getString(7))));
            }
        }
    }

    private void readPrograms(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT student_id, program, start_date, "
                + "end_date FROM student_programs WHERE program IN ('EL', 'SED', 'SWD', 'FOS', 'HOM')")) {
            while (rs.next()) {
                String end = rs.getString(4);
                programs.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>()).add(new Membership(rs.getString(2),
                        LocalDate.parse(rs.getString(3)), end == null ? null : LocalDate.parse(end)));
            }
        }
    }

    /** The student's grade number on {@code day} of {@code year} (at {@code school} if enrolled there), or MIN_VALUE. */
    int grade(String year, int student, int school, LocalDate day) {
        List<Enrollment> list = enrollments.getOrDefault(year, Map.of()).getOrDefault(student, List.of());
        int any = Integer.MIN_VALUE;
        for (Enrollment e : list) {
            if (e.secondary()) {
                continue;
            }
            boolean covers = !e.entry().isAfter(day) && (e.exit() == null || !e.exit().isBefore(day));
            if (covers && e.school() == school) {
                return e.grade();
            }
            if (covers || any == Integer.MIN_VALUE) {
                any = e.grade();
            }
        }
        return any;
    }

    boolean inProgram(int student, String program, LocalDate day) {
        for (Membership m : programs.getOrDefault(student, List.of())) {
            if (m.program().equals(program) && m.on(day)) {
                return true;
            }
        }
        return false;
    }
}
