package org.rollcall.ui;

import java.nio.file.Path;
import java.sql.Connection;

import org.eclipse.swt.graphics.Point;
import org.eclipse.ui.application.ActionBarAdvisor;
import org.eclipse.ui.application.IActionBarConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;

/** Sizes the window, shows progress and status, and names the open workspace in the title. */
final class RollCallWindowAdvisor extends WorkbenchWindowAdvisor {

    private final WorkspaceSession.Listener titleUpdater = this::showTitle;

    RollCallWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
        super(configurer);
    }

    @Override
    public ActionBarAdvisor createActionBarAdvisor(IActionBarConfigurer configurer) {
        return new RollCallActionBarAdvisor(configurer);
    }

    @Override
    public void preWindowOpen() {
        IWorkbenchWindowConfigurer configurer = getWindowConfigurer();
        configurer.setInitialSize(new Point(1400, 900));
        configurer.setShowStatusLine(true);
        configurer.setShowProgressIndicator(true);
        configurer.setShowCoolBar(false);
        configurer.setTitle("RollCall");
        WorkspaceSession.get().addListener(titleUpdater);
    }

    private void showTitle(Path workspace, Connection connection) {
        getWindowConfigurer().getWindow().getShell().getDisplay().asyncExec(() ->
                getWindowConfigurer().setTitle("RollCall - " + workspace.getFileName()));
    }

    @Override
    public void dispose() {
        WorkspaceSession.get().removeListener(titleUpdater);
        super.dispose();
    }
}
