package org.rollcall.ui.tests;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;

/** Types keys through the display server, so key bindings are exercised as a real key press would be. */
final class Keyboard {

    private Keyboard() {
    }

    /** Presses {@code key} while holding {@code modifier} (e.g. {@code SWT.MOD1} and 'c' for Ctrl+C). */
    static void press(Display display, int modifier, char key) throws InterruptedException {
        post(display, SWT.KeyDown, modifier, '\0');
        post(display, SWT.KeyDown, 0, key);
        post(display, SWT.KeyUp, 0, key);
        post(display, SWT.KeyUp, modifier, '\0');
    }

    private static void post(Display display, int type, int keyCode, char character) throws InterruptedException {
        Event event = new Event();
        event.type = type;
        event.keyCode = keyCode;
        event.character = character;
        if (!display.post(event)) {
            throw new AssertionError("the display server refused a key event");
        }
        UiWait.pause(20);
    }
}
