package org.rollcall.sources;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.rollcall.model.AttendanceCategory;
import org.rollcall.model.CanonicalSchema;
import org.rollcall.model.Column;
import org.rollcall.model.ColumnType;
import org.rollcall.model.EnrollmentType;
import org.rollcall.model.Grade;
import org.rollcall.model.SchoolLevel;
import org.rollcall.model.StudentGroup;
import org.rollcall.model.Table;

/**
 * What a source row can be: one of the canonical tables, seen from the source's side. Sources know students by
 * their SIS student number ({@code local_id}), not by RollCall's key, and never supply RollCall's own keys
 * ({@code student_id}, {@code enrollment_id}); a daily row's category may come from its local code's mapping.
 * Declared in load order: a table comes after the tables it refers to.
 */
public enum Entity {
    DISTRICTS(CanonicalSchema.DISTRICTS),
    RECOVERY_MINIMUM_DAY(CanonicalSchema.RECOVERY_MINIMUM_DAY),
    LCFF_RATES(CanonicalSchema.LCFF_RATES),
    SCHOOL_YEARS(CanonicalSchema.SCHOOL_YEARS),
    CALENDAR_DAYS(CanonicalSchema.CALENDAR_DAYS),
    SCHOOLS(CanonicalSchema.SCHOOLS),
    STUDENTS(CanonicalSchema.STUDENTS),
    STUDENT_PROGRAMS(CanonicalSchema.STUDENT_PROGRAMS),
    ENROLLMENTS(CanonicalSchema.ENROLLMENTS),
    ATTENDANCE_CODES(CanonicalSchema.ATTENDANCE_CODES),
    DAILY_ATTENDANCE(CanonicalSchema.DAILY_ATTENDANCE),
    STAS_SUMMARIES(CanonicalSchema.STAS_SUMMARIES),
    ATTENDANCE_RECOVERY(CanonicalSchema.ATTENDANCE_RECOVERY),
    INTERVENTIONS(CanonicalSchema.INTERVENTIONS),
    INTERVENTION_PARTICIPANTS(CanonicalSchema.INTERVENTION_PARTICIPANTS),
    INTERVENTION_CONTROLS(CanonicalSchema.INTERVENTION_CONTROLS),
    OUTCOMES(CanonicalSchema.OUTCOMES),
    OUTCOME_CUT_SCORES(CanonicalSchema.OUTCOME_CUT_SCORES),
    GOALS(CanonicalSchema.GOALS),
    DATAQUEST_CHRONIC_ABSENCE(CanonicalSchema.DATAQUEST_CHRONIC_ABSENCE);

    /** The source's name for a student. */
    public static final String LOCAL_ID = "local_id";

    private static final Set<String> GRADES = Arrays.stream(Grade.values()).map(Grade::code).collect(Collectors.toSet());

