package org.rollcall.store;

/**
 * A named point where a process stops and waits to be killed, when the system property {@code rollcall.test.pauseAt}
 * names it: crash tests kill an import or a build there (docs/crash-recovery.md lists the points). Without the
 * property, or with another name in it, reaching a point does nothing.
 */
public final class PausePoint {

    /** The system property naming the point to pause at. */
    public static final String PROPERTY = "rollcall.test.pauseAt";

    private PausePoint() {
    }

    /** Stops here for good if {@link #PROPERTY} names {@code point}, after saying so on standard error. */
    public static void reach(String point) {
        if (!point.equals(System.getProperty(PROPERTY))) {
            return;
        }
        System.err.println();
        System.err.println("rollcall: paused at " + point + " (" + PROPERTY + ")");
        System.err.flush();
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // a test kills the process; an interrupt is not a reason to go on
            }
        }
    }
}
