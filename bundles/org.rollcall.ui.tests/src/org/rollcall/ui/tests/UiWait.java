package org.rollcall.ui.tests;

import java.util.function.BooleanSupplier;

import org.eclipse.swt.widgets.Display;

/** Waits on the UI thread the way an analyst waits: the event loop keeps running, so jobs can report back. */
final class UiWait {

    private static final long TIMEOUT_MILLIS = 120_000;

    private UiWait() {
    }

    /** Runs the event loop until {@code condition} holds; fails after two minutes. */
    static void until(String what, BooleanSupplier condition) throws InterruptedException {
        Display display = Display.getCurrent();
        long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            if (!display.readAndDispatch()) {
                Thread.sleep(10);
            }
        }
    }

    /** Runs the event loop for {@code millis}. */
    static void pause(long millis) throws InterruptedException {
        long until = System.currentTimeMillis() + millis;
        until("time to pass", () -> System.currentTimeMillis() >= until);
    }
}
