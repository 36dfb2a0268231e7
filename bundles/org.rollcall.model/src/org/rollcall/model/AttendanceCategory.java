package org.rollcall.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * The canonical daily attendance categories that every SIS's local codes map to.
 *
 * <p>Which categories count as an absence follows the CALPADS STAS formula (docs/rules.md section 2 and 5):
 * absences are non-ADA independent study, excused, unexcused and out-of-school suspension days;
 * in-school suspension and ADA-generating independent study count as attended; a tardy is not an
 * absence (docs/rules.md section 1), though truancy counts tardies over 30 minutes (EC 48260).
 */
public enum AttendanceCategory {
    PRESENT("present", "Present in person", "13.16", false),
    TARDY("tardy", "Tardy or absent more than 30 minutes of the day, otherwise present", "13.16", false),
    EXCUSED("excused", "Absent, excused (EC 48205)", "13.19", true),
    UNEXCUSED("unexcused", "Absent without valid excuse", "13.20", true),
    SUSPENSION_OUT("suspension_out", "Out-of-school suspension", "13.17", true),
    SUSPENSION_IN("suspension_in", "In-school suspension (counts as attended)", "13.18", false),
    INDEPENDENT_STUDY("independent_study", "ADA-generating independent study", "13.22", false),
    INDEPENDENT_STUDY_NON_ADA("independent_study_non_ada", "Independent study that generates no ADA", "13.21", true);

    /** The categories counted as absences, in declaration order. */
    public static final java.util.List<AttendanceCategory> ABSENCES = Arrays.stream(values())
            .filter(AttendanceCategory::isAbsence).toList();

    private final String code;
    private final String label;
    private final String stasField;
    private final boolean absence;

    AttendanceCategory(String code, String label, String stasField, boolean absence) {
        this.code = code;
        this.label = label;
        this.stasField = stasField;
        this.absence = absence;
    }

    /** The value stored in {@code daily_attendance.category}. */
    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    /** The CALPADS STAS field (13.16–13.22) that days of this category are counted in. */
    public String stasField() {
        return stasField;
    }

    /** True where a day of this category is an absence in the chronic absenteeism numerator. */
    public boolean isAbsence() {
        return absence;
    }

    public static Optional<AttendanceCategory> fromCode(String code) {
        return Arrays.stream(values()).filter(c -> c.code.equalsIgnoreCase(code)).findFirst();
    }
}
