package org.rollcall.synthetic;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One school year's instructional calendar: 180 instructional days from mid-August, with the usual
 * California holidays and breaks (Labor Day, Veterans Day, Thanksgiving week, two weeks of winter break,
 * Martin Luther King Jr. Day, Presidents' Day, a spring break week, Memorial Day).
 */
final class SchoolCalendar {

    static final int INSTRUCTIONAL_DAYS = 180;

    /** A weekday of the school year that is not instructional, and why. */
    record DayOff(String type, String description) {
    }

    private final String name;
    private final int startYear;
    private final List<LocalDate> instructionalDays = new ArrayList<>();
    private final Map<LocalDate, DayOff> daysOff = new LinkedHashMap<>();

    SchoolCalendar(int startYear) {
        this.startYear = startYear;
        this.name = startYear + "-" + String.format("%02d", (startYear + 1) % 100);
        Map<LocalDate, DayOff> closures = closures(startYear);
        LocalDate day = LocalDate.of(startYear, Month.AUGUST, 12).with(TemporalAdjusters.nextOrSame(DayOfWeek.WEDNESDAY));
        while (instructionalDays.size() < INSTRUCTIONAL_DAYS) {
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                DayOff off = closures.get(day);
                if (off == null) {
                    instructionalDays.add(day);
                } else {
                    daysOff.put(day, off);
                }
            }
            day = day.plusDays(1);
        }
    }

    private static Map<LocalDate, DayOff> closures(int year) {
        Map<LocalDate, DayOff> off = new LinkedHashMap<>();
        off.put(nth(year, Month.SEPTEMBER, DayOfWeek.MONDAY, 1), new DayOff("HOLIDAY", "Labor Day"));
        LocalDate veterans = LocalDate.of(year, Month.NOVEMBER, 11);
        veterans = switch (veterans.getDayOfWeek()) {
            case SATURDAY -> veterans.minusDays(1);
            case SUNDAY -> veterans.plusDays(1);
            default -> veterans;
        };
        off.put(veterans, new DayOff("HOLIDAY", "Veterans Day"));
        LocalDate thanksgiving = nth(year, Month.NOVEMBER, DayOfWeek.THURSDAY, 4);
        week(off, thanksgiving.minusDays(3), "Thanksgiving break");
        LocalDate winter = LocalDate.of(year, Month.DECEMBER, 22).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        week(off, winter, "Winter break");
        week(off, winter.plusWeeks(1), "Winter break");
        off.put(nth(year + 1, Month.JANUARY, DayOfWeek.MONDAY, 3), new DayOff("HOLIDAY", "Martin Luther King Jr. Day"));
        off.put(nth(year + 1, Month.FEBRUARY, DayOfWeek.MONDAY, 3), new DayOff("HOLIDAY", "Presidents' Day"));
        week(off, nth(year + 1, Month.APRIL, DayOfWeek.MONDAY, 1), "Spring break");
        off.put(LocalDate.of(year + 1, Month.MAY, 31).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)),
                new DayOff("HOLIDAY", "Memorial Day"));
        return off;
    }

    private static void week(Map<LocalDate, DayOff> off, LocalDate monday, String description) {
        for (int d = 0; d < 5; d++) {
            off.putIfAbsent(monday.plusDays(d), new DayOff("BREAK", description));
        }
    }

    private static LocalDate nth(int year, Month month, DayOfWeek weekday, int n) {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, weekday));
    }

    String name() {
        return name;
    }

    int startYear() {
        return startYear;
    }

    List<LocalDate> instructionalDays() {
        return instructionalDays;
    }

    Map<LocalDate, DayOff> daysOff() {
        return daysOff;
    }

    LocalDate firstDay() {
        return instructionalDays.get(0);
    }

    LocalDate lastDay() {
        return instructionalDays.get(instructionalDays.size() - 1);
    }

    /** The index of the first instructional day on or after {@code date}. */
    int indexOnOrAfter(LocalDate date) {
        for (int i = 0; i < instructionalDays.size(); i++) {
            if (!instructionalDays.get(i).isBefore(date)) {
                return i;
            }
        }
        return instructionalDays.size() - 1;
    }
}
