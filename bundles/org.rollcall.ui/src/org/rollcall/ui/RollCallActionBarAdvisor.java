package org.rollcall.ui;

import java.nio.file.Path;

import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.actions.ActionFactory;
import org.eclipse.ui.application.ActionBarAdvisor;
import org.eclipse.ui.application.IActionBarConfigurer;

/** The File menu (Open Workspace..., Exit) and the Analysis menu, which opens each analysis view and Reports. */
final class RollCallActionBarAdvisor extends ActionBarAdvisor {

    private Action openWorkspace;
    private IAction exit;
    private final java.util.List<Action> analysisViews = new java.util.ArrayList<>();

    RollCallActionBarAdvisor(IActionBarConfigurer configurer) {
        super(configurer);
    }

    @Override
    protected void makeActions(IWorkbenchWindow window) {
        openWorkspace = new Action("&Open Workspace...") {
            @Override
            public void run() {
                FileDialog dialog = new FileDialog(window.getShell(), SWT.OPEN);
                dialog.setText("Open a RollCall workspace");
                dialog.setFilterExtensions(new String[] {"*.rollcall", "*"});
                dialog.setFilterNames(new String[] {"RollCall workspaces (*.rollcall)", "All files"});
                String chosen = dialog.open();
                if (chosen != null) {
                    OpenWorkspaceJob.open(Path.of(chosen));
                }
            }
        };
        openWorkspace.setId("org.rollcall.ui.openWorkspace");
        openWorkspace.setAccelerator(SWT.MOD1 | 'O');
        exit = ActionFactory.QUIT.create(window);
        register(exit);
        analysisViews.add(showView(window, "Intervention &ROI", RoiView.ID));
        analysisViews.add(showView(window, "Attendance and &Outcomes", OutcomesView.ID));
        analysisViews.add(showView(window, "Attendance Re&covery", RecoveryView.ID));
        analysisViews.add(showView(window, "R&eports", ReportsView.ID));
    }

    /** An action that brings a view forward, opening it in its place of the perspective. */
    private static Action showView(IWorkbenchWindow window, String label, String viewId) {
        Action action = new Action(label) {
            @Override
            public void run() {
                try {
                    window.getActivePage().showView(viewId);
                } catch (PartInitException e) {
                    org.eclipse.jface.dialogs.MessageDialog.openError(window.getShell(), "RollCall",
                            "Cannot open " + label.replace("&", "") + ": " + e.getMessage());
                }
            }
        };
        action.setId(viewId + ".show");
        return action;
    }

    @Override
    protected void fillMenuBar(IMenuManager menuBar) {
        MenuManager file = new MenuManager("&File", "file");
        file.add(openWorkspace);
        file.add(new Separator());
        file.add(exit);
        menuBar.add(file);
        MenuManager analysis = new MenuManager("&Analysis", "analysis");
        analysisViews.forEach(analysis::add);
        menuBar.add(analysis);
    }
}
