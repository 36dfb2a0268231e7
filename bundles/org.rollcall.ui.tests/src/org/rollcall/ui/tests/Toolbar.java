package org.rollcall.ui.tests;

import org.eclipse.jface.action.ActionContributionItem;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.action.IContributionItem;
import org.eclipse.ui.IViewPart;

/** Presses a view's toolbar buttons through the actions behind them, as a click would. */
final class Toolbar {

    private Toolbar() {
    }

    static void run(IViewPart view, String actionId) {
        IAction action = action(view, actionId);
        if (!action.isEnabled()) {
            throw new AssertionError(action.getText() + " is disabled");
        }
        action.run();
    }

    static boolean enabled(IViewPart view, String actionId) {
        return action(view, actionId).isEnabled();
    }

    private static IAction action(IViewPart view, String actionId) {
        IContributionItem item = view.getViewSite().getActionBars().getToolBarManager().find(actionId);
        if (!(item instanceof ActionContributionItem contribution)) {
            throw new AssertionError("no toolbar button " + actionId + " in " + view.getTitle());
        }
        return contribution.getAction();
    }
}
