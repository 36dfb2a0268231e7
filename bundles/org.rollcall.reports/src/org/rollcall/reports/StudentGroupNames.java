package org.rollcall.reports;

import java.util.Optional;

import org.rollcall.model.StudentGroup;

/**
 * The Dashboard student groups' names and order, for templates' scripts: a template finds it in the application
 * context under {@link ReportRunner#STUDENT_GROUPS} and calls {@code label(code)} and {@code order(code)}.
 */
public final class StudentGroupNames {

    /** "English learners (EL)"; an unknown code as it is. */
    public String label(String code) {
        Optional<StudentGroup> group = StudentGroup.fromCode(code);
        return group.map(g -> g.label() + " (" + g.name() + ")").orElse(code);
    }

    /** The group's place in the Dashboard's order (ALL first); unknown codes last. */
    public int order(String code) {
        return StudentGroup.fromCode(code).map(Enum::ordinal).orElse(StudentGroup.values().length);
    }
}
