package org.rollcall.rules.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rollcall.rules.CellSuppression.Reason.COMPLEMENTARY;
import static org.rollcall.rules.CellSuppression.Reason.PRIMARY;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rollcall.rules.CellSuppression;
import org.rollcall.rules.CellSuppression.Cell;
import org.rollcall.rules.CellSuppression.Partition;

/** Primary and complementary suppression on small tables whose leaks can be worked out by hand. */
class CellSuppressionTest {

    @Test
    void aLonePrimaryCellTakesTheNextSmallestWithIt() {
        // the school: ALL 1,845 eligible / 584 chronic; PI 4 / 3 would be ALL less the rest
        List<Cell> cells = List.of(new Cell(1845, 584), new Cell(1200, 400), new Cell(400, 120), new Cell(141, 40),
                new Cell(100, 21), new Cell(4, 3));
        assertEquals(Arrays.asList(null, null, null, null, COMPLEMENTARY, PRIMARY),
                CellSuppression.suppress(cells, List.of(new Partition(0, List.of(1, 2, 3, 4, 5))), true));
    }

    @Test
    void twoPrimaryCellsNeedNoComplement() {
        List<Cell> cells = List.of(new Cell(60, 10), new Cell(50, 8), new Cell(6, 1), new Cell(4, 1));
        assertEquals(Arrays.asList(null, null, PRIMARY, PRIMARY),
                CellSuppression.suppress(cells, List.of(new Partition(0, List.of(1, 2, 3))), true));
    }

    @Test
    void aComplementSoSmallThatTheSumGivesBothAwayIsNotEnough() {
        // 1 + 11 = 12: a reader who knows a primary cell has 1-10 students and a complementary one 11 or more
        // finds both; the next cell must go as well
        List<Cell> cells = List.of(new Cell(112, 20), new Cell(1, 0), new Cell(11, 2), new Cell(100, 18));
        assertEquals(Arrays.asList(null, PRIMARY, COMPLEMENTARY, COMPLEMENTARY),
                CellSuppression.suppress(cells, List.of(new Partition(0, List.of(1, 2, 3))), true));
    }

    @Test
    void withheldCellsWithNoChronicStudentsBetweenThemDoNotHideIt() {
        // with the 5 and the 30 withheld, the total's 10 chronic students are all the published 40's: a reader
        // learns that the withheld cells have none, so the 40 goes too
        List<Cell> cells = List.of(new Cell(75, 10), new Cell(5, 0), new Cell(30, 0), new Cell(40, 10));
        assertEquals(Arrays.asList(null, PRIMARY, COMPLEMENTARY, COMPLEMENTARY),
                CellSuppression.suppress(cells, List.of(new Partition(0, List.of(1, 2, 3))), true));
    }

    @Test
    void aComplementInOnePartitionIsNotLeftAloneInTheNext() {
        // cells 0-2: a school's ALL, White, Pacific Islander; 3-5 the district's; 6 another school's White.
        // The school's White (complementary) is one of the district's two White cells: the other goes too.
        List<Cell> cells = List.of(new Cell(40, 5), new Cell(37, 4), new Cell(3, 1), new Cell(100, 12),
                new Cell(97, 11), new Cell(3, 1), new Cell(60, 7));
        List<Partition> partitions = List.of(new Partition(0, List.of(1, 2)), new Partition(4, List.of(1, 6)));
        assertEquals(Arrays.asList(null, COMPLEMENTARY, PRIMARY, null, null, PRIMARY, COMPLEMENTARY),
                CellSuppression.suppress(cells, partitions, true));
    }
}
