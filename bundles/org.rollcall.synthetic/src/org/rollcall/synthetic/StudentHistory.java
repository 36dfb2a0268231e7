package org.rollcall.synthetic;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.rollcall.model.AttendanceCategory;
import org.rollcall.model.EnrollmentType;
import org.rollcall.model.Grade;
import org.rollcall.model.SchoolLevel;

/**
 * Writes one student's whole history: the student record, enrollments year by year (with mid-year arrivals,
 * departures and transfers), every instructional day enrolled, interventions as the planted rules assign
 * them, program memberships, and yearly assessment scores. Everything comes from the student's own random
 * stream, so the order students are written in does not change them.
 */
final class StudentHistory {

    /** Scale-score points lost per percentage point of days absent (the planted outcome truth). */
    static final double OUTCOME_SLOPE = 4.0;
    static final double TRANSFER_SHARE = 0.03;
    static final double SECONDARY_SHARE = 0.01;

    private final long seed;
    private final List<SchoolCalendar> calendars;
    private final DistrictLayout layout;
    private final DistrictGenerator.Tables tables;
    private int nextEnrollmentId = 1;

    StudentHistory(long seed, List<SchoolCalendar> calendars, DistrictLayout layout, DistrictGenerator.Tables tables) {
        this.seed = seed;
        this.calendars = calendars;
        this.layout = layout;
        this.tables = tables;
    }

    void write(Population.Stay stay) throws SQLException {
        int id = stay.studentId();
        SplittableRandom random = new SplittableRandom(seed ^ (id * 0x9E3779B97F4A7C15L));
        StudentProfile profile = StudentProfile.draw(random, stay.firstGrade().number());
        SchoolCalendar first = calendars.get(stay.firstYear());
        LocalDate birth = LocalDate.of(first.startYear() - stay.firstGrade().number() - 6, 9, 2)
                .plusDays(random.nextInt(365));
        tables.students.add(id, String.format("%010d", 3_000_000_000L + id * 37L), "S" + (100_000 + id),
                Names.first(random), Names.last(random), birth, profile.gender(), profile.race());

        Map<SchoolLevel, DistrictLayout.School> home = new EnumMap<>(SchoolLevel.class);
        LocalDate firstDate = null;
        LocalDate lastDate = null;
        LocalDate reachedGradeSix = null;
        for (int year = stay.firstYear(); year <= stay.lastYear(); year++) {
            SchoolCalendar calendar = calendars.get(year);
            Grade grade = stay.grade(year);
            int last = calendar.instructionalDays().size() - 1;
            int entry = 0;
            int exit = last;
            if (stay.shortTerm()) {
                entry = 10 + random.nextInt(140);
                exit = Math.min(last, entry + 9 + random.nextInt(16));
            } else {
                if (year == stay.firstYear() && stay.arrivesMidYear()) {
                    entry = 20 + random.nextInt(130);
                }
                if (year == stay.lastYear() && stay.leavesMidYear()) {
                    exit = Math.min(last, entry + 10 + random.nextInt(Math.max(1, 170 - entry)));
                }
            }
            SchoolLevel level = SchoolLevel.serving(grade);
            List<DistrictLayout.School> choices = layout.schools(level);
            DistrictLayout.School school = home.computeIfAbsent(level, l -> choices.get(random.nextInt(choices.size())));
            YearTally tally = new YearTally(calendar);
            String type = (stay.shortTerm() ? EnrollmentType.SHORT_TERM : EnrollmentType.PRIMARY).calpadsCode();
            boolean transfers = !stay.shortTerm() && choices.size() > 1 && exit - entry > 60
                    && random.nextDouble() < TRANSFER_SHARE;
            if (transfers) {
                int move = entry + 20 + random.nextInt(exit - entry - 40);
                DistrictLayout.School next = other(choices, school, random);
                enrollAndAttend(id, calendar, year, grade, school, type, entry, move - 1, "TRANSFER", profile, random,
                        tally);
                home.put(level, next);
                school = next;
                entry = move;
            }
            String exitReason = exit < last ? "MOVED" : "YEAR_END";
            enrollAndAttend(id, calendar, year, grade, school, type, entry, exit, exitReason, profile, random, tally);
            if (grade.number() >= 6 && !stay.shortTerm() && random.nextDouble() < SECONDARY_SHARE) {
                // a concurrent secondary enrollment (a course or program at another secondary school, such as an
                // eighth grader's high-school math class): no daily attendance, which the primary school keeps
                List<DistrictLayout.School> secondary = new ArrayList<>(layout.schools(SchoolLevel.MIDDLE));
                secondary.addAll(layout.schools(SchoolLevel.HIGH));
                tables.enrollments.add(nextEnrollmentId++, id, other(secondary, school, random).code(), calendar.name(),
                        grade.code(), EnrollmentType.SECONDARY.calpadsCode(), calendar.instructionalDays().get(entry),
                        calendar.instructionalDays().get(exit), exitReason);
            }
            tally.writeParticipants(id, tables);
            writeOutcomes(id, calendar, grade, profile, tally, random);
            firstDate = firstDate == null ? calendar.instructionalDays().get(tally.firstIndex) : firstDate;
            lastDate = calendar.instructionalDays().get(exit);
            if (reachedGradeSix == null && grade.number() >= 6) {
                reachedGradeSix = calendar.instructionalDays().get(tally.firstIndex);
            }
        }
        writePrograms(id, profile, firstDate, lastDate, reachedGradeSix, random);
    }

