package org.rollcall.rules;

/**
 * Small-cell suppression for published outputs: a group of 10 or fewer students is never shown, as
 * DataQuest suppresses such cells with '*' (cde.ca.gov/ds/ad/fsabd.asp), and cells that would let a reader
 * compute one by subtraction are withheld with it ({@link CellSuppression}, docs/suppression.md).
 */
public final class Privacy {

    /** The largest group size that is suppressed. */
    public static final int LARGEST_SUPPRESSED_GROUP = 10;

    private Privacy() {
    }

    /**
     * {@code value} when the cell may be shown, else NULL, as SQL over the cell's suppression reason column
     * (NULL where the cell is published).
     */
    public static String sqlShown(String suppression, String value) {
        return "CASE WHEN " + suppression + " IS NULL THEN " + value + " END";
    }
}
