package org.rollcall.store.metrics;

import static org.rollcall.model.Column.optional;
import static org.rollcall.model.Column.required;
import static org.rollcall.model.ColumnType.BOOLEAN;
import static org.rollcall.model.ColumnType.DOUBLE;
import static org.rollcall.model.ColumnType.INTEGER;
import static org.rollcall.model.ColumnType.TEXT;

import org.rollcall.model.CanonicalSchema;
import org.rollcall.model.Column;

/** Columns the metric views share, each described once. */
final class ViewColumns {

    static final Column STUDENT_ID = canonical("attendance_summary", "student_id");
    static final Column SCHOOL_CODE = canonical("attendance_summary", "school_code");
    static final Column SCHOOL_YEAR = canonical("attendance_summary", "school_year");
    static final Column GRADE = canonical("attendance_summary", "grade");
    static final Column DAYS_EXPECTED = canonical("attendance_summary", "days_expected");
    static final Column DAYS_ABSENT = canonical("attendance_summary", "days_absent");
    static final Column DAYS_EXCUSED = canonical("attendance_summary", "days_excused");
    static final Column DAYS_UNEXCUSED = canonical("attendance_summary", "days_unexcused");
    static final Column DAYS_SUSPENSION_OUT = canonical("attendance_summary", "days_suspension_out");
    static final Column SCHOOL_NAME = canonical("schools", "school_name");
    static final Column SCHOOL_LEVEL = canonical("schools", "school_level");

    static final Column GRADE_ORDER = required("grade_order", INTEGER, "Sort key of the grade: TK = -1, K = 0, then 1 to 12");
    static final Column DAYS_ATTENDED = required("days_attended", INTEGER, "Days expected less days absent");
    static final Column ABSENCE_RATE = required("absence_rate", DOUBLE, "Days absent as a percent of days expected, to 0.01");
    static final Column TIER = required("tier", TEXT, "Attendance Works tier: Satisfactory (<5%), At risk (5-<10%), "
            + "Moderate chronic (10-<20%), Severe chronic (20%+)");
    static final Column IS_CHRONIC = required("is_chronic", BOOLEAN, "Absent on 10% or more of the expected days");
    static final Column IS_ELIGIBLE = required("is_eligible", BOOLEAN,
            "Counted in Dashboard/DataQuest rates at this level: 31+ days enrolled, 1+ day attended");
    static final Column ELIGIBLE_STUDENTS = required("eligible_students", INTEGER,
            "Students counted in the rate under its definition");
    static final Column CHRONIC_STUDENTS = required("chronic_students", INTEGER,
            "Counted students absent on 10% or more of their expected days");
    static final Column CHRONIC_RATE = required("chronic_rate", DOUBLE,
            "Chronically absent students as a percent of counted students, to 0.1");
    static final Column REPORTING_LEVEL = required("reporting_level", TEXT,
            "SCHOOL or DISTRICT: the level at which each student is evaluated");
    static final Column LEVEL_SCHOOL_CODE = optional("school_code", TEXT,
            "CDS code of the school; NULL at the district level");
    static final Column STUDENT_GROUP = required("student_group", TEXT,
            "Dashboard student group: ALL, AA, AI, AS, FI, HI, PI, WH, MR, EL, LTEL, SED, SWD, FOS or HOM");
    static final Column DEFINITION = required("definition", TEXT,
            "DASHBOARD (TK-8, 31-day rule), DATAQUEST (TK-12, 31-day rule) or LCAP (K-12, any enrollment)");
    static final Column SUPPRESSED = required("suppressed", BOOLEAN,
            "True where the cell's numbers are withheld: see suppression");
    static final Column SUPPRESSION = optional(SuppressionRule.COLUMN, TEXT,
            "Why the cell is withheld: PRIMARY (10 or fewer students) or COMPLEMENTARY (withheld so that no primary "
                    + "cell can be computed from its total less the published cells); NULL where it is published");

    private ViewColumns() {
    }

    private static Column canonical(String table, String column) {
        return CanonicalSchema.table(table).flatMap(t -> t.column(column)).orElseThrow();
    }

    /** The same column, allowed to be NULL (as suppressed published numbers are). */
    static Column nullable(Column column) {
        return optional(column.name(), column.type(), column.description());
    }
}
