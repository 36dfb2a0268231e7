package org.rollcall.model;

import static org.rollcall.model.Column.optional;
import static org.rollcall.model.Column.required;
import static org.rollcall.model.ColumnType.DATE;
import static org.rollcall.model.ColumnType.DOUBLE;
import static org.rollcall.model.ColumnType.INTEGER;
import static org.rollcall.model.ColumnType.TEXT;

import java.util.List;
import java.util.Optional;

/**
 * The canonical attendance schema (see {@link #VERSION}): every store holds these tables and every source maps
 * into them. Names are lower case so that unquoted SQL from any BI tool finds them.
 * Dates are ISO-8601 calendar dates with no time or zone.
 */
public final class CanonicalSchema {

    /**
     * Bumped whenever a table, column or materialized view changes. A workspace of another version is refused
     * with a message naming both versions (no release has shipped, so there are no migrations yet).
     * 2: the district snapshot and the early-warning list are materialized at every summary rebuild.
     * 3: import_log and import_quarantine; an SSID may appear under two local IDs (the audit reports it), a local
     * ID is unique.
     * 4: the audit views.
     * 5: dataquest_chronic_absence (the state's published rates) and dataquest_comparison.
     * 6: stas_summaries (CALPADS STAS records as a district reported them); attendance_summary also takes the
     * reported rows of students, schools and years without daily attendance.
     * 7: live_sources (databases queried in place, without copying).
     * 8: complementary suppression: chronic_absence_rates and dashboard_counts carry a suppression column,
     * district_group_attendance is materialized; import_undo (what the last import run replaced, removed and added, for {@code rollcall import --undo}).
     * 9: Attendance Recovery (EC 46211): the sessions (attendance_recovery), the minimum-day minutes they are
     * credited against (recovery_minimum_day, seeded, editable), the materialized attendance_recovery_credit and
     * the chronic absence rates with and without recovered days.
     * 10: intervention_controls (a randomized intervention's control group, as the district recorded it),
     * lcff_rates (LCFF base grants per ADA by fiscal year and grade span, seeded, editable), read by intervention ROI
     * and the recovery dollars, and outcome_cut_scores (the score that meets the standard per measure and grade,
     * seeded with the CAASPP Smarter Balanced "Standard Met" minimums, editable).
     */
    public static final int VERSION = 10;

    public static final Table WORKSPACE_INFO = new Table("workspace_info",
            "Facts about this workspace: schema version, how and when it was created.",
            List.of(required("key", TEXT, "Name of the fact"),
                    required("value", TEXT, "Value of the fact")),
            List.of("key"), List.of());

    public static final Table DISTRICTS = new Table("districts",
            "Local educational agencies (districts) in this workspace, identified by county and district CDS code.",
            List.of(required("district_code", TEXT, "7-digit CDS code: 2-digit county and 5-digit district"),
                    required("district_name", TEXT, "District name"),
                    required("county_code", TEXT, "2-digit county code"),
                    required("county_name", TEXT, "County name")),
            List.of("district_code"), List.of());

    public static final Table SCHOOLS = new Table("schools",
            "Schools of the districts, with their 14-digit CDS codes and the grades they serve.",
            List.of(required("school_code", TEXT, "14-digit CDS code (county, district, school)"),
                    required("district_code", TEXT, "CDS code of the school's district"),
                    required("school_name", TEXT, "School name"),
                    required("school_level", TEXT, "ELEMENTARY (TK-5), MIDDLE (6-8) or HIGH (9-12)"),
                    required("low_grade", TEXT, "Lowest grade served (TK, KN, 01..12)"),
                    required("high_grade", TEXT, "Highest grade served (TK, KN, 01..12)")),
            List.of("school_code"), List.of(ForeignKey.of("district_code", "districts", "district_code")));

    public static final Table SCHOOL_YEARS = new Table("school_years",
            "School years (July 1 to June 30, as CALPADS counts them) with their first and last instructional days.",
            List.of(required("school_year", TEXT, "Academic year, e.g. 2024-25"),
                    required("start_date", DATE, "July 1 that opens the year"),
                    required("end_date", DATE, "June 30 that closes the year"),
                    required("first_day", DATE, "First instructional day"),
                    required("last_day", DATE, "Last instructional day")),
            List.of("school_year"), List.of());

