package org.rollcall.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * The California School Dashboard student groups (docs/rules.md section 3; cde.ca.gov/ta/ac/cm/chronic24.asp).
 * Race/ethnicity groups come from {@code students.race_ethnicity}; program groups from dated
 * {@code student_programs} rows.
 */
public enum StudentGroup {
    ALL("All students", Kind.ALL),
    AA("African American", Kind.RACE),
    AI("American Indian or Alaska Native", Kind.RACE),
    AS("Asian", Kind.RACE),
    FI("Filipino", Kind.RACE),
    HI("Hispanic", Kind.RACE),
    PI("Pacific Islander", Kind.RACE),
    WH("White", Kind.RACE),
    MR("Two or more races", Kind.RACE),
    EL("English learners", Kind.PROGRAM),
    LTEL("Long-term English learners", Kind.PROGRAM),
    SED("Socioeconomically disadvantaged", Kind.PROGRAM),
    SWD("Students with disabilities", Kind.PROGRAM),
    FOS("Foster youth", Kind.PROGRAM),
    HOM("Homeless youth", Kind.PROGRAM);

    /** Where membership in a group is recorded. */
    public enum Kind { ALL, RACE, PROGRAM }

    private final String label;
    private final Kind kind;

    StudentGroup(String label, Kind kind) {
        this.label = label;
        this.kind = kind;
    }

    public String label() {
        return label;
    }

    public Kind kind() {
        return kind;
    }

    public static Optional<StudentGroup> fromCode(String code) {
        return Arrays.stream(values()).filter(g -> g.name().equalsIgnoreCase(code)).findFirst();
    }
}
