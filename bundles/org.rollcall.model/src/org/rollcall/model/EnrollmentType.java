package org.rollcall.model;

/** CALPADS enrollment status: primary (10), secondary (20) and short-term (30) enrollments. */
public enum EnrollmentType {
    PRIMARY("10"), SECONDARY("20"), SHORT_TERM("30");

    private final String calpadsCode;

    EnrollmentType(String calpadsCode) {
        this.calpadsCode = calpadsCode;
    }

    /** The value stored in {@code enrollments.enrollment_type}. */
    public String calpadsCode() {
        return calpadsCode;
    }
}
