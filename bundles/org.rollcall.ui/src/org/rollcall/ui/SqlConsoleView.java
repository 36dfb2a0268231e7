package org.rollcall.ui;

import java.sql.Connection;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IToolBarManager;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.ViewPart;

/**
 * Where the analyst writes SQL against the attendance schema. Ctrl+Enter or Run starts the query as a
 * background job; Cancel stops it in the engine.
 */
public class SqlConsoleView extends ViewPart {

    public static final String ID = "org.rollcall.ui.sqlConsole";

    private StyledText editor;
    private Label status;
    private QueryJob running;
    private Action runAction;
    private Action cancelAction;

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        editor = new StyledText(parent, SWT.MULTI | SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL);
        editor.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        Font mono = JFaceResources.getTextFont();
        editor.setFont(mono);
        editor.setText("select * from district_snapshot");
        editor.addListener(SWT.KeyDown, event -> {
            if (event.keyCode == SWT.CR && (event.stateMask & SWT.MOD1) != 0) {
                event.doit = false;
                runQuery();
            }
        });
        status = new Label(parent, SWT.NONE);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        status.setText("Open a workspace, write a query, press Ctrl+Enter.");

        runAction = new Action("Run") {
            @Override
            public void run() {
                runQuery();
            }
        };
        runAction.setToolTipText("Run the query (Ctrl+Enter)");
        cancelAction = new Action("Cancel") {
            @Override
            public void run() {
                cancelQuery();
            }
        };
        cancelAction.setEnabled(false);
        IToolBarManager toolbar = getViewSite().getActionBars().getToolBarManager();
        toolbar.add(runAction);
        toolbar.add(cancelAction);
    }

    public void setSql(String sql) {
        editor.setText(sql);
    }

    public String getSql() {
        return editor.getText();
    }

    /** Runs the console's query; what Run, Ctrl+Enter and a double-click in the explorer do. */
    public void runQuery() {
        Connection connection = WorkspaceSession.get().connection().orElse(null);
        if (connection == null) {
            MessageDialog.openInformation(getSite().getShell(), "No workspace open",
                    "Open a workspace first: File > Open Workspace...");
            return;
        }
        String selected = editor.getSelectionText();
        String sql = (selected.isBlank() ? editor.getText() : selected).strip();
        if (sql.endsWith(";")) {
            sql = sql.substring(0, sql.length() - 1);
        }
        if (sql.isEmpty()) {
            return;
        }
        cancelQuery();
        ResultsView results;
        try {
            results = (ResultsView) getSite().getPage().showView(ResultsView.ID, null,
                    org.eclipse.ui.IWorkbenchPage.VIEW_VISIBLE);
        } catch (PartInitException e) {
            throw new IllegalStateException(e);
        }
        QueryJob job = new QueryJob(connection, sql, result -> editor.getDisplay().asyncExec(() -> results.show(result)));
        job.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                editor.getDisplay().asyncExec(() -> finished(job, event.getResult()));
            }
        });
        running = job;
        runAction.setEnabled(false);
        cancelAction.setEnabled(true);
        status.setText("Running " + QueryJob.abbreviate(sql));
        job.schedule();
    }

    /** The status line under the editor: what the console is doing or how the last query ended. */
    public String getStatus() {
        return status.getText();
    }

    public void cancelQuery() {
        if (running != null) {
            running.cancel();
        }
    }

    private void finished(QueryJob job, IStatus result) {
        if (status.isDisposed() || job != running) {
            return;
        }
        running = null;
        runAction.setEnabled(true);
        cancelAction.setEnabled(false);
        status.setText(switch (result.getSeverity()) {
            case IStatus.OK -> "Done.";
            case IStatus.CANCEL -> "Cancelled.";
            default -> result.getMessage();
        });
    }

    @Override
    public void setFocus() {
        editor.setFocus();
    }
}
