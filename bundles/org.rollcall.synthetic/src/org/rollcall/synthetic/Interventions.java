package org.rollcall.synthetic;

import java.time.LocalDate;
import java.time.Month;

/**
 * The interventions the synthetic district ran, with their planted effects (documented in README.md and in
 * workspace_info as truth.* facts so that ROI analyses can be checked against them).
 */
final class Interventions {

    static final int NUDGE_LETTER = 1;
    static final int MENTORING = 2;

    /** Nudge letters go out on the first instructional day on or after October 15. */
    static final Month NUDGE_MONTH = Month.OCTOBER;
    static final int NUDGE_DAY = 15;
    /** Half of the students at risk (5% to under 10% absent to date, 20+ days enrolled) get the letter. */
    static final double NUDGE_SHARE = 0.5;
    /** The letter lowers the daily absence probability by 15% from its date (Rogers & Feller 2018 range). */
    static final double NUDGE_EFFECT = 0.85;

    /** Mentoring starts on the first instructional day on or after December 1. */
    static final Month MENTORING_MONTH = Month.DECEMBER;
    static final int MENTORING_DAY = 1;
    /** 30% of the students chronically absent to date (20+ days enrolled) are offered a mentor. */
    static final double MENTORING_SHARE = 0.3;
    /** Mentoring lowers the daily absence probability by 25% from its start. */
    static final double MENTORING_EFFECT = 0.75;

    static final double NUDGE_COST = 6.0;
    static final double MENTORING_COST = 450.0;

    private Interventions() {
    }

    static LocalDate nudgeDate(SchoolCalendar calendar) {
        return calendar.instructionalDays().get(calendar.indexOnOrAfter(
                LocalDate.of(calendar.startYear(), NUDGE_MONTH, NUDGE_DAY)));
    }

    static LocalDate mentoringDate(SchoolCalendar calendar) {
        return calendar.instructionalDays().get(calendar.indexOnOrAfter(
                LocalDate.of(calendar.startYear(), MENTORING_MONTH, MENTORING_DAY)));
    }
}