    public static final Table CALENDAR_DAYS = new Table("calendar_days",
            "The district instructional calendar: every weekday from the first to the last day of school, "
                    + "flagged instructional or not.",
            List.of(required("calendar_date", DATE, "Calendar date"),
                    required("school_year", TEXT, "Academic year the date belongs to"),
                    required("is_instructional", INTEGER, "1 on an instructional day, 0 on a holiday or break"),
                    required("day_type", TEXT, "INSTRUCTIONAL, HOLIDAY or BREAK"),
                    optional("description", TEXT, "Name of the holiday or break")),
            List.of("calendar_date"), List.of(ForeignKey.of("school_year", "school_years", "school_year")));

    public static final Table STUDENTS = new Table("students",
            "Students with their statewide (SSID) and local identifiers and demographics.",
            List.of(required("student_id", INTEGER, "RollCall's key for the student"),
                    required("ssid", TEXT, "Statewide Student Identifier (10 digits)"),
                    required("local_id", TEXT, "The district SIS's student number"),
                    required("first_name", TEXT, "Legal first name"),
                    required("last_name", TEXT, "Legal last name"),
                    required("birth_date", DATE, "Date of birth"),
                    required("gender", TEXT, "M, F or X (non-binary)"),
                    required("race_ethnicity", TEXT,
                            "Dashboard race/ethnicity group: AA, AI, AS, FI, HI, PI, WH or MR")),
            List.of("student_id"), List.of());

    public static final Table STUDENT_PROGRAMS = new Table("student_programs",
            "Dated memberships in the Dashboard program student groups (EL, LTEL, SED, SWD, FOS, HOM).",
            List.of(required("student_id", INTEGER, "The student"),
                    required("program", TEXT, "EL, LTEL, SED, SWD, FOS or HOM"),
                    required("start_date", DATE, "First day of membership"),
                    optional("end_date", DATE, "Last day of membership; empty while it lasts")),
            List.of("student_id", "program", "start_date"),
            List.of(ForeignKey.of("student_id", "students", "student_id")));

    public static final Table ENROLLMENTS = new Table("enrollments",
            "Enrollments of students at schools: primary (10), secondary (20) and short-term (30), "
                    + "with entry and exit dates.",
            List.of(required("enrollment_id", INTEGER, "RollCall's key for the enrollment"),
                    required("student_id", INTEGER, "The student"),
                    required("school_code", TEXT, "CDS code of the school"),
                    required("school_year", TEXT, "Academic year"),
                    required("grade", TEXT, "Grade level during the enrollment (TK, KN, 01..12)"),
                    required("enrollment_type", TEXT, "CALPADS enrollment status: 10 primary, 20 secondary, 30 short-term"),
                    required("entry_date", DATE, "First day enrolled"),
                    optional("exit_date", DATE, "Last day enrolled; empty if still enrolled"),
                    optional("exit_reason", TEXT, "Why the enrollment ended (TRANSFER, YEAR_END, MOVED)")),
            List.of("enrollment_id"),
            List.of(ForeignKey.of("student_id", "students", "student_id"),
                    ForeignKey.of("school_code", "schools", "school_code"),
                    ForeignKey.of("school_year", "school_years", "school_year")));

    public static final Table ATTENDANCE_CODES = new Table("attendance_codes",
            "The SIS's local attendance codes and the canonical category each maps to.",
            List.of(required("local_code", TEXT, "Code as the SIS records it"),
                    required("description", TEXT, "What the code means locally"),
                    required("category", TEXT, "Canonical category: present, tardy, excused, unexcused, "
                            + "suspension_out, suspension_in, independent_study, independent_study_non_ada"),
                    optional("excused_reason", TEXT, "EC 48205 reason for excused codes")),
            List.of("local_code"), List.of());