    private static DistrictLayout.School other(List<DistrictLayout.School> choices, DistrictLayout.School current,
            SplittableRandom random) {
        DistrictLayout.School pick;
        do {
            pick = choices.get(random.nextInt(choices.size()));
        } while (pick.equals(current));
        return pick;
    }

    private void enrollAndAttend(int id, SchoolCalendar calendar, int year, Grade grade, DistrictLayout.School school,
            String type, int from, int to, String exitReason, StudentProfile profile, SplittableRandom random,
            YearTally tally) throws SQLException {
        List<LocalDate> days = calendar.instructionalDays();
        tables.enrollments.add(nextEnrollmentId++, id, school.code(), calendar.name(), grade.code(), type,
                days.get(from), days.get(to), exitReason);
        int gradeNumber = grade.number();
        double unexcusedShare = profile.unexcusedShare(gradeNumber);
        double suspensionShare = (gradeNumber >= 6 ? 0.03 : 0.01) * (profile.swd() ? 1.5 : 1);
        double tardy = Math.min(0.1, 0.02 * Math.sqrt(profile.propensity() / StudentProfile.MEDIAN_PROPENSITY));
        double inSchoolSuspension = gradeNumber >= 6 ? 0.003 : 0.0005;
        for (int index = from; index <= to; index++) {
            LocalDate day = days.get(index);
            tally.beforeDay(index, day, random);
            AttendanceCategory category;
            if (random.nextDouble() < AttendanceModel.probability(profile, gradeNumber, year, day, tally.effect())) {
                double kind = random.nextDouble();
                if (kind < suspensionShare) {
                    category = AttendanceCategory.SUSPENSION_OUT;
                } else if (kind < suspensionShare + 0.004) {
                    category = AttendanceCategory.INDEPENDENT_STUDY_NON_ADA;
                } else {
                    category = random.nextDouble() < unexcusedShare ? AttendanceCategory.UNEXCUSED
                            : AttendanceCategory.EXCUSED;
                }
            } else {
                double kind = random.nextDouble();
                if (kind < tardy) {
                    category = AttendanceCategory.TARDY;
                } else if (kind < tardy + inSchoolSuspension) {
                    category = AttendanceCategory.SUSPENSION_IN;
                } else if (kind < tardy + inSchoolSuspension + 0.003) {
                    category = AttendanceCategory.INDEPENDENT_STUDY;
                } else {
                    category = AttendanceCategory.PRESENT;
                }
            }
            tally.afterDay(category);
            LocalCodes.Code code = LocalCodes.pick(category, random);
            tables.days.add(id, school.code(), day, category.code(), code.code(),
                    category == AttendanceCategory.TARDY ? 31 + random.nextInt(90) : null);
        }
    }

