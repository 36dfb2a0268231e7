package org.rollcall.ui.tests;

import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/** Reads and closes the dialog an action opens, as an analyst would read it and press OK. */
final class DialogWatcher {

    /** Something the test does that ends in a dialog. */
    interface Action {
        Object run() throws Exception;
    }

    private DialogWatcher() {
    }

    /** Runs {@code action}, waits for a dialog titled {@code title}, closes it and returns its text. */
    static String messageWhile(String title, Action action) throws Exception {
        Display display = Display.getCurrent();
        AtomicReference<String> message = new AtomicReference<>();
        // a modal dialog runs its own event loop, so only a timer can find and close it
        Runnable closer = new Runnable() {
            @Override
            public void run() {
                for (Shell shell : display.getShells()) {
                    if (title.equals(shell.getText()) && shell.isVisible()) {
                        message.set(String.join("\n", Widgets.labels(shell)));
                        shell.close();
                        return;
                    }
                }
                display.timerExec(50, this);
            }
        };
        display.timerExec(50, closer);
        try {
            action.run();
            UiWait.until("a dialog titled " + title, () -> message.get() != null);
        } finally {
            display.timerExec(-1, closer);
        }
        return message.get();
    }
}
