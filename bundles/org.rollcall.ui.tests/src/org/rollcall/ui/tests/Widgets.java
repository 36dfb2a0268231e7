package org.rollcall.ui.tests;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;

/** Finds the widgets an analyst would look at, by what they show rather than by internals of the views. */
final class Widgets {

    private Widgets() {
    }

    /** The first visible control of {@code type} under {@code root} that passes {@code test}. */
    static <T extends Control> T find(Control root, Class<T> type, Predicate<T> test) {
        List<T> found = new ArrayList<>();
        collect(root, type, test, found);
        if (found.isEmpty()) {
            throw new AssertionError("no " + type.getSimpleName() + " as expected under " + root);
        }
        return found.get(0);
    }

    /** The texts of the labels under {@code root}, in order. */
    static List<String> labels(Control root) {
        List<Label> labels = new ArrayList<>();
        collect(root, Label.class, label -> !label.getText().isBlank(), labels);
        return labels.stream().map(Label::getText).toList();
    }

    private static <T extends Control> void collect(Control control, Class<T> type, Predicate<T> test, List<T> found) {
        if (type.isInstance(control) && control.isVisible() && test.test(type.cast(control))) {
            found.add(type.cast(control));
        }
        if (control instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                collect(child, type, test, found);
            }
        }
    }
}
