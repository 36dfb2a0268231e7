package org.rollcall.analysis.outcomes;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.rollcall.rules.CellSuppression;
import org.rollcall.rules.CellSuppression.Reason;

/**
 * Which cells of a published breakdown (tiers, bins, K-1 groups) must be withheld: 10 or fewer students, and the
 * cells that would give such a cell away by subtraction from the total (docs/suppression.md, {@link CellSuppression}).
 */
final class PublishedCells {

    private PublishedCells() {
    }

    /**
     * @param total the students of the whole breakdown and a count among them (meeting a cut score, or 0)
     * @param cells each cell's students and count
     * @return each cell's reason to be withheld, or null where it is published
     */
    static List<Reason> withheld(long[] total, List<long[]> cells) {
        List<CellSuppression.Cell> all = new ArrayList<>();
        all.add(new CellSuppression.Cell(total[0], total[1]));
        for (long[] cell : cells) {
            all.add(new CellSuppression.Cell(cell[0], cell[1]));
        }
        List<Integer> parts = IntStream.rangeClosed(1, cells.size()).boxed().toList();
        List<Reason> reasons = CellSuppression.suppress(all, List.of(new CellSuppression.Partition(0, parts)), true);
        return reasons.subList(1, reasons.size());
    }
}
