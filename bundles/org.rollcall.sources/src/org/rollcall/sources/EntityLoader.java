package org.rollcall.sources;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.rollcall.model.AttendanceCategory;
import org.rollcall.model.Column;
import org.rollcall.model.ColumnType;
import org.rollcall.model.ForeignKey;
import org.rollcall.model.Grade;
import org.rollcall.model.Table;
import org.rollcall.store.SqliteTypes;

/**
 * Turns one entity's raw rows into canonical rows: trims, coerces types, checks closed value sets and references,
 * resolves students by local ID and enrollments by natural key, derives a day's category from its local code,
 * and stages the rows in a temporary table keyed like the canonical one (clustered on the key, so that exports
 * in key order append and the merge reads in key order), so that a duplicate key in the file is caught and
 * quarantined. {@link #merge} then moves the staged rows into the canonical table.
 */
final class EntityLoader {

    private static final int BATCH = 5_000;

    /** Whole numbers in ASCII digits only, at most 18 of them (a long). */
    private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?[0-9]{1,18}");
    private static final Pattern NUMBER = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]{1,3})?");
    /**
     * The ranges of whole-number fields that have one, and why. A workspace records no school's day length, so the
     * minutes missed of a day are bounded by the day's 1,440 minutes; truancy counts those over 30 (EC 48260). A
     * recovery session lasts at least a minute and at most a day; a minimum day is at most a whole day.
     */
    private static final Map<String, long[]> RANGES = Map.of("minutes_absent", new long[] {0, 1440},
            "minutes", new long[] {1, 1440});
    private static final Map<String, String> RANGE_REASONS = Map.of("minutes_absent", "the minutes of a day",
            "minutes", "the minutes of a day");

    private final Entity entity;
    private final Table table;
    private final Connection connection;
    private final ReferenceData refs;
    private final DateParser dates;
    private final Map<String, String> schools;
    /** The mapping's translation of each field's local values, or null. */
    private final Map<String, String>[] translations;
    private final Quarantine quarantine;
    private final List<Column> fields;
    /** For each entity field, its position among the values the adapter sends, or -1. */
    private final int[] position;
    private final List<String> declared;
    /** Entity field positions by name, the closed value set of each field, and the ordered date pairs. */
    private final Map<String, Integer> fieldIndex = new java.util.HashMap<>();
    private final Set<String>[] allowed;
    private final int[][] orderedPairs;
    /** The single-column references checked on the way in, with their key sets once read. */
    private final List<ForeignKey> references = new ArrayList<>();
    private final List<Set<String>> referenceKeys = new ArrayList<>();
    private final String stage;
    private final PreparedStatement insert;
    private final List<Object[]> batchRows = new ArrayList<>();
    private final long[] batchLines = new long[BATCH];
    private final List<String[]> batchValues = new ArrayList<>();
    private long loaded;
    private long filled;
    private FileResult.Changes changes = FileResult.Changes.NONE;
    private final String fillPresent;
    private final String coversThrough;
    /** The schools a daily file covers besides those its rows name (see {@link Mapping#declaredSchools}). */
    private final List<String> declaredSchools;
    private final boolean replaceRange;
    private final ImportUndo undo;
    private String firstDate;
    private String lastDate;

    EntityLoader(Entity entity, List<String> declaredFields, Connection connection, ReferenceData refs,
            Mapping mapping, Quarantine quarantine, java.time.LocalDate coversThrough, boolean replaceRange,
            ImportUndo undo) throws SQLException {
        this.entity = entity;
        this.declaredSchools = mapping == null ? List.of() : mapping.declaredSchools();
        this.replaceRange = replaceRange;
        this.undo = undo;
        this.table = entity.table();
        this.connection = connection;
        this.refs = refs;
        this.dates = new DateParser(mapping == null ? List.of() : mapping.datePatterns());
        this.schools = mapping == null ? Map.of() : mapping.schools();
        this.fillPresent = mapping == null ? null : mapping.fillPresent();
        this.coversThrough = coversThrough == null ? null : coversThrough.toString();
        @SuppressWarnings("unchecked")
        Map<String, String>[] byField = new Map[entity.fields().size()];
        for (int i = 0; i < byField.length; i++) {
            byField[i] = mapping == null ? null : mapping.values().get(entity.fields().get(i).name());
        }
        this.translations = byField;
        this.quarantine = quarantine;
        this.fields = entity.fields();
        this.declared = List.copyOf(declaredFields);
        this.position = new int[fields.size()];
        @SuppressWarnings("unchecked")
        Set<String>[] sets = new Set[fields.size()];
        this.allowed = sets;
        for (int i = 0; i < fields.size(); i++) {
            fieldIndex.put(fields.get(i).name(), i);
            allowed[i] = entity.allowedValues(fields.get(i).name()).orElse(null);
        }
        List<int[]> pairs = new ArrayList<>();
        for (String[] pair : new String[][] {{"entry_date", "exit_date"}, {"start_date", "end_date"},
            {"first_day", "last_day"}}) {
            if (fieldIndex.containsKey(pair[0]) && fieldIndex.containsKey(pair[1])) {
                pairs.add(new int[] {fieldIndex.get(pair[0]), fieldIndex.get(pair[1])});
            }
        }
        this.orderedPairs = pairs.toArray(int[][]::new);
        for (ForeignKey fk : table.foreignKeys()) {
            String column = fk.columns().get(0);
            // students resolve by local ID, codes with the category (see resolve)
            if (fk.columns().size() == 1 && !column.equals("student_id") && !column.equals("local_code")) {
                references.add(fk);
                referenceKeys.add(null);
            }
        }
        for (int i = 0; i < fields.size(); i++) {
            position[i] = indexOfIgnoreCase(declaredFields, fields.get(i).name());
            if (position[i] < 0 && !fields.get(i).nullable()) {
                throw new SourceException("The source gives no " + fields.get(i).name() + " for "
                        + entity.tableName() + ", which needs it");
            }
        }
        this.stage = "temp.stage_" + table.name();
        try (Statement s = connection.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + stage);
            s.execute("CREATE TABLE " + stage + " (" + table.columns().stream().map(c -> c.name() + " " + SqliteTypes.of(c.type()))
                    .collect(Collectors.joining(", ")) + ", source_line INTEGER, PRIMARY KEY ("
                    + String.join(", ", table.primaryKey()) + ")) WITHOUT ROWID");
        }
        this.insert = connection.prepareStatement("INSERT OR IGNORE INTO " + stage + " (" + String.join(", ",
                table.columnNames()) + ", source_line) VALUES (" + String.join(", ",
                        Collections.nCopies(table.columns().size() + 1, "?")) + ")");
    }

    private static int indexOfIgnoreCase(List<String> names, String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Validates one row and stages it, or quarantines it with the first problem found. */
    void accept(long line, String[] values) throws SQLException {
        String[] clean = new String[fields.size()];
        Problem problem = clean(values, clean);
        Object[] row = null;
        if (problem == null) {
            row = new Object[table.columns().size()];
            problem = resolve(clean, row);
        }
        if (problem != null) {
            quarantine.add(line, entity, problem, describe(values));
            return;
        }
        for (int i = 0; i < row.length; i++) {
            Object value = row[i];
            if (value == null) {
                insert.setNull(i + 1, Types.NULL);
            } else if (value instanceof Long number) {
                insert.setLong(i + 1, number);
            } else if (value instanceof Double number) {
                insert.setDouble(i + 1, number);
            } else {
                insert.setString(i + 1, (String) value);
            }
        }
        insert.setLong(row.length + 1, line);
        insert.addBatch();
        batchLines[batchRows.size()] = line;
        batchRows.add(row);
        batchValues.add(values);
        if (batchRows.size() >= BATCH) {
            flush();
        }
    }

    private String describe(String[] values) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < declared.size() && i < values.length; i++) {
            if (i > 0) {
                text.append("; ");
            }
            text.append(declared.get(i)).append('=').append(values[i] == null ? "" : values[i]);
        }
        return text.toString();
    }

    /** Trims, coerces and checks each field on its own. */
    private Problem clean(String[] values, String[] clean) throws SQLException {
        for (int i = 0; i < fields.size(); i++) {
            Column field = fields.get(i);
            String name = field.name();
            String raw = position[i] < 0 || position[i] >= values.length ? null : values[position[i]];
            String value = raw == null ? null : raw.strip();
            if (value != null && translations[i] != null) {
                value = translations[i].getOrDefault(value, value);
            }
            Problem control = value == null ? null : controlCharacter(name, raw);
            if (control != null) {
                return control;
            }
            if (value == null || value.isEmpty()) {
                if (!field.nullable()) {
                    return new Problem(name, raw, "missing value", name + " is empty; it is required");
                }
                continue;
            }
            switch (field.type()) {
                case DATE -> {
                    String iso = dates.iso(value);
                    if (iso == null) {
                        return new Problem(name, value, "not a date", "'" + value + "' is not a date written as "
                                + dates.expected() + " (set dates: in the mapping)");
                    }
                    value = iso;
                }
                case INTEGER -> {
                    if (!WHOLE_NUMBER.matcher(value).matches()) {
                        return new Problem(name, value, "not a whole number", "'" + value + "' is not a whole number"
                                + digitsHint(value));
                    }
                    long[] range = RANGES.get(name);
                    if (range != null && (Long.parseLong(value) < range[0] || Long.parseLong(value) > range[1])) {
                        return new Problem(name, value, "out of range", name + " is " + value + "; it is "
                                + range[0] + " to " + range[1] + " (" + RANGE_REASONS.get(name) + ")");
                    }
                }
                case DOUBLE -> {
                    if (!NUMBER.matcher(value).matches() || !Double.isFinite(Double.parseDouble(value))) {
                        return new Problem(name, value, "not a number", "'" + value + "' is not a number"
                                + digitsHint(value));
                    }
                }
                default -> value = normalize(name, value);
            }
            if (allowed[i] != null && !allowed[i].contains(value)) {
                return new Problem(name, raw, "not an allowed value", "'" + raw.strip() + "' is not one of "
                        + String.join(", ", new TreeSet<>(allowed[i])));
            }
            clean[i] = value;
        }
        return null;
    }

    /** How a mistaken number is told apart from one in other digits (Java would read "٣٠" or "３０" as 30). */
    private static String digitsHint(String value) {
        return value.chars().anyMatch(c -> Character.isDigit(c) && (c < '0' || c > '9'))
                ? " written with the digits 0-9" : "";
    }

    /**
     * A text holding a control character other than tab and line breaks (NUL, ESC, BEL, DEL, C1), which no SIS field
     * needs and which would drive the terminal of whoever prints it; the row is quarantined, the text kept there.
     */
    private static Problem controlCharacter(String name, String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                String code = String.format("U+%04X", (int) c);
                String known = Character.getName(c);
                return new Problem(name, raw, "control character", name + " contains the control character " + code
                        + (known == null ? "" : " (" + known + ")") + " at position " + (i + 1)
                        + "; text may not hold control characters");
            }
        }
        return null;
    }

    /** Spellings SIS exports use for the canonical codes. */
    private String normalize(String field, String value) {
        if (entity == Entity.ATTENDANCE_RECOVERY && field.equals("program")) {
            return value; // the district's own name of a recovery program, kept as written
        }
        return switch (field) {
            case "grade", "low_grade", "high_grade" -> grade(value);
            case "category" -> value.toLowerCase(Locale.ROOT);
            case "gender", "race_ethnicity", "program", "school_level", "day_type", "exemption_indicator",
                "hourly_attendance_indicator", "teacher_certificated" -> value.toUpperCase(Locale.ROOT);
            case "school_year", "baseline_year", "target_year" -> schoolYear(value);
            case "school_code" -> schools.getOrDefault(value, value);
            default -> value;
        };
    }

    /**
     * CALPADS writes an Academic Year ID as 2024-2025 (CFS field 13.06, 1.07, 2.08); the canonical school year is
     * 2024-25. Other spellings are left for the reference check to report.
     */
    private static String schoolYear(String value) {
        if (value.matches("\\d{4}-\\d{4}")) {
            int first = Integer.parseInt(value.substring(0, 4));
            int second = Integer.parseInt(value.substring(5));
            if (second == first + 1) {
                return value.substring(0, 5) + value.substring(7);
            }
        }
        return value;
    }

    /** CALPADS grade codes: TK, KN, 01..12; exports also write K, 0, 1..12 (docs/rules.md section 2 grade spans). */
    private static String grade(String value) {
        String upper = value.toUpperCase(Locale.ROOT);
        if (upper.equals("K") || upper.equals("0") || upper.equals("00")) {
            return Grade.KN.code();
        }
        if (upper.matches("\\d{1,2}")) {
            int number = Integer.parseInt(upper);
            if (number >= 1 && number <= 12) {
                return Grade.ofNumber(number).code();
            }
        }
        return upper;
    }

    /** Fills the canonical row: references, keys and the categories of local codes. */
    private Problem resolve(String[] clean, Object[] row) throws SQLException {
        for (int r = 0; r < references.size(); r++) {
            ForeignKey fk = references.get(r);
            String column = fk.columns().get(0);
            String value = clean[fieldIndex(column)];
            if (value == null) {
                continue;
            }
            Set<String> keys = referenceKeys.get(r);
            if (keys == null) {
                keys = refs.keys(fk.referencedTable(), fk.referencedColumns().get(0));
                referenceKeys.set(r, keys);
            }
            if (!keys.contains(value)) {
                return unknownReference(column, value, fk.referencedTable());
            }
        }
        Long studentId = null;
        if (entity == Entity.STUDENTS) {
            studentId = refs.studentIdOrNew(clean[fieldIndex("local_id")]);
        } else if (entity.field(Entity.LOCAL_ID).isPresent()) {
            String localId = clean[fieldIndex(Entity.LOCAL_ID)];
            studentId = refs.studentId(localId);
            if (studentId == null) {
                return new Problem(Entity.LOCAL_ID, localId, "unknown student", "no student has local ID '"
                        + localId + "' (import the students file first)");
            }
        }
        if (entity == Entity.DAILY_ATTENDANCE) {
            Problem problem = resolveDay(clean, studentId);
            if (problem != null) {
                return problem;
            }
        }
        if (entity == Entity.STAS_SUMMARIES) {
            Problem problem = checkStas(clean, studentId);
            if (problem != null) {
                return problem;
            }
        }
        Problem order = checkOrder(clean);
        if (order != null) {
            return order;
        }
        List<Column> columns = table.columns();
        for (int c = 0; c < columns.size(); c++) {
            Column column = columns.get(c);
            row[c] = switch (column.name()) {
                case "student_id" -> studentId;
                case "enrollment_id" -> refs.enrollmentIdOrNew(studentId, clean[fieldIndex("school_code")],
                        clean[fieldIndex("school_year")], clean[fieldIndex("entry_date")]);
                default -> typed(column.type(), clean[fieldIndex(column.name())]);
            };
        }
        return null;
    }

    private Problem unknownReference(String column, String value, String referencedTable) {
        if (column.equals("school_code")) {
            return new Problem(column, value, "unknown school", "'" + value + "' is not the CDS code of a school in "
                    + "this workspace; map the SIS's school number to its CDS code under schools: in the mapping, or "
                    + "import the schools first");
        }
        return new Problem(column, value, "unknown " + column, "'" + value + "' is not in " + referencedTable
                + " (import " + referencedTable + " first)");
    }

    /**
     * A day: its date must fall in a school year in which the student is enrolled at the school (the year's
     * summary takes its grade from that enrollment; whether the day lies between entry and exit is the audit's
     * question); its category comes from its local code when not given.
     */
    private Problem resolveDay(String[] clean, long studentId) throws SQLException {
        int date = fieldIndex("attendance_date");
        String year = refs.schoolYear(clean[date]);
        if (year == null) {
            return new Problem("attendance_date", clean[date], "date in no school year", clean[date]
                    + " falls in no school year of this workspace (import school_years first)");
        }
        String school = clean[fieldIndex("school_code")];
        if (!refs.enrolled(studentId, school, year)) {
            return new Problem("school_code", school, "no enrollment that year", "the student has no enrollment at "
                    + school + " in " + year + " (import the enrollments first)");
        }
        int code = fieldIndex("local_code");
        String mapped = refs.category(clean[code]);
        if (mapped == null) {
            return new Problem("local_code", clean[code], "unknown attendance code", "attendance code '" + clean[code]
                    + "' is not mapped to a category; add it under codes: in the mapping (or import the code table) "
                    + "and import the file again");
        }
        int category = fieldIndex("category");
        if (clean[category] == null) {
            clean[category] = mapped;
        }
        return null;
    }

    /** The STAS day counts 13.15-13.22, in field order. */
    private static final List<String> STAS_DAYS = List.of("days_expected", "days_attended_in_person",
            "days_suspension_out", "days_suspension_in", "days_excused", "days_unexcused",
            "days_independent_study_non_ada", "days_independent_study");

    /**
     * A reported STAS record, checked as CALPADS checks it: an exempt student (13.13 = Y) has no day counts
     * (STAS0304), any other has all of them (STAS0303), none negative, and 13.16 through 13.22 sum to 13.15 (the
     * fatal check STAS0318, documentation.calpads.org/Troubleshooting/STAS/STAS0318). As for a day, the student
     * must be enrolled at the school that year: the summary takes its grade from that enrollment.
     */
    private Problem checkStas(String[] clean, long studentId) throws SQLException {
        boolean exempt = "Y".equals(clean[fieldIndex("exemption_indicator")]);
        long sum = 0;
        for (String name : STAS_DAYS) {
            String value = clean[fieldIndex(name)];
            if (exempt && value != null) {
                return new Problem(name, value, "days for an exempt student", name + " is " + value + ", but the "
                        + "student is exempt (13.13 = Y), so CALPADS takes no day counts (STAS0304)");
            }
            if (!exempt && value == null) {
                return new Problem(name, null, "missing value", name + " is empty; a student who is not exempt "
                        + "(13.13) needs every day count 13.15-13.22 (STAS0303)");
            }
            if (value != null && Long.parseLong(value) < 0) {
                return new Problem(name, value, "negative day count", name + " is " + value + "; days are 0 or more");
            }
            if (value != null && !name.equals("days_expected")) {
                sum += Long.parseLong(value);
            }
        }
        String expected = clean[fieldIndex("days_expected")];
        if (!exempt && sum != Long.parseLong(expected)) {
            return new Problem("days_expected", expected, "days do not sum to expected days", "13.16-13.22 sum to "
                    + sum + " days, not the " + expected + " expected attendance days of 13.15 (CALPADS fatal check "
                    + "STAS0318)");
        }
        String school = clean[fieldIndex("school_code")];
        String year = clean[fieldIndex("school_year")];
        if (!refs.enrolled(studentId, school, year)) {
            return new Problem("school_code", school, "no enrollment that year", "the student has no enrollment at "
                    + school + " in " + year + " (import the enrollments first)");
        }
        return null;
    }

    /** Ends before they start are errors of the source. */
    private Problem checkOrder(String[] clean) {
        for (int[] pair : orderedPairs) {
            String from = clean[pair[0]];
            String to = clean[pair[1]];
            if (from != null && to != null && to.compareTo(from) < 0) {
                String toName = fields.get(pair[1]).name();
                return new Problem(toName, to, "ends before it starts", toName + " " + to + " is before "
                        + fields.get(pair[0]).name() + " " + from);
            }
        }
        return null;
    }

    private static Object typed(ColumnType type, String value) {
        if (value == null) {
            return null;
        }
        return switch (type) {
            case INTEGER -> Long.parseLong(value);
            case DOUBLE -> Double.parseDouble(value);
            default -> value;
        };
    }

    private int fieldIndex(String name) {
        Integer i = fieldIndex.get(name);
        if (i == null) {
            throw new IllegalStateException(entity + " has no field " + name);
        }
        return i;
    }

    private void flush() throws SQLException {
        if (batchRows.isEmpty()) {
            return;
        }
        int[] counts = insert.executeBatch();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                loaded++;
            } else {
                quarantine.add(batchLines[i], entity, duplicate(batchRows.get(i)),
                        describe(batchValues.get(i)));
            }
        }
        batchRows.clear();
        batchValues.clear();
    }

    private Problem duplicate(Object[] row) throws SQLException {
        List<String> key = table.primaryKey();
        String where = key.stream().map(k -> k + " = ?").collect(Collectors.joining(" AND "));
        long firstLine = -1;
        try (PreparedStatement find = connection.prepareStatement("SELECT source_line FROM " + stage + " WHERE " + where)) {
            for (int k = 0; k < key.size(); k++) {
                find.setObject(k + 1, row[table.columnNames().indexOf(key.get(k))]);
            }
            try (ResultSet rs = find.executeQuery()) {
                if (rs.next()) {
                    firstLine = rs.getLong(1);
                }
            }
        }
        String keyText = key.stream().map(k -> k.equals("student_id") ? "student" : k).collect(Collectors.joining(", "));
        return new Problem(null, null, "duplicate key", "same " + keyText + " as line " + firstLine
                + ", which was loaded");
    }

    /**
     * Moves the staged rows into the canonical table, each replacing the row of the same key. A daily file also
     * covers a range, its first to its last date at its schools: existing rows of that range that it does not
     * re-supply are deleted only with replace-range (a newer export of a date range supersedes the older one),
     * and otherwise kept; either way they are counted per school, so that a short or mistyped file cannot remove
     * days unnoticed. Everything the merge replaces or removes is recorded in the undo log first.
     */
    void merge() throws SQLException {
        flush();
        insert.close();
        String columns = String.join(", ", table.columnNames());
        try (Statement s = connection.createStatement()) {
            if (entity == Entity.DAILY_ATTENDANCE && loaded > 0) {
                mergeDays(s, columns);
            } else if (loaded > 0) {
                long[] counts = undo.beforeKeyedWrite(table, stage);
                changes = new FileResult.Changes(counts[0], counts[1], 0, 0, List.of());
                s.executeUpdate("INSERT OR REPLACE INTO " + table.name() + " (" + columns + ") SELECT " + columns
                        + " FROM " + stage);
            }
            s.execute("DROP TABLE " + stage);
            s.execute("DROP TABLE IF EXISTS " + COVERED);
        }
    }

    /** The schools a daily file covers, for the duration of its merge. */
    private static final String COVERED = "temp.covered_schools";

    private void mergeDays(Statement s, String columns) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT MIN(attendance_date), MAX(attendance_date) FROM " + stage)) {
            rs.next();
            firstDate = rs.getString(1);
            lastDate = rs.getString(2);
        }
        if (coversThrough != null && coversThrough.compareTo(lastDate) > 0) {
            lastDate = coversThrough; // the export covers days after its last row
        }
        s.execute("DROP TABLE IF EXISTS " + COVERED);
        s.execute("CREATE TABLE " + COVERED + " (school_code TEXT PRIMARY KEY) WITHOUT ROWID");
        s.executeUpdate("INSERT OR IGNORE INTO " + COVERED + " SELECT DISTINCT school_code FROM " + stage);
        if (declaredSchools.equals(Mapping.ALL_SCHOOLS)) {
            s.executeUpdate("INSERT OR IGNORE INTO " + COVERED + " SELECT school_code FROM schools");
        } else if (!declaredSchools.isEmpty()) {
            try (PreparedStatement add = connection.prepareStatement("INSERT OR IGNORE INTO " + COVERED
                    + " SELECT school_code FROM schools WHERE school_code = ?")) {
                for (String school : declaredSchools) {
                    add.setString(1, school);
                    add.addBatch();
                }
                add.executeBatch();
            }
        }
        if (fillPresent != null) {
            fillPresentDays();
        }
        String inRange = "t.attendance_date BETWEEN ? AND ? AND t.school_code IN (SELECT school_code FROM " + COVERED
                + ")";
        String resupplied = "EXISTS (SELECT 1 FROM " + stage + " s WHERE " + ImportUndo.sameKey(table, "s", "t") + ")";
        long staged;
        long replaced;
        long changed;
        try (ResultSet rs = s.executeQuery("SELECT (SELECT COUNT(*) FROM " + stage + "), COUNT(*), COALESCE(SUM("
                + ImportUndo.differs(table, "s", "t") + "), 0) FROM " + stage + " s JOIN daily_attendance t ON "
                + ImportUndo.sameKey(table, "s", "t"))) {
            rs.next();
            staged = rs.getLong(1);
            replaced = rs.getLong(2);
            changed = rs.getLong(3);
        }
        List<FileResult.SchoolDays> bySchool = missingBySchool(inRange, resupplied);
        long notResupplied = bySchool.stream().mapToLong(FileResult.SchoolDays::rows).sum();
        recordUndo(inRange, resupplied, staged - replaced + changed + (replaceRange ? notResupplied : 0),
                replaced + notResupplied);
        if (replaceRange && notResupplied > 0) {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM daily_attendance AS t WHERE "
                    + inRange + " AND NOT " + resupplied)) {
                delete.setString(1, firstDate);
                delete.setString(2, lastDate);
                delete.executeUpdate();
            }
        }
        s.executeUpdate("INSERT OR REPLACE INTO daily_attendance (" + columns + ") SELECT " + columns + " FROM "
                + stage + " ORDER BY " + String.join(", ", table.primaryKey()));
        changes = new FileResult.Changes(staged - replaced, replaced, replaceRange ? notResupplied : 0,
                replaceRange ? 0 : notResupplied, bySchool);
    }

    /**
     * Records in the undo log what puts the range back, in the smaller of two ways: by key (the keys of the rows
     * added, the rows changed or removed as they were), cheapest for a file re-supplying days as they were; or by
     * range (every existing row of the range as it was, to put back after its days are cleared), cheapest for a
     * file of new days, such as a first import.
     */
    private void recordUndo(String inRange, String resupplied, long byKeyRows, long byRangeRows) throws SQLException {
        if (byRangeRows <= byKeyRows) {
            undo.range(table, firstDate, lastDate, COVERED);
            undo.rangeRows(table, "CASE WHEN " + resupplied + " THEN '" + ImportUndo.REPLACED + "' ELSE '"
                    + (replaceRange ? ImportUndo.REMOVED : ImportUndo.KEPT) + "' END", inRange, firstDate, lastDate);
            return;
        }
        undo.keysOfAdded(table, stage);
        undo.rowsWhere(table, ImportUndo.REPLACED, "EXISTS (SELECT 1 FROM " + stage + " s WHERE "
                + ImportUndo.sameKey(table, "s", "t") + " AND " + ImportUndo.differs(table, "s", "t") + ")");
        if (replaceRange) {
            undo.rowsWhere(table, ImportUndo.REMOVED, inRange + " AND NOT " + resupplied, firstDate, lastDate);
        }
    }

    /** Per school, the existing days of the range the file does not re-supply. */
    private List<FileResult.SchoolDays> missingBySchool(String inRange, String resupplied) throws SQLException {
        List<FileResult.SchoolDays> bySchool = new ArrayList<>();
        try (PreparedStatement missing = connection.prepareStatement("SELECT t.school_code, MAX(n.school_name), "
                + "COUNT(*), COUNT(DISTINCT t.student_id), COUNT(DISTINCT t.attendance_date), MIN(t.attendance_date), "
                + "MAX(t.attendance_date) FROM daily_attendance t LEFT JOIN schools n ON n.school_code = t.school_code "
                + "WHERE " + inRange + " AND NOT " + resupplied + " GROUP BY t.school_code ORDER BY t.school_code")) {
            missing.setString(1, firstDate);
            missing.setString(2, lastDate);
            try (ResultSet rs = missing.executeQuery()) {
                while (rs.next()) {
                    bySchool.add(new FileResult.SchoolDays(rs.getString(1), rs.getString(2), rs.getLong(3),
                            rs.getLong(4), rs.getLong(5), rs.getString(6), rs.getString(7)));
                }
            }
        }
        return bySchool;
    }

    /**
     * An export of absences only: every instructional day of a (non-secondary) enrollment at the schools the file
     * covers (those its rows name and those its mapping declares, so that a school with no absence in the file
     * still gets its present days) from the first day of the school year of its earliest date to its last date (or
     * the day the export is said to cover through) that the file does not list is a present day, recorded with the
     * mapping's present code. The range grows to match. A day an earlier import recorded as other than present is
     * not the file's to fill: the file does not list it, which a cut file does not either, so without replace-range
     * it stays and is counted among the days the file did not re-supply.
     */
    private void fillPresentDays() throws SQLException {
        if (!AttendanceCategory.PRESENT.code().equals(refs.category(fillPresent))) {
            throw new SourceException("fill_present: the attendance code '" + fillPresent + "' is not mapped to present; "
                    + "add it under codes: as {category: present}");
        }
        try (PreparedStatement first = connection.prepareStatement(
                "SELECT first_day FROM school_years WHERE ? BETWEEN start_date AND end_date")) {
            first.setString(1, firstDate);
            try (ResultSet rs = first.executeQuery()) {
                if (rs.next() && rs.getString(1).compareTo(firstDate) < 0) {
                    firstDate = rs.getString(1);
                }
            }
        }
        try (PreparedStatement fill = connection.prepareStatement("INSERT OR IGNORE INTO " + stage
                + " (student_id, school_code, attendance_date, category, local_code, minutes_absent, source_line) "
                + "SELECT e.student_id, e.school_code, c.calendar_date, ?, ?, NULL, NULL "
                + "  FROM enrollments e JOIN school_years y ON y.school_year = e.school_year "
                + "  JOIN calendar_days c ON c.is_instructional = 1 AND c.calendar_date >= e.entry_date "
                + "   AND c.calendar_date <= COALESCE(e.exit_date, y.end_date) AND c.calendar_date BETWEEN ? AND ? "
                + " WHERE e.enrollment_type <> ? AND e.school_code IN (SELECT school_code FROM " + COVERED + ")")) {
            fill.setString(1, AttendanceCategory.PRESENT.code());
            fill.setString(2, fillPresent);
            fill.setString(3, firstDate);
            fill.setString(4, lastDate);
            fill.setString(5, org.rollcall.model.EnrollmentType.SECONDARY.calpadsCode());
            filled = fill.executeUpdate();
        }
        if (!replaceRange) {
            try (PreparedStatement keep = connection.prepareStatement("DELETE FROM " + stage + " AS s WHERE "
                    + "s.source_line IS NULL AND EXISTS (SELECT 1 FROM daily_attendance t WHERE "
                    + ImportUndo.sameKey(table, "s", "t") + " AND t.category <> ?)")) {
                keep.setString(1, AttendanceCategory.PRESENT.code());
                filled -= keep.executeUpdate();
            }
        }
    }

    long filled() {
        return filled;
    }

    long loaded() {
        return loaded;
    }

    FileResult.Changes changes() {
        return changes;
    }

    String firstDate() {
        return firstDate;
    }

    String lastDate() {
        return lastDate;
    }
}