    public static final Table DAILY_ATTENDANCE = new Table("daily_attendance",
            "One row per student, school and instructional day enrolled: the fact table.",
            List.of(required("student_id", INTEGER, "The student"),
                    required("school_code", TEXT, "CDS code of the school"),
                    required("attendance_date", DATE, "Instructional day"),
                    required("category", TEXT, "Canonical attendance category of the day"),
                    required("local_code", TEXT, "The SIS's own code for the day"),
                    optional("minutes_absent", INTEGER, "Minutes missed, for tardies and partial days")),
            List.of("student_id", "school_code", "attendance_date"),
            List.of(ForeignKey.of("student_id", "students", "student_id"),
                    ForeignKey.of("school_code", "schools", "school_code"),
                    ForeignKey.of("local_code", "attendance_codes", "local_code")));

    public static final Table ATTENDANCE_SUMMARY = new Table("attendance_summary",
            "Days expected, attended and absent per student, school and year, in the CALPADS STAS shape "
                    + "(fields 13.15-13.22); kept current by every import: derived from daily_attendance, or, for a "
                    + "student, school and year without daily rows, taken from the reported stas_summaries.",
            List.of(required("student_id", INTEGER, "The student"),
                    required("school_code", TEXT, "CDS code of the school"),
                    required("school_year", TEXT, "Academic year"),
                    required("grade", TEXT, "Grade at the last enrollment of the year at this school"),
                    required("days_expected", INTEGER, "13.15 expected attendance days"),
                    required("days_attended_in_person", INTEGER, "13.16 days attended in person (tardies included)"),
                    required("days_suspension_out", INTEGER, "13.17 days absent, out-of-school suspension"),
                    required("days_suspension_in", INTEGER, "13.18 days attended, in-school suspension"),
                    required("days_excused", INTEGER, "13.19 days absent, excused, non-suspension"),
                    required("days_unexcused", INTEGER, "13.20 days absent, unexcused, non-suspension"),
                    required("days_independent_study_non_ada", INTEGER, "13.21 non-ADA independent study days"),
                    required("days_independent_study", INTEGER, "13.22 ADA-generating independent study days"),
                    required("days_absent", INTEGER, "Absences per the STAS formula: 13.17 + 13.19 + 13.20 + 13.21"),
                    required("days_tardy", INTEGER, "Days tardy or absent more than 30 minutes (EC 48260); 0 in rows "
                            + "taken from STAS, which reports no tardies"),
                    required("first_date", DATE, "First day with attendance at the school this year (from STAS: "
                            + "the first day enrolled)"),
                    required("last_date", DATE, "Last day with attendance at the school this year (from STAS: "
                            + "the last day enrolled)")),
            List.of("student_id", "school_code", "school_year"),
            List.of(ForeignKey.of("student_id", "students", "student_id"),
                    ForeignKey.of("school_code", "schools", "school_code"),
                    ForeignKey.of("school_year", "school_years", "school_year")));

    /**
     * CALPADS Student Absence Summary records as reported (docs/rules.md section 5; field numbers from the CALPADS
     * troubleshooting pages STAS0318, STAS0303/0304 and the Aeries STAS layout page for 13.13), for districts
     * that have summaries but no daily attendance. The day counts are empty for an exempt student.
     */
    public static final Table STAS_SUMMARIES = new Table("stas_summaries",
            "CALPADS Student Absence Summary (STAS) records as the district reported them, one per student, school "
                    + "and year: the exemption indicator (13.13) and the day counts 13.15-13.22. Where a student has "
                    + "no daily attendance at a school in a year, attendance_summary takes the reported row.",
            List.of(required("student_id", INTEGER, "The student"),
                    required("school_code", TEXT, "CDS code of the school of attendance (13.04 and 13.05)"),
                    required("school_year", TEXT, "Academic year (13.06)"),
                    optional("exemption_indicator", TEXT, "13.13 Y when exempt from the absence summary collection "
                            + "(home or hospital instruction, full-time community college, summer graduate, NPS)"),
                    optional("hourly_attendance_indicator", TEXT, "13.14 Y when the school takes attendance by hours"),
                    optional("days_expected", INTEGER, "13.15 expected attendance days; empty when exempt"),
                    optional("days_attended_in_person", INTEGER, "13.16 days attended in person"),
                    optional("days_suspension_out", INTEGER, "13.17 days absent, out-of-school suspension"),
                    optional("days_suspension_in", INTEGER, "13.18 days attended, in-school suspension"),
                    optional("days_excused", INTEGER, "13.19 days absent, excused, non-suspension"),
                    optional("days_unexcused", INTEGER, "13.20 days absent, unexcused, non-suspension"),
                    optional("days_independent_study_non_ada", INTEGER, "13.21 non-ADA independent study days"),
                    optional("days_independent_study", INTEGER, "13.22 ADA-generating independent study days")),
            List.of("student_id", "school_code", "school_year"),
            List.of(ForeignKey.of("student_id", "students", "student_id"),
                    ForeignKey.of("school_code", "schools", "school_code"),
                    ForeignKey.of("school_year", "school_years", "school_year")));

