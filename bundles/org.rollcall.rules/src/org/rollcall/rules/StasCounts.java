package org.rollcall.rules;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.rollcall.model.AttendanceCategory;

/**
 * The CALPADS STAS day counts (docs/rules.md section 5, fields 13.16-13.22) as SQL aggregates over a daily category
 * column, in portable SQL (SQLite, PostgreSQL and Calcite alike), in the order of {@code attendance_summary}.
 */
public final class StasCounts {

    /** The STAS fields counted from daily categories, in {@code attendance_summary}'s column order. */
    private static final List<String> FIELDS = List.of("13.16", "13.17", "13.18", "13.19", "13.20", "13.21", "13.22");

    private StasCounts() {
    }

    /**
     * The aggregates for days_attended_in_person (13.16) through days_independent_study (13.22), then days_absent
     * (the STAS formula, docs/rules.md section 2: 13.17 + 13.19 + 13.20 + 13.21) and days_tardy.
     */
    public static List<String> aggregates(String categoryColumn) {
        List<String> sums = new java.util.ArrayList<>(FIELDS.stream()
                .map(field -> countOf(categoryColumn, c -> c.stasField().equals(field))).toList());
        sums.add(countOf(categoryColumn, AttendanceCategory::isAbsence));
        sums.add(countOf(categoryColumn, c -> c == AttendanceCategory.TARDY));
        return List.copyOf(sums);
    }

    private static String countOf(String categoryColumn, Predicate<AttendanceCategory> which) {
        return Arrays.stream(AttendanceCategory.values()).filter(which)
                .map(c -> "'" + c.code() + "'")
                .collect(Collectors.joining(", ", "SUM(CASE WHEN " + categoryColumn + " IN (", ") THEN 1 ELSE 0 END)"));
    }
}
