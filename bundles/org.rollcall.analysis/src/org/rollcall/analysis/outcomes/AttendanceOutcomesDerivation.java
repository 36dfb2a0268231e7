package org.rollcall.analysis.outcomes;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.rollcall.model.Table;
import org.rollcall.rules.Privacy;
import org.rollcall.rules.AttendanceTier;
import org.rollcall.rules.CellSuppression.Reason;
import org.rollcall.store.spi.Derivation;
import org.rollcall.store.spi.DerivationProgress;

/**
 * Attendance against outcomes (issue "Did it work?", docs/rules.md section 9), computed after every import: outcomes
 * by attendance tier, the correlations and slopes of each measure on the share of days absent, a binned scatter, and
 * third-grade proficiency by chronic absence in kindergarten and first grade. Reads only what a district records
 * (outcomes, attendance, student groups, cut scores); every number is an association and is labelled so.
 */
public final class AttendanceOutcomesDerivation implements Derivation {

    /** Bins of the binned scatter. */
    static final int BINS = 20;

    @Override
    public String name() {
        return "attendance-outcomes";
    }

    @Override
    public List<Table> tables() {
        return OutcomeTables.ALL;
    }

    @Override
    public void fill(Connection connection, DerivationProgress progress) throws SQLException {
        Map<OutcomeData.Key, List<StudentOutcome>> data = OutcomeData.read(connection);
        long done = 0;
        try (TableRows association = new TableRows(connection, OutcomeTables.ATTENDANCE_OUTCOME_ASSOCIATION);
                TableRows tiers = new TableRows(connection, OutcomeTables.OUTCOMES_BY_ATTENDANCE_TIER);
                TableRows bins = new TableRows(connection, OutcomeTables.ATTENDANCE_OUTCOME_BINS)) {
            for (Map.Entry<OutcomeData.Key, List<StudentOutcome>> entry : data.entrySet()) {
                progress.report("relating outcomes to attendance", done++, data.size());
                OutcomeData.Key key = entry.getKey();
                List<StudentOutcome> students = entry.getValue();
                association(association, key, students);
                tiers(tiers, key, students);
                bins(bins, key, students);
            }
        }
        try (TableRows early = new TableRows(connection, OutcomeTables.EARLY_CHRONIC_ABSENCE_GRADE3)) {
            earlyYears(early, data, OutcomeData.earlyYears(connection));
        }
        progress.report("relating outcomes to attendance", data.size(), data.size());
    }

    private static void association(TableRows rows, OutcomeData.Key key, List<StudentOutcome> students)
            throws SQLException {
        int n = students.size();
        Association a = n > Privacy.LARGEST_SUPPRESSED_GROUP ? Association.of(students) : null;
        if (a == null) {
            rows.add(key.measure(), key.schoolYear(), null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null, null, null, Association.method(0), OutcomeTables.ASSOCIATION_NOT_EFFECT,
                    true);
            return;
        }
        rows.add(key.measure(), key.schoolYear(), n, a.schools(), a.meanAbsence(), a.meanValue(), a.pearson(),
                a.pearsonInterval().low(), a.pearsonInterval().high(), a.spearman(), a.spearmanInterval().low(),
                a.spearmanInterval().high(), a.raw().slope(), a.raw().interval().low(), a.raw().interval().high(),
                a.adjusted().slope(), a.adjusted().interval().low(), a.adjusted().interval().high(),
                Association.method(a.schools()), OutcomeTables.ASSOCIATION_NOT_EFFECT, false);
    }

    private static void tiers(TableRows rows, OutcomeData.Key key, List<StudentOutcome> students) throws SQLException {
        Map<AttendanceTier, List<StudentOutcome>> byTier = new TreeMap<>();
        for (AttendanceTier tier : AttendanceTier.values()) {
            byTier.put(tier, new ArrayList<>());
        }
        students.forEach(s -> byTier.get(s.tier()).add(s));
        List<long[]> cells = new ArrayList<>();
        for (List<StudentOutcome> tier : byTier.values()) {
            cells.add(new long[] {tier.size(), tier.stream().filter(StudentOutcome::meetsCutScore).count()});
        }
        long[] total = {students.size(), students.stream().filter(StudentOutcome::meetsCutScore).count()};
        List<Reason> withheld = PublishedCells.withheld(total, cells);
        int index = 0;
        for (Map.Entry<AttendanceTier, List<StudentOutcome>> tier : byTier.entrySet()) {
            Reason reason = withheld.get(index);
            List<StudentOutcome> in = tier.getValue();
            SummaryStatistics values = new SummaryStatistics();
            in.forEach(s -> values.addValue(s.value()));
            Intervals.Interval mean = Intervals.mean(values.getMean(), values.getStandardDeviation(), in.size());
            long withCut = in.stream().filter(StudentOutcome::hasCutScore).count();
            long meeting = cells.get(index)[1];
            Intervals.Interval share = Intervals.wilsonPercent(meeting, withCut);
            List<Object> numbers = withCut == 0
                    ? java.util.Arrays.asList(in.size(), values.getMean(), mean.low(), mean.high(), null, null, null,
                            null, null)
                    : List.of(in.size(), values.getMean(), mean.low(), mean.high(), withCut, meeting,
                            100.0 * meeting / withCut, share.low(), share.high());
            List<Object> row = new ArrayList<>(List.of(key.measure(), key.schoolYear(), tier.getKey().label(),
                    tier.getKey().ordinal() + 1));
            row.addAll(TableRows.shown(reason != null, numbers));
            rows.add(row, reason);
            index++;
        }
    }

