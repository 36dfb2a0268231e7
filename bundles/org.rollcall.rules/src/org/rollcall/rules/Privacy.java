package org.rollcall.rules;

/**
 * Small-cell suppression for published outputs: a group of 10 or fewer students is never shown, as
 * DataQuest suppresses such cells with '*' (domain.md section 3 and section 6).
 */
public final class Privacy {

    /** The largest group size that is suppressed. */
    public static final int LARGEST_SUPPRESSED_GROUP = 10;

    private Privacy() {
    }

    /** {@code value} when the group may be shown, else NULL, as SQL over an integer group-size expression. */
    public static String sqlShown(String groupSize, String value) {
        return "CASE WHEN " + groupSize + " > " + LARGEST_SUPPRESSED_GROUP + " THEN " + value + " END";
    }
}