    /** ELA and math scale scores in grades 3-8 and 11 for students enrolled most of the year. */
    private void writeOutcomes(int id, SchoolCalendar calendar, Grade grade, StudentProfile profile, YearTally tally,
            SplittableRandom random) throws SQLException {
        int g = grade.number();
        if (!((g >= 3 && g <= 8) || g == 11) || tally.enrolled < 100) {
            return;
        }
        double absentPercent = 100.0 * tally.absent / tally.enrolled;
        double elaMean = g == 11 ? 2600 : 2410 + 35 * (g - 3);
        double mathMean = g == 11 ? 2570 : 2415 + 40 * (g - 3);
        for (String measure : List.of("ELA_SCALE_SCORE", "MATH_SCALE_SCORE")) {
            double mean = measure.startsWith("ELA") ? elaMean : mathMean;
            double score = mean + 85 * profile.ability() - OUTCOME_SLOPE * absentPercent + 30 * random.nextGaussian();
            tables.outcomes.add(id, calendar.name(), measure, grade.code(), (double) Math.round(score));
        }
    }

    private void writePrograms(int id, StudentProfile profile, LocalDate first, LocalDate last,
            LocalDate reachedGradeSix, SplittableRandom random) throws SQLException {
        long span = Math.max(1, last.toEpochDay() - first.toEpochDay());
        if (profile.sed()) {
            tables.programs.add(id, "SED", first, null);
        }
        if (profile.el()) {
            // about one English learner in eight is reclassified fluent during the years generated
            LocalDate reclassified = random.nextDouble() < 0.125 ? first.plusDays(random.nextLong(span)) : null;
            tables.programs.add(id, "EL", first, reclassified);
            if (reachedGradeSix != null && (reclassified == null || reclassified.isAfter(reachedGradeSix))
                    && random.nextDouble() < 0.45) {
                tables.programs.add(id, "LTEL", reachedGradeSix, reclassified);
            }
        }
        if (profile.swd()) {
            tables.programs.add(id, "SWD", first, null);
        }
        if (profile.foster()) {
            tables.programs.add(id, "FOS", random.nextBoolean() ? first : first.plusDays(random.nextLong(span)), null);
        }
        if (profile.homeless()) {
            LocalDate start = random.nextBoolean() ? first : first.plusDays(random.nextLong(span));
            tables.programs.add(id, "HOM", start, random.nextDouble() < 0.3 ? last : null);
        }
    }

    /**
     * A student's days enrolled and absent so far in one year, across schools (the district level), and the
     * interventions the planted rules give them on their dates.
     */
    private static final class YearTally {
        final SchoolCalendar calendar;
        final LocalDate nudgeDate;
        final LocalDate mentoringDate;
        int firstIndex = -1;
        int enrolled;
        int absent;
        LocalDate nudgedOn;
        LocalDate nudgeControlFrom;
        LocalDate mentoredFrom;
        LocalDate lastDay;

        YearTally(SchoolCalendar calendar) {
            this.calendar = calendar;
            this.nudgeDate = Interventions.nudgeDate(calendar);
            this.mentoringDate = Interventions.mentoringDate(calendar);
        }

        void beforeDay(int index, LocalDate day, SplittableRandom random) {
            if (firstIndex < 0) {
                firstIndex = index;
            }
            lastDay = day;
            if (day.equals(nudgeDate) && enrolled >= 20 && 100L * absent >= 5L * enrolled
                    && 100L * absent < 10L * enrolled) {
                // the district randomizes the eligible: the other half is its recorded control group
                if (random.nextDouble() < Interventions.NUDGE_SHARE) {
                    nudgedOn = day;
                } else {
                    nudgeControlFrom = day;
                }
            }
            if (day.equals(mentoringDate) && enrolled >= 20 && 100L * absent >= 10L * enrolled
                    && random.nextDouble() < Interventions.MENTORING_SHARE) {
                mentoredFrom = day;
            }
        }

        void afterDay(AttendanceCategory category) {
            enrolled++;
            if (category.isAbsence()) {
                absent++;
            }
        }

        double effect() {
            return (nudgedOn != null ? Interventions.NUDGE_EFFECT : 1) * (mentoredFrom != null
                    ? Interventions.MENTORING_EFFECT : 1);
        }

        void writeParticipants(int id, DistrictGenerator.Tables tables) throws SQLException {
            if (nudgedOn != null) {
                tables.participants.add(Interventions.NUDGE_LETTER, id, calendar.name(), nudgedOn, nudgedOn);
            }
            if (mentoredFrom != null) {
                tables.participants.add(Interventions.MENTORING, id, calendar.name(), mentoredFrom, lastDay);
            }
            if (nudgeControlFrom != null) {
                tables.controls.add(Interventions.NUDGE_LETTER, id, calendar.name(), nudgeControlFrom);
            }
        }
    }
}