    public static final Table INTERVENTIONS = new Table("interventions",
            "Attendance interventions the district ran, with their type and cost per student.",
            List.of(required("intervention_id", INTEGER, "RollCall's key for the intervention"),
                    required("name", TEXT, "Name of the intervention"),
                    required("intervention_type", TEXT, "NUDGE_LETTER, MENTORING, HOME_VISIT, SART_MEETING or another type"),
                    required("cost_per_student", DOUBLE, "Cost in dollars per participating student"),
                    optional("description", TEXT, "What the intervention does")),
            List.of("intervention_id"), List.of());

    public static final Table INTERVENTION_PARTICIPANTS = new Table("intervention_participants",
            "Which students took part in which intervention, and when.",
            List.of(required("intervention_id", INTEGER, "The intervention"),
                    required("student_id", INTEGER, "The participating student"),
                    required("school_year", TEXT, "Academic year"),
                    required("start_date", DATE, "Day the student started"),
                    optional("end_date", DATE, "Day the student finished")),
            List.of("intervention_id", "student_id", "start_date"),
            List.of(ForeignKey.of("intervention_id", "interventions", "intervention_id"),
                    ForeignKey.of("student_id", "students", "student_id")));

    /**
     * The students a district assigned to a randomized intervention's control group: eligible and drawn like the
     * participants, but not treated. Intervention ROI compares participants with them instead of matching.
     */
    public static final Table INTERVENTION_CONTROLS = new Table("intervention_controls",
            "Students assigned to a randomized intervention's control group (eligible, not treated), with the date "
                    + "they were assigned on: the district's record of its randomization, used by intervention ROI "
                    + "instead of a matched comparison group.",
            List.of(required("intervention_id", INTEGER, "The intervention"),
                    required("student_id", INTEGER, "The student assigned to the control group"),
                    required("school_year", TEXT, "Academic year"),
                    required("start_date", DATE, "Day the student was assigned (the participants' start date)")),
            List.of("intervention_id", "student_id", "start_date"),
            List.of(ForeignKey.of("intervention_id", "interventions", "intervention_id"),
                    ForeignKey.of("student_id", "students", "student_id")));

    /**
     * LCFF base grants per unit of ADA by fiscal year and grade span, with the grade-span adjustments
     * (docs/rules.md section 7). Seeded with {@link #LCFF_RATES_SEED}; a district edits or imports the year's rates.
     */
    public static final Table LCFF_RATES = new Table("lcff_rates",
            "LCFF base grant and grade-span adjustment per unit of ADA, by fiscal year (July 1 to June 30, named like "
                    + "a school year) and grade span (K-3, 4-6, 7-8, 9-12): seeded from docs/rules.md section 7, "
                    + "editable, each row with its source. Intervention ROI turns days gained into dollars with them.",
            List.of(required("fiscal_year", TEXT, "Fiscal year, e.g. 2024-25"),
                    required("grade_span", TEXT, "LCFF grade span: K-3 (TK included), 4-6, 7-8 or 9-12"),
                    required("base_grant_per_ada", DOUBLE, "Base grant in dollars per unit of ADA"),
                    required("grade_span_adjustment_per_ada", DOUBLE, "Grade-span adjustment in dollars per unit of "
                            + "ADA (K-3 class size, 9-12 career technical education; 0 for 4-6 and 7-8)"),
                    required("source", TEXT, "Where the figures come from")),
            List.of("fiscal_year", "grade_span"), List.of());

