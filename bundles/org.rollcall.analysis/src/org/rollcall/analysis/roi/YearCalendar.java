package org.rollcall.analysis.roi;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One school year's instructional days, indexed 0..n-1, with the P-2 window's end and the month boundaries. */
final class YearCalendar {

    /** P-2 counts attendance from July 1 to April 15 (docs/rules.md section 7). */
    static final MonthDay P2_END = MonthDay.of(4, 15);

    final String name;
    final LocalDate start;
    final List<LocalDate> days;
    final Map<String, Integer> index = new HashMap<>();
    /** Number of instructional days inside the P-2 window: days with index below this count. */
    final int p2Days;

    YearCalendar(String name, LocalDate start, List<LocalDate> days) {
        this.name = name;
        this.start = start;
        this.days = List.copyOf(days);
        for (int i = 0; i < days.size(); i++) {
            index.put(days.get(i).toString(), i);
        }
        LocalDate p2 = P2_END.atYear(start.getYear() + 1);
        int count = 0;
        for (LocalDate day : days) {
            if (!day.isAfter(p2)) {
                count++;
            }
        }
        this.p2Days = count;
    }

    int size() {
        return days.size();
    }

    /** The first instructional day on or after {@code date}, or -1 when there is none this year. */
    int onOrAfter(LocalDate date) {
        int i = Collections.binarySearch(days, date);
        int at = i >= 0 ? i : -i - 1;
        return at < days.size() ? at : -1;
    }

    /** Indexes where each calendar month's instructional days begin, with size() at the end. */
    List<Integer> monthStarts() {
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            if (i == 0 || days.get(i).getMonthValue() != days.get(i - 1).getMonthValue()) {
                starts.add(i);
            }
        }
        starts.add(days.size());
        return starts;
    }
}
