package org.rollcall.ui;

import java.sql.Connection;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IToolBarManager;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.ViewPart;

/**
 * Where the analyst writes SQL against the attendance schema. Ctrl+Enter or Run starts the query as a
 * background job; Cancel stops it in the engine.
 */
public class SqlConsoleView extends ViewPart {

    public static final String ID = "org.rollcall.ui.sqlConsole";
    /** The id of the toolbar's Run action. */
    public static final String RUN_ACTION_ID = "org.rollcall.ui.sqlConsole.run";
    /** The id of the toolbar's Cancel action. */
    public static final String CANCEL_ACTION_ID = "org.rollcall.ui.sqlConsole.cancel";

    private StyledText editor;
    private Label status;
    private QueryJob running;
    private ResultsView results;
    private Action runAction;
    private Action cancelAction;

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        editor = new StyledText(parent, SWT.MULTI | SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL);
        editor.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        editor.setFont(JFaceResources.getTextFont());
        editor.setText("select * from district_snapshot");
        editor.addListener(SWT.KeyDown, event -> {
            if (event.keyCode == SWT.CR && (event.stateMask & SWT.MOD1) != 0) {
                event.doit = false;
                runQuery();
            }
        });
        status = new Label(parent, SWT.NONE);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        showStatus("Open a workspace, write a query, press Ctrl+Enter.", false);

        runAction = new Action("Run") {
            @Override
            public void run() {
                runQuery();
            }
        };
        runAction.setId(RUN_ACTION_ID);
        runAction.setToolTipText("Run the query, or the selected text (Ctrl+Enter)");
        cancelAction = new Action("Cancel") {
            @Override
            public void run() {
                cancelQuery();
            }
        };
        cancelAction.setId(CANCEL_ACTION_ID);
        cancelAction.setToolTipText("Stop the running query");
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

    /** Runs the console's query (or its selected text); what Run, Ctrl+Enter and a double-click in the explorer do. */
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
        try {
            results = (ResultsView) getSite().getPage().showView(ResultsView.ID, null, IWorkbenchPage.VIEW_VISIBLE);
        } catch (PartInitException e) {
            throw new IllegalStateException(e);
        }
        QueryJob job = new QueryJob(connection, sql);
        job.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                editor.getDisplay().asyncExec(() -> finished(job, event.getResult()));
            }
        });
        running = job;
        runAction.setEnabled(false);
        cancelAction.setEnabled(true);
        showStatus("Running " + QueryJob.abbreviate(sql), false);
        job.schedule();
    }

    /** The status line under the editor: what the console is doing or how the last query ended. */
    public String getStatus() {
        return status.getText();
    }

    /**
     * Cancels the running query and frees the console at once. The engine stops at its next row; a single long
     * step inside SQLite runs to its end in the background, visible in the Progress view, and is then dropped.
     */
    public void cancelQuery() {
        if (running == null) {
            return;
        }
        running.cancel();
        running = null;
        runAction.setEnabled(true);
        cancelAction.setEnabled(false);
        showStatus("Cancelled.", false);
    }

    private void finished(QueryJob job, IStatus result) {
        if (status.isDisposed() || job != running) {
            return; // cancelled, or replaced by a newer query: its rows are not wanted
        }
        running = null;
        runAction.setEnabled(true);
        cancelAction.setEnabled(false);
        switch (result.getSeverity()) {
            case IStatus.OK -> {
                results.show(job.result());
                showStatus(job.result().summary() + ".", false);
            }
            case IStatus.CANCEL -> showStatus("Cancelled.", false);
            default -> showStatus(result.getMessage(), true);
        }
    }

    private void showStatus(String text, boolean error) {
        // a Label shows one line; the whole of a long engine message stays readable in the tooltip
        String firstLine = text.lines().findFirst().orElse("");
        status.setText(firstLine);
        status.setToolTipText(text);
        status.setForeground(error ? status.getDisplay().getSystemColor(SWT.COLOR_DARK_RED) : null);
        status.getParent().layout(new Control[] {status});
    }

    @Override
    public void setFocus() {
        editor.setFocus();
    }
}