    /**
     * Seed rows of {@link #LCFF_RATES}: fiscal year, span, base grant, adjustment, source. 2024-25 from the CDE's
     * rates page; 2025-26 estimated from it with the 2.30% COLA until the district enters the published figures.
     */
    public static final List<List<Object>> LCFF_RATES_SEED = lcffSeed();

    public static final Table OUTCOMES = new Table("outcomes",
            "Student outcomes per year: assessment scale scores and other measures.",
            List.of(required("student_id", INTEGER, "The student"),
                    required("school_year", TEXT, "Academic year"),
                    required("measure", TEXT, "What was measured, e.g. ELA_SCALE_SCORE or MATH_SCALE_SCORE"),
                    required("grade", TEXT, "Grade when measured"),
                    required("value", DOUBLE, "The measured value")),
            List.of("student_id", "school_year", "measure"),
            List.of(ForeignKey.of("student_id", "students", "student_id")));

    public static final Table GOALS = new Table("goals",
            "District and LCAP goals: a target for one metric, school year and student group, with its baseline "
                    + "(LCAP State Priority 5 metric tables, docs/rules.md section 6).",
            List.of(required("goal_id", INTEGER, "RollCall's key for the goal"),
                    required("source", TEXT, "LCAP or DISTRICT"),
                    required("goal_name", TEXT, "The goal as the plan states it"),
                    required("metric", TEXT, "CHRONIC_ABSENCE_RATE or ATTENDANCE_RATE"),
                    required("definition", TEXT, "For chronic absence: DASHBOARD, DATAQUEST or LCAP"),
                    required("student_group", TEXT, "Dashboard student group the target is for (ALL for everyone)"),
                    required("baseline_year", TEXT, "School year of the baseline"),
                    required("baseline_value", DOUBLE, "Metric value in the baseline year, in percent"),
                    required("target_year", TEXT, "School year by which the target is to be met"),
                    required("target_value", DOUBLE, "Target value in percent"),
                    required("direction", TEXT, "DECREASE when lower is better, INCREASE when higher is better")),
            List.of("goal_id"), List.of(ForeignKey.of("baseline_year", "school_years", "school_year"),
                    ForeignKey.of("target_year", "school_years", "school_year")));

    public static final Table IMPORT_LOG = new Table("import_log",
            "Every file imported into the workspace: the adapter and mapping that read it, its rows read, loaded and "
                    + "quarantined (read = loaded + quarantined), and the dates it covered.",
            List.of(required("import_id", INTEGER, "Sequence number of the import"),
                    required("file", TEXT, "Absolute path of the imported file; for a database query, the "
                            + "database's JDBC URL without any password and the mapping whose query was read"),
                    required("file_sha256", TEXT, "SHA-256 of the file's bytes; for a database query, of the rows "
                            + "it returned"),
                    required("adapter", TEXT, "Source adapter that read the file"),
                    optional("mapping", TEXT, "Mapping file or preset that described the file"),
                    optional("mapping_sha256", TEXT, "SHA-256 of the mapping's text"),
                    required("entity", TEXT, "Canonical table the rows went to"),
                    required("rows_read", INTEGER, "Data rows read from the file"),
                    required("rows_loaded", INTEGER, "Rows loaded into the canonical table"),
                    required("rows_quarantined", INTEGER, "Rows set aside in import_quarantine with their reason"),
                    optional("first_date", DATE, "First attendance date in the file; the range it replaced starts here"),
                    optional("last_date", DATE, "Last attendance date in the file; the range it replaced ends here"),
                    required("imported_at", TEXT, "When the import committed (UTC, ISO-8601)")),
            List.of("import_id"), List.of());