    /**
     * Closed value sets, checked on the way in. Grades: CALPADS grade levels (docs/rules.md section 3, TK..12);
     * categories: the canonical attendance categories (docs/rules.md section 2); enrollment status 10/20/30 (CALPADS
     * SENR); programs: the Dashboard program groups (docs/rules.md section 3).
     */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("grade", GRADES), Map.entry("low_grade", GRADES), Map.entry("high_grade", GRADES),
            Map.entry("category", Arrays.stream(AttendanceCategory.values()).map(AttendanceCategory::code)
                    .collect(Collectors.toSet())),
            Map.entry("enrollment_type", Arrays.stream(EnrollmentType.values()).map(EnrollmentType::calpadsCode)
                    .collect(Collectors.toSet())),
            Map.entry("school_level", Arrays.stream(SchoolLevel.values()).map(SchoolLevel::name)
                    .collect(Collectors.toSet())),
            Map.entry("program", Arrays.stream(StudentGroup.values()).filter(g -> g.kind() == StudentGroup.Kind.PROGRAM)
                    .map(StudentGroup::name).collect(Collectors.toSet())),
            Map.entry("race_ethnicity", Arrays.stream(StudentGroup.values())
                    .filter(g -> g.kind() == StudentGroup.Kind.RACE).map(StudentGroup::name).collect(Collectors.toSet())),
            Map.entry("gender", Set.of("M", "F", "X")),
            Map.entry("is_instructional", Set.of("0", "1")),
            // CALPADS STAS 13.13 and 13.14 are Y or blank (Aeries STAS layout page); N is read as not set
            Map.entry("exemption_indicator", Set.of("Y", "N")),
            Map.entry("hourly_attendance_indicator", Set.of("Y", "N")),
            Map.entry("teacher_certificated", Set.of("Y", "N")),
            Map.entry("grade_span", Set.of("TK/K", "1-3", "4-8", "9-12")),
            // DataQuest aggregate levels (cde.ca.gov/ds/ad/fsabd.asp)
            Map.entry("aggregate_level", Set.of("T", "C", "D", "S")));

    private final Table table;
    private final List<Column> fields;

    Entity(Table table) {
        this.table = table;
        List<Column> columns = new ArrayList<>();
        for (Column column : table.columns()) {
            switch (column.name()) {
                case "enrollment_id" -> {
                    // RollCall's key, assigned on import from the enrollment's natural key
                }
                case "student_id" -> {
                    if (!table.name().equals("students")) {
                        columns.add(Column.required(LOCAL_ID, ColumnType.TEXT, "The SIS's student number"));
                    }
                }
                case "category" -> columns.add(Column.optional(column.name(), column.type(),
                        column.description() + "; when absent, the category its local code maps to"));
                default -> columns.add(column);
            }
        }
        this.fields = List.copyOf(columns);
    }

    public Table table() {
        return table;
    }

    /**
     * True when the summaries and the materialized metric views read this table, so that loading it means
     * recomputing them (codes, districts and goals are read by plain views only; interventions, their participants
     * and control groups feed intervention ROI, outcomes and their cut scores the attendance-outcome derivations, and
     * lcff_rates the dollars of intervention ROI and Attendance Recovery, all refilled with the summaries).
     */
    public boolean feedsSummaries() {
        return switch (this) {
            case SCHOOL_YEARS, CALENDAR_DAYS, SCHOOLS, STUDENTS, STUDENT_PROGRAMS, ENROLLMENTS, DAILY_ATTENDANCE,
                STAS_SUMMARIES, ATTENDANCE_RECOVERY, RECOVERY_MINIMUM_DAY, OUTCOMES, OUTCOME_CUT_SCORES, LCFF_RATES, INTERVENTIONS,
                INTERVENTION_PARTICIPANTS, INTERVENTION_CONTROLS -> true;
            default -> false;
        };
    }

    /** The table's name, which is also the entity's name in mappings. */
    public String tableName() {
        return table.name();
    }

    /** The fields a source supplies for this entity, in table order. */
    public List<Column> fields() {
        return fields;
    }

    public List<String> fieldNames() {
        return fields.stream().map(Column::name).toList();
    }

    public Optional<Column> field(String name) {
        return fields.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
    }

    /**
     * The values a field of this entity may take, where they form a closed set. A recovery session's program is
     * the district's own name for it, not a Dashboard program group.
     */
    public Optional<Set<String>> allowedValues(String field) {
        if (this == ATTENDANCE_RECOVERY && field.equals("program")) {
            return Optional.empty();
        }
        if (this == LCFF_RATES && field.equals("grade_span")) {
            return Optional.of(Set.of("K-3", "4-6", "7-8", "9-12"));
        }
        return Optional.ofNullable(ALLOWED.get(field));
    }

    public static Optional<Entity> named(String name) {
        return Arrays.stream(values()).filter(e -> e.tableName().equalsIgnoreCase(name)).findFirst();
    }

    /** The entity names, for messages. */
    public static String names() {
        return Arrays.stream(values()).map(Entity::tableName).collect(Collectors.joining(", "));
    }
}
