package org.rollcall.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * Primary and complementary suppression of published counts (docs/suppression.md). A cell of 10 or fewer
 * students is withheld (primary, {@link Privacy#LARGEST_SUPPRESSED_GROUP}); then, within every published total
 * and the cells that add up to it, the smallest published cells are withheld too (complementary) until no withheld
 * cell's students or counts can be computed from the total and the published cells. A total that is itself
 * withheld protects its cells; where withholding every cell is not enough, the total is withheld.
 */
public final class CellSuppression {

    /** Why a cell is withheld. */
    public enum Reason {
        /** The cell has 10 or fewer students. */
        PRIMARY,
        /** The cell is withheld so that a primary cell cannot be computed by subtraction. */
        COMPLEMENTARY
    }

    /**
     * One published cell: its students (which decide primary suppression) and further counts that add up over a
     * partition as the students do (chronically absent students, days absent).
     */
    public record Cell(long students, long... counts) {
    }

    /** A published total and the cells that add up to it, as indices into the cell list. */
    public record Partition(int total, List<Integer> parts) {

        public Partition {
            parts = List.copyOf(parts);
        }
    }

    private final List<Cell> cells;
    private final List<Partition> partitions;
    private final boolean countsAtMostStudents;
    private final Reason[] reasons;

    private CellSuppression(List<Cell> cells, List<Partition> partitions, boolean countsAtMostStudents) {
        this.cells = cells;
        this.partitions = partitions;
        this.countsAtMostStudents = countsAtMostStudents;
        this.reasons = new Reason[cells.size()];
    }

    /**
     * The reason each cell is withheld, or null where it may be published. {@code countsAtMostStudents} says that
     * no count of a cell exceeds its students (chronically absent students do; days do not).
     */
    public static List<Reason> suppress(List<Cell> cells, List<Partition> partitions, boolean countsAtMostStudents) {
        CellSuppression s = new CellSuppression(cells, partitions, countsAtMostStudents);
        s.run();
        return java.util.Arrays.asList(s.reasons);
    }

    private void run() {
        for (int i = 0; i < cells.size(); i++) {
            if (cells.get(i).students() <= Privacy.LARGEST_SUPPRESSED_GROUP) {
                reasons[i] = Reason.PRIMARY;
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Partition partition : partitions) {
                while (reasons[partition.total()] == null && recoverable(partition)) {
                    reasons[nextToWithhold(partition)] = Reason.COMPLEMENTARY;
                    changed = true;
                }
            }
        }
    }

    /** The smallest published cell of the partition (the earlier on a tie), or its total when none is left. */
    private int nextToWithhold(Partition partition) {
        int next = partition.total();
        for (int part : partition.parts()) {
            if (reasons[part] == null && (next == partition.total()
                    || cells.get(part).students() < cells.get(next).students())) {
                next = part;
            }
        }
        return next;
    }

    /** Whether the published total and cells determine the students or a count of some withheld cell. */
    private boolean recoverable(Partition partition) {
        List<Integer> withheld = new ArrayList<>();
        Cell total = cells.get(partition.total());
        long students = total.students();
        long[] counts = total.counts().clone();
        for (int part : partition.parts()) {
            Cell cell = cells.get(part);
            if (reasons[part] != null) {
                withheld.add(part);
                continue;
            }
            students -= cell.students();
            for (int k = 0; k < counts.length; k++) {
                counts[k] -= cell.counts()[k];
            }
        }
        if (withheld.isEmpty()) {
            return false;
        }
        if (withheld.size() == 1) {
            return true;
        }
        // What a reader knows of each withheld cell: a primary one has 1 to 10 students, a complementary one more.
        long[] low = new long[withheld.size()];
        long[] high = new long[withheld.size()];
        for (int i = 0; i < low.length; i++) {
            boolean primary = reasons[withheld.get(i)] == Reason.PRIMARY;
            low[i] = primary ? 1 : Privacy.LARGEST_SUPPRESSED_GROUP + 1;
            high[i] = primary ? Privacy.LARGEST_SUPPRESSED_GROUP : total.students();
        }
        if (determined(students, low, high)) {
            return true;
        }
        for (int k = 0; k < counts.length; k++) {
            if (total.counts()[k] == 0) {
                continue; // the total alone says every cell has none: withholding cells cannot hide that
            }
            long[] countHigh = new long[withheld.size()];
            for (int i = 0; i < countHigh.length; i++) {
                countHigh[i] = countsAtMostStudents ? high[i] : total.counts()[k];
            }
            if (determined(counts[k], new long[withheld.size()], countHigh)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether cells known to lie within [low, high] and to sum to {@code sum} leave some cell only one value: its
     * least is the sum less the others' highest, its most the sum less the others' least.
     */
    static boolean determined(long sum, long[] low, long[] high) {
        long lows = 0;
        long highs = 0;
        for (int i = 0; i < low.length; i++) {
            lows += low[i];
            highs += high[i];
        }
        for (int i = 0; i < low.length; i++) {
            long least = Math.max(low[i], sum - (highs - high[i]));
            long most = Math.min(high[i], sum - (lows - low[i]));
            if (least == most) {
                return true;
            }
        }
        return false;
    }
}