    public static final Table IMPORT_QUARANTINE = new Table("import_quarantine",
            "Input rows that were not loaded, with the file, line, field and reason. Re-importing a file (say after "
                    + "adding a code to its mapping) replaces that file's entries.",
            List.of(required("file", TEXT, "Absolute path of the file the row came from, or the database URL "
                            + "(without password) and mapping of the query, as import_log records it"),
                    required("line", INTEGER, "Line number of the row in the file (1 is the first line); for a "
                            + "query, the row's number in its result"),
                    required("entity", TEXT, "Canonical table the row was meant for"),
                    optional("field", TEXT, "Canonical field that failed, empty when the whole line is unreadable"),
                    optional("value", TEXT, "The offending value as read"),
                    required("reason", TEXT, "Why the row was not loaded"),
                    optional("record", TEXT, "The row as read (cut at 1,000 characters)")),
            List.of("file", "line", "entity"), List.of());

    /** What the imports of the last import run changed, so that the run can be undone. */
    public static final Table IMPORT_UNDO = new Table("import_undo",
            "What the imports of the last import run changed, so that rollcall import --undo can put it back: the "
                    + "rows they replaced or removed (and the days in a daily file's range they kept) as they were, "
                    + "the keys of the rows they added, and the days and schools each daily file covered. The next "
                    + "import run replaces it.",
            List.of(required("import_id", INTEGER, "The import (import_log) that made the change"),
                    required("table_name", TEXT, "Table the row belongs to"),
                    required("change", TEXT, "added, replaced, removed or kept; range for the days and schools a "
                            + "daily file covered"),
                    required("row_key", TEXT, "The row's primary key as a JSON array; for a range, a JSON object "
                            + "with from, to and schools"),
                    optional("row_values", TEXT, "The row as it was before the import, a JSON array of its columns "
                            + "in table order; empty for an added row")),
            List.of("import_id", "table_name", "change", "row_key"), List.of());

    /** The CDE's chronic absenteeism download (cde.ca.gov/ds/ad/fsabd.asp), one row per file row. */
    public static final Table DATAQUEST_CHRONIC_ABSENCE = new Table("dataquest_chronic_absence",
            "Chronic absenteeism as the CDE publishes it in its DataQuest download files (cde.ca.gov/ds/ad/fsabd.asp): "
                    + "per year, aggregate level, county, district and school, charter and DASS filter and reporting "
                    + "category, the eligible cumulative enrollment, the count and the rate; suppressed cells are empty.",
            List.of(required("academic_year", TEXT, "Academic year, e.g. 2023-24"),
                    required("aggregate_level", TEXT, "T state, C county, D district, S school"),
                    required("cds_county", TEXT, "2-digit county code"),
                    required("cds_district", TEXT, "5-digit district part of the CDS code (00000 for state and county rows)"),
                    required("cds_school", TEXT, "7-digit school part of the CDS code (0000000 above the school level)"),
                    optional("county_name", TEXT, "County name"),
                    optional("district_name", TEXT, "District name"),
                    optional("school_name", TEXT, "School name"),
                    required("charter", TEXT, "All, Y (charter schools only) or N (non-charter schools only)"),
                    required("dass", TEXT, "All, Y (DASS schools only) or N (others only)"),
                    required("reporting_category", TEXT, "The CDE's reporting category: TA total, RB..RW race/ethnicity, "
                            + "GM/GF/GX gender, SE/SD/SS/SM/SF/SH programs, GR.. grade spans"),
                    optional("eligible_enrollment", INTEGER, "Chronic absenteeism eligible cumulative enrollment; "
                            + "empty where suppressed (10 or fewer)"),
                    optional("chronic_count", INTEGER, "Students chronically absent; empty where suppressed"),
                    optional("chronic_rate", DOUBLE, "Chronic absenteeism rate in percent; empty where suppressed")),
            List.of("academic_year", "aggregate_level", "cds_county", "cds_district", "cds_school", "charter", "dass",
                    "reporting_category"), List.of());

    /** Databases the engine queries in place: each is a schema of canonical tables over the source's own tables. */
    public static final Table LIVE_SOURCES = new Table("live_sources",
            "Databases queried live, without copying: each appears as a schema of its own whose canonical tables "
                    + "are views over the source's tables, with filters and aggregations pushed down to it. Passwords "
                    + "are never stored: the definition names the environment variable that holds one.",
            List.of(required("name", TEXT, "Schema name the source appears under, e.g. sis"),
                    required("url", TEXT, "JDBC URL of the source database"),
                    required("definition", TEXT, "The YAML definition: connection, tables and column mappings"),
                    required("added_at", TEXT, "When the source was added (UTC, ISO-8601)")),
            List.of("name"), List.of());

