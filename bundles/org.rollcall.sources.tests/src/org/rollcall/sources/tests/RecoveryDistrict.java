package org.rollcall.sources.tests;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.rollcall.model.CanonicalSchema;
import org.rollcall.store.BatchWriter;
import org.rollcall.store.Workspace;

/**
 * The one-school district the Attendance Recovery tests build their students in: 100 weekday instructional days
 * of 2024-25 from August 19, Alder Elementary (TK-5), and the codes P, A (and I for independent study).
 */
final class RecoveryDistrict {

    static final String SCHOOL = "19647330000001";

    private RecoveryDistrict() {
    }

    /** The 100 instructional days of 2024-25. */
    static List<LocalDate> days() {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2024, 8, 19); days.size() < 100; d = d.plusDays(1)) {
            if (d.getDayOfWeek().getValue() <= 5) {
                days.add(d);
            }
        }
        return days;
    }

    /**
     * Writes the district, 2024-25 (and 2025-26, without instructional days, when {@code nextYear}), the calendar,
     * the school and the attendance codes (with independent study when {@code independentStudy}).
     */
    static void writeReference(Workspace w, List<LocalDate> days, boolean nextYear, boolean independentStudy)
            throws SQLException {
        try (BatchWriter t = w.writer(CanonicalSchema.DISTRICTS)) {
            t.add("1964733", "Recovery Unified", "19", "Los Angeles");
        }
        try (BatchWriter t = w.writer(CanonicalSchema.SCHOOL_YEARS)) {
            t.add("2024-25", LocalDate.of(2024, 7, 1), LocalDate.of(2025, 6, 30), days.get(0), days.get(99));
            if (nextYear) {
                t.add("2025-26", LocalDate.of(2025, 7, 1), LocalDate.of(2026, 6, 30), LocalDate.of(2025, 8, 18),
                        LocalDate.of(2026, 6, 4));
            }
        }
        try (BatchWriter t = w.writer(CanonicalSchema.CALENDAR_DAYS)) {
            for (LocalDate d : days) {
                t.add(d, "2024-25", 1, "INSTRUCTIONAL", null);
            }
        }
        try (BatchWriter t = w.writer(CanonicalSchema.SCHOOLS)) {
            t.add(SCHOOL, "1964733", "Alder Elementary", "ELEMENTARY", "TK", "05");
        }
        try (BatchWriter t = w.writer(CanonicalSchema.ATTENDANCE_CODES)) {
            t.add("P", "Present", "present", null);
            t.add("A", "Absent", "unexcused", null);
            if (independentStudy) {
                t.add("I", "Independent study", "independent_study", null);
            }
        }
    }
}
