package org.rollcall.synthetic;

import java.nio.file.Path;
import java.time.LocalDate;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.rollcall.model.CanonicalSchema;
import org.rollcall.store.BatchWriter;
import org.rollcall.store.Workspace;

/**
 * Generates a synthetic district into a new workspace, deterministically from {@link GeneratorSettings}:
 * the same settings always give the same rows. Students are generated one at a time and their days streamed
 * to the store, so a 100,000-student district needs no more memory than a small one.
 */
public final class DistrictGenerator {

    static final String VERSION = "1";

    private final GeneratorSettings settings;
    private final GenerationProgress progress;
    private final List<SchoolCalendar> calendars = new ArrayList<>();
    private final DistrictLayout layout;

    private DistrictGenerator(GeneratorSettings settings, GenerationProgress progress) {
        this.settings = settings;
        this.progress = progress;
        for (int year = 0; year < settings.years(); year++) {
            calendars.add(new SchoolCalendar(settings.firstSchoolYearStart() + year));
        }
        this.layout = new DistrictLayout(settings.students());
    }

    /** Writes the district to {@code out}; the file appears only once it is complete. */
    public static void generate(GeneratorSettings settings, Path out, GenerationProgress progress) {
        DistrictGenerator generator = new DistrictGenerator(settings, progress);
        Workspace.build(out, generator::fill);
    }

    private void fill(Workspace workspace) throws SQLException {
        writeReferenceData(workspace);
        List<Population.Stay> stays = new Population(settings).stays();
        try (Tables tables = new Tables(workspace)) {
            StudentHistory history = new StudentHistory(settings.seed(), calendars, layout, tables);
            long done = 0;
            for (Population.Stay stay : stays) {
                history.write(stay);
                if (++done % 250 == 0 || done == stays.size()) {
                    progress.update("Generating students", done, stays.size());
                }
            }
        }
        progress.update("Summarizing attendance", 0, 1);
    }

    private void writeReferenceData(Workspace workspace) throws SQLException {
        try (BatchWriter w = workspace.writer(CanonicalSchema.DISTRICTS)) {
            w.add(DistrictLayout.DISTRICT_CODE, DistrictLayout.DISTRICT_NAME, DistrictLayout.COUNTY_CODE,
                    DistrictLayout.COUNTY_NAME);
        }
        try (BatchWriter w = workspace.writer(CanonicalSchema.SCHOOLS)) {
            for (DistrictLayout.School school : layout.all()) {
                w.add(school.code(), DistrictLayout.DISTRICT_CODE, school.name(), school.level().name(),
                        school.level().lowGrade().code(), school.level().highGrade().code());
            }
        }
        try (BatchWriter years = workspace.writer(CanonicalSchema.SCHOOL_YEARS);
                BatchWriter days = workspace.writer(CanonicalSchema.CALENDAR_DAYS)) {
            for (SchoolCalendar calendar : calendars) {
                years.add(calendar.name(), LocalDate.of(calendar.startYear(), 7, 1),
                        LocalDate.of(calendar.startYear() + 1, 6, 30), calendar.firstDay(),
                        calendar.lastDay());
                TreeMap<LocalDate, Object[]> rows = new TreeMap<>();
                for (LocalDate day : calendar.instructionalDays()) {
                    rows.put(day, new Object[] {day, calendar.name(), 1, "INSTRUCTIONAL", null});
                }
                for (Map.Entry<LocalDate, SchoolCalendar.DayOff> off : calendar.daysOff().entrySet()) {
                    rows.put(off.getKey(), new Object[] {off.getKey(), calendar.name(), 0, off.getValue().type(),
                        off.getValue().description()});
                }
                for (Object[] row : rows.values()) {
                    days.add(row);
                }
            }
        }
        try (BatchWriter w = workspace.writer(CanonicalSchema.ATTENDANCE_CODES)) {
            for (LocalCodes.Code code : LocalCodes.TABLE) {
                w.add(code.code(), code.description(), code.category().code(), code.excusedReason());
            }
        }
        try (BatchWriter w = workspace.writer(CanonicalSchema.INTERVENTIONS)) {
            w.add(Interventions.NUDGE_LETTER, "Attendance nudge letter", "NUDGE_LETTER", Interventions.NUDGE_COST,
                    "A mailed letter to families of students at risk, showing the student's absences beside "
                            + "their classmates'; randomized to half of the at-risk students.");
            w.add(Interventions.MENTORING, "Attendance mentoring", "MENTORING", Interventions.MENTORING_COST,
                    "Weekly check-ins with an adult mentor for chronically absent students.");
        }
        workspace.putInfo("generator.name", "RollCall synthetic district");
        workspace.putInfo("generator.version", VERSION);
        workspace.putInfo("generator.seed", Long.toString(settings.seed()));
        workspace.putInfo("generator.students", Integer.toString(settings.students()));
        workspace.putInfo("generator.years", Integer.toString(settings.years()));
        workspace.putInfo("generator.first_school_year", calendars.get(0).name());
        workspace.putInfo("truth.nudge_letter", "randomized: " + (int) (Interventions.NUDGE_SHARE * 100)
                + "% of students at 5% to under 10% absent to date (20+ days enrolled) on the first instructional day "
                + "on or after October 15; daily absence probability x" + Interventions.NUDGE_EFFECT + " from then on");
        workspace.putInfo("truth.mentoring", (int) (Interventions.MENTORING_SHARE * 100)
                + "% of students chronically absent to date (20+ days enrolled) on the first instructional day on or "
                + "after December 1; daily absence probability x" + Interventions.MENTORING_EFFECT + " from then on");
        workspace.putInfo("truth.outcome_slope", "-" + StudentHistory.OUTCOME_SLOPE
                + " scale-score points per percentage point of days absent in the year");
        workspace.putInfo("truth.year_over_year", "daily absence probability x" + AttendanceModel.YEAR_OVER_YEAR
                + " each year after the first");
    }

    /** The writers of the per-student tables, open together while students are generated. */
    static final class Tables implements AutoCloseable {
        final BatchWriter students;
        final BatchWriter programs;
        final BatchWriter enrollments;
        final BatchWriter days;
        final BatchWriter participants;
        final BatchWriter controls;
        final BatchWriter outcomes;

        Tables(Workspace workspace) throws SQLException {
            students = workspace.writer(CanonicalSchema.STUDENTS);
            programs = workspace.writer(CanonicalSchema.STUDENT_PROGRAMS);
            enrollments = workspace.writer(CanonicalSchema.ENROLLMENTS);
            days = workspace.writer(CanonicalSchema.DAILY_ATTENDANCE);
            participants = workspace.writer(CanonicalSchema.INTERVENTION_PARTICIPANTS);
            controls = workspace.writer(CanonicalSchema.INTERVENTION_CONTROLS);
            outcomes = workspace.writer(CanonicalSchema.OUTCOMES);
        }

        @Override
        public void close() throws SQLException {
            for (BatchWriter writer : List.of(students, programs, enrollments, days, participants, controls, outcomes)) {
                writer.close();
            }
        }
    }
}