    private static void bins(TableRows rows, OutcomeData.Key key, List<StudentOutcome> students) throws SQLException {
        List<StudentOutcome> sorted = students.stream().sorted(Comparator.comparingDouble(StudentOutcome::absenceRate)
                .thenComparingLong(StudentOutcome::studentId)).toList();
        int n = sorted.size();
        int bins = Math.min(BINS, n);
        List<List<StudentOutcome>> cells = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            cells.add(sorted.subList((int) ((long) b * n / bins), (int) ((long) (b + 1) * n / bins)));
        }
        List<Reason> withheld = PublishedCells.withheld(new long[] {n, 0},
                cells.stream().map(c -> new long[] {c.size(), 0}).toList());
        for (int b = 0; b < bins; b++) {
            List<StudentOutcome> cell = cells.get(b);
            Reason reason = withheld.get(b);
            double absence = cell.stream().mapToDouble(StudentOutcome::absenceRate).average().orElse(Double.NaN);
            double value = cell.stream().mapToDouble(StudentOutcome::value).average().orElse(Double.NaN);
            List<Object> row = new ArrayList<>(List.of(key.measure(), key.schoolYear(), b + 1));
            row.addAll(TableRows.shown(reason != null, List.of(cell.size(), absence, value)));
            rows.add(row, reason);
        }
    }

    /**
     * Third graders of each year whose kindergarten and first-grade years (the latest of each before the grade-3 year,
     * for a student who repeated one) are both in the workspace, by how many of the two were chronically absent.
     */
    private static void earlyYears(TableRows rows, Map<OutcomeData.Key, List<StudentOutcome>> data,
            Map<Long, List<OutcomeData.EarlyYear>> early) throws SQLException {
        String[] names = {"NEITHER", "ONE", "BOTH"};
        for (Map.Entry<OutcomeData.Key, List<StudentOutcome>> entry : data.entrySet()) {
            String year = entry.getKey().schoolYear();
            long[][] cells = new long[3][2];
            for (StudentOutcome s : entry.getValue()) {
                if (!"03".equals(s.grade()) || !s.hasCutScore()) {
                    continue;
                }
                Map<String, OutcomeData.EarlyYear> latest = early.getOrDefault(s.studentId(), List.of()).stream()
                        .filter(e -> e.schoolYear().compareTo(year) < 0)
                        .collect(Collectors.toMap(OutcomeData.EarlyYear::grade, e -> e,
                                (x, y) -> x.schoolYear().compareTo(y.schoolYear()) >= 0 ? x : y));
                if (latest.size() < 2) {
                    continue;
                }
                int chronic = (int) latest.values().stream().filter(OutcomeData.EarlyYear::chronic).count();
                cells[chronic][0]++;
                if (s.meetsCutScore()) {
                    cells[chronic][1]++;
                }
            }
            long total = cells[0][0] + cells[1][0] + cells[2][0];
            if (total == 0) {
                continue;
            }
            List<Reason> withheld = PublishedCells.withheld(
                    new long[] {total, cells[0][1] + cells[1][1] + cells[2][1]}, List.of(cells));
            for (int chronic = 2; chronic >= 0; chronic--) {
                Reason reason = withheld.get(chronic);
                long n = cells[chronic][0];
                long meeting = cells[chronic][1];
                Intervals.Interval share = Intervals.wilsonPercent(meeting, n);
                List<Object> row = new ArrayList<>(List.of(entry.getKey().measure(), year, chronic, names[chronic]));
                row.addAll(TableRows.shown(reason != null, java.util.Arrays.asList(n, meeting,
                        n == 0 ? null : 100.0 * meeting / n, share.low(), share.high())));
                rows.add(row, reason);
            }
        }
    }
}