    /**
     * The minutes of a minimum school day per grade, against which Attendance Recovery minutes are credited
     * (docs/rules.md section 4). Seeded with {@link #RECOVERY_MINIMUM_DAY_SEED}; a district edits it (or imports it)
     * where its programs differ, and the credit follows at the next import.
     */
    public static final Table RECOVERY_MINIMUM_DAY = new Table("recovery_minimum_day",
            "The minimum school day in minutes per grade, used to turn Attendance Recovery minutes into days "
                    + "(EC 46211): seeded from the figures docs/rules.md section 4 gives, editable, each row with its source.",
            List.of(required("grade", TEXT, "Grade level (TK, KN, 01..12)"),
                    required("grade_span", TEXT, "The span the minimum day is set for: TK/K, 1-3, 4-8 or 9-12"),
                    required("minutes", INTEGER, "Minutes of attendance that make one day of recovered attendance"),
                    required("source", TEXT, "Where the figure comes from")),
            List.of("grade"), List.of());

    /** Seed rows of {@link #RECOVERY_MINIMUM_DAY}: grade, span, minutes. */
    public static final List<List<Object>> RECOVERY_MINIMUM_DAY_SEED = minimumDaySeed();

    /** Where the seeded minimum-day minutes come from. */
    public static final String RECOVERY_MINIMUM_DAY_SOURCE = "Minimum day by grade span as CDE's Attendance Recovery "
            + "guidance and SIS vendors apply it (docs/rules.md section 4; EC 46112-46141 not yet checked)";

    public static final Table ATTENDANCE_RECOVERY = new Table("attendance_recovery",
            "Attendance Recovery sessions (EC 46211): instruction outside the school day a student attended, one row "
                    + "per student, school, date and program (a program's sessions of one day are one row, their "
                    + "minutes added). Tracked apart from daily_attendance, which it never changes.",
            List.of(required("student_id", INTEGER, "The student"),
                    required("school_code", TEXT, "CDS code of the school that ran the session"),
                    required("session_date", DATE, "Calendar date of the session (a weekend or intersession day too)"),
                    required("program", TEXT, "The district's name or code of the recovery program"),
                    required("minutes", INTEGER, "Minutes the student took part, 1 to 1,440"),
                    optional("teacher_certificated", TEXT, "Y when a certificated teacher led the session, N when "
                            + "not (no credit), empty when not recorded")),
            List.of("student_id", "school_code", "session_date", "program"),
            List.of(ForeignKey.of("student_id", "students", "student_id"),
                    ForeignKey.of("school_code", "schools", "school_code")));

    /**
     * The score at which an outcome meets the standard, per measure and grade (docs/rules.md section 9): the
     * analysis reports the share of students at or above it. Seeded with {@link #OUTCOME_CUT_SCORES_SEED}; a district
     * edits or imports its own (other measures, other tests) and the analysis follows at the next import.
     */
    public static final Table OUTCOME_CUT_SCORES = new Table("outcome_cut_scores",
            "The score that meets the standard per outcome measure and grade: seeded with the CAASPP Smarter Balanced "
                    + "'Standard Met' minimum scale scores (ELA and mathematics, grades 3-8 and 11), editable, each row "
                    + "with its source. A measure without a row here has no share meeting a cut score.",
            List.of(required("measure", TEXT, "The measure, as outcomes names it (ELA_SCALE_SCORE, MATH_SCALE_SCORE)"),
                    required("grade", TEXT, "Grade level (TK, KN, 01..12)"),
                    required("cut_score", DOUBLE, "Lowest value that meets the standard"),
                    required("level_name", TEXT, "What meeting it means, e.g. Standard Met"),
                    required("source", TEXT, "Where the figure comes from")),
            List.of("measure", "grade"), List.of());

