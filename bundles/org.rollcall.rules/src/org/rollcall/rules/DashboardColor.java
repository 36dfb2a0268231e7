package org.rollcall.rules;

/** Dashboard performance colors, worst to best. */
public enum DashboardColor {
    RED("Red"), ORANGE("Orange"), YELLOW("Yellow"), GREEN("Green"), BLUE("Blue");

    private final String label;

    DashboardColor(String label) {
        this.label = label;
    }

    /** The CDE's own label. */
    public String label() {
        return label;
    }

    /**
     * The five-by-five grid for chronic absenteeism (docs/rules.md section 3;
     * cde.ca.gov/ta/ac/cm/fivebyfivecolortables23.asp): rows are status levels, columns change levels.
     */
    private static final DashboardColor[][] GRID = {
        // Increased Sig.  Increased  Maintained  Declined  Declined Sig.
        {RED, RED, RED, ORANGE, YELLOW},          // Very High
        {RED, ORANGE, ORANGE, YELLOW, YELLOW},    // High
        {ORANGE, ORANGE, YELLOW, GREEN, GREEN},   // Medium
        {ORANGE, YELLOW, GREEN, GREEN, BLUE},     // Low
        {YELLOW, GREEN, BLUE, BLUE, BLUE},        // Very Low
    };

    public static DashboardColor of(DashboardStatus status, DashboardChange change) {
        return GRID[status.ordinal()][change.ordinal()];
    }
}
