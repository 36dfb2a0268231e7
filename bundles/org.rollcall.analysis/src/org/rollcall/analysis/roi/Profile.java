package org.rollcall.analysis.roi;

import java.time.LocalDate;

import org.rollcall.rules.ChronicAbsence;

/**
 * A student as seen on one start date of one school year: what matching and balance use (school, level, LCFF grade
 * span, the Dashboard groups, prior interventions, year-to-date and prior-year absence rates) and the day counts
 * before and after that date the estimate is made of.
 */
final class Profile {

    static final int MINIMUM_DAYS_BEFORE = 20;

    final int student;
    final int start;
    final LocalDate startDate;
    final int school;
    final int level;
    final int grade;
    /** LCFF grade span: 0 K-3 (TK included), 1 4-6, 2 7-8, 3 9-12, 4 unknown. */
    final int span;
    final boolean el;
    final boolean sed;
    final boolean swd;
    final boolean foster;
    final boolean homeless;
    /** In another intervention that had started by this date (matched exactly: it changes attendance too). */
    final boolean otherIntervention;
    /** Which other interventions had started by this date, as a small number (0 for none). */
    final int otherInterventions;
    final boolean hasPrior;
    final double prior;
    final RoiData.StudentYear days;
    final int yearDays;
    final int p2Days;

    Profile(int student, int start, LocalDate startDate, int school, int level, int grade, boolean el, boolean sed,
            boolean swd, boolean foster, boolean homeless, int otherInterventions, Double prior,
            RoiData.StudentYear days, int yearDays, int p2Days) {
        this.student = student;
        this.start = start;
        this.startDate = startDate;
        this.school = school;
        this.level = level;
        this.grade = grade;
        this.span = grade == Integer.MIN_VALUE ? 4 : grade <= 3 ? 0 : grade <= 6 ? 1 : grade <= 8 ? 2 : 3;
        this.el = el;
        this.sed = sed;
        this.swd = swd;
        this.foster = foster;
        this.homeless = homeless;
        this.otherInterventions = otherInterventions;
        this.otherIntervention = otherInterventions != 0;
        this.hasPrior = prior != null;
        this.prior = prior == null ? 0 : prior;
        this.days = days;
        this.yearDays = yearDays;
        this.p2Days = p2Days;
    }

    int preDays() {
        return days.enrolled(0, start);
    }

    int preAbsent() {
        return days.absent(0, start);
    }

    int postDays() {
        return days.enrolled(start, yearDays);
    }

    int postAbsent() {
        return days.absent(start, yearDays);
    }

    /** Days enrolled from the start date to the end of the P-2 window (July 1-April 15). */
    int p2PostDays() {
        return p2Days > start ? days.enrolled(start, p2Days) : 0;
    }

    double ytdRate() {
        return (double) preAbsent() / preDays();
    }

    boolean chronicAtStart() {
        return ChronicAbsence.isChronic(preAbsent(), preDays());
    }

    boolean chronicAtYearEnd() {
        return ChronicAbsence.isChronic(days.absent(0, yearDays), days.enrolled(0, yearDays));
    }
}