    /**
     * Seed rows of {@link #OUTCOME_CUT_SCORES}: measure, grade, lowest "Standard Met" scale score, from the CDE's
     * Smarter Balanced scale score ranges (cde.ca.gov/ta/tg/ca/sbscalerange.asp; the same Level 3 minimums in
     * CAASPP's current Scale Score Ranges appendix).
     */
    public static final List<List<Object>> OUTCOME_CUT_SCORES_SEED = List.of(
            List.of("ELA_SCALE_SCORE", "03", 2432.0), List.of("ELA_SCALE_SCORE", "04", 2473.0),
            List.of("ELA_SCALE_SCORE", "05", 2502.0), List.of("ELA_SCALE_SCORE", "06", 2531.0),
            List.of("ELA_SCALE_SCORE", "07", 2552.0), List.of("ELA_SCALE_SCORE", "08", 2567.0),
            List.of("ELA_SCALE_SCORE", "11", 2583.0),
            List.of("MATH_SCALE_SCORE", "03", 2436.0), List.of("MATH_SCALE_SCORE", "04", 2485.0),
            List.of("MATH_SCALE_SCORE", "05", 2528.0), List.of("MATH_SCALE_SCORE", "06", 2552.0),
            List.of("MATH_SCALE_SCORE", "07", 2567.0), List.of("MATH_SCALE_SCORE", "08", 2586.0),
            List.of("MATH_SCALE_SCORE", "11", 2628.0));

    /** Where the seeded cut scores come from. */
    public static final String OUTCOME_CUT_SCORES_SOURCE = "CAASPP Smarter Balanced scale score ranges, lowest "
            + "Standard Met score (cde.ca.gov/ta/tg/ca/sbscalerange.asp; docs/rules.md section 9)";

    public static final List<Table> TABLES = List.of(WORKSPACE_INFO, DISTRICTS, SCHOOLS, SCHOOL_YEARS,
            CALENDAR_DAYS, STUDENTS, STUDENT_PROGRAMS, ENROLLMENTS, ATTENDANCE_CODES, DAILY_ATTENDANCE,
            ATTENDANCE_SUMMARY, STAS_SUMMARIES, INTERVENTIONS, INTERVENTION_PARTICIPANTS, OUTCOMES, GOALS, IMPORT_LOG,
            IMPORT_QUARANTINE, IMPORT_UNDO, DATAQUEST_CHRONIC_ABSENCE, LIVE_SOURCES,
            RECOVERY_MINIMUM_DAY, ATTENDANCE_RECOVERY, INTERVENTION_CONTROLS, LCFF_RATES, OUTCOME_CUT_SCORES);

    private CanonicalSchema() {
    }

    private static List<List<Object>> minimumDaySeed() {
        List<List<Object>> rows = new java.util.ArrayList<>();
        for (Grade grade : Grade.values()) {
            int n = grade.number();
            String span = n <= 0 ? "TK/K" : n <= 3 ? "1-3" : n <= 8 ? "4-8" : "9-12";
            int minutes = n <= 0 ? 180 : n <= 3 ? 230 : 240;
            rows.add(List.of(grade.code(), span, minutes));
        }
        return List.copyOf(rows);
    }

    private static List<List<Object>> lcffSeed() {
        String published = "CDE LCFF funding rates 2024-25 (cde.ca.gov/fg/aa/pa/pa2425rates.asp; docs/rules.md section 7)";
        String estimated = "Estimated: 2024-25 rate x 1.023 (2.30% COLA, docs/rules.md section 7); replace with the CDE "
                + "2025-26 rates page";
        String[] spans = {"K-3", "4-6", "7-8", "9-12"};
        double[] base = {10_025, 10_177, 10_478, 12_144};
        double[] adjustment = {1_043, 0, 0, 316};
        List<List<Object>> rows = new java.util.ArrayList<>();
        for (int i = 0; i < spans.length; i++) {
            rows.add(List.of("2024-25", spans[i], base[i], adjustment[i], published));
        }
        for (int i = 0; i < spans.length; i++) {
            rows.add(List.of("2025-26", spans[i], (double) Math.round(base[i] * 1.023),
                    (double) Math.round(adjustment[i] * 1.023), estimated));
        }
        return List.copyOf(rows);
    }

    public static Optional<Table> table(String name) {
        return TABLES.stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
    }
}
