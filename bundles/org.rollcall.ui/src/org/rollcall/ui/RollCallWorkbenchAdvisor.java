package org.rollcall.ui;

import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchAdvisor;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;

/** Opens the analyst perspective and, when asked on the command line, a workspace and a first query. */
final class RollCallWorkbenchAdvisor extends WorkbenchAdvisor {

    private final StartupArguments arguments;

    RollCallWorkbenchAdvisor(StartupArguments arguments) {
        this.arguments = arguments;
    }

    @Override
    public String getInitialWindowPerspectiveId() {
        return AnalystPerspective.ID;
    }

    @Override
    public WorkbenchWindowAdvisor createWorkbenchWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
        return new RollCallWindowAdvisor(configurer);
    }

    @Override
    public void postStartup() {
        arguments.workspace().ifPresent(file -> {
            OpenWorkspaceJob job = new OpenWorkspaceJob(file);
            arguments.sql().ifPresent(sql -> job.addJobChangeListener(new JobChangeAdapter() {
                @Override
                public void done(IJobChangeEvent event) {
                    if (event.getResult().isOK()) {
                        PlatformUI.getWorkbench().getDisplay().asyncExec(() -> runInConsole(sql));
                    }
                }
            }));
            job.schedule();
        });
    }

    private static void runInConsole(String sql) {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        try {
            SqlConsoleView console = (SqlConsoleView) page.showView(SqlConsoleView.ID);
            console.setSql(sql);
            console.runQuery();
        } catch (PartInitException e) {
            throw new IllegalStateException(e);
        }
    }
}
