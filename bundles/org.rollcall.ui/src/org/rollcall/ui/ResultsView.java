package org.rollcall.ui;

import java.util.Arrays;

import org.eclipse.jface.action.Action;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.ui.IWorkbenchCommandConstants;
import org.eclipse.ui.actions.ActionFactory;
import org.eclipse.ui.part.ViewPart;

/** Shows the rows of the last query: one column per result column; Ctrl+C copies the selected rows as CSV. */
public class ResultsView extends ViewPart {

    public static final String ID = "org.rollcall.ui.results";

    private TableViewer viewer;
    private Label summary;
    private QueryResult shown;

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        summary = new Label(parent, SWT.NONE);
        summary.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        summary.setText("No results yet.");
        viewer = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI | SWT.VIRTUAL | SWT.V_SCROLL
                | SWT.H_SCROLL);
        viewer.getTable().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.setUseHashlookup(true);
        Action copy = new Action("Copy") {
            @Override
            public void run() {
                copySelection();
            }
        };
        // the command id makes the action the workbench's copy handler, so Ctrl+C reaches it while the view is active
        copy.setActionDefinitionId(IWorkbenchCommandConstants.EDIT_COPY);
        getViewSite().getActionBars().setGlobalActionHandler(ActionFactory.COPY.getId(), copy);
    }

    /** Replaces the table with a new result. */
    public void show(QueryResult result) {
        if (viewer.getControl().isDisposed()) {
            return;
        }
        shown = result;
        viewer.getTable().setRedraw(false);
        try {
            for (TableColumn column : viewer.getTable().getColumns()) {
                column.dispose();
            }
            for (int i = 0; i < result.columns().size(); i++) {
                int index = i;
                TableViewerColumn column = new TableViewerColumn(viewer, SWT.LEFT);
                column.getColumn().setText(result.columns().get(i));
                column.getColumn().setWidth(Math.max(90, Math.min(320, 12 + 9 * result.columns().get(i).length())));
                column.setLabelProvider(new ColumnLabelProvider() {
                    @Override
                    public String getText(Object element) {
                        return ((String[]) element)[index];
                    }
                });
            }
            viewer.setInput(result.rows());
        } finally {
            viewer.getTable().setRedraw(true);
        }
        summary.setText(result.summary() + ": " + QueryJob.abbreviate(result.sql()));
    }

    /** The result on show, or null before the first query. */
    public QueryResult shown() {
        return shown;
    }

    /** The summary line above the table: row count, time, and whether rows were left out. */
    public String summary() {
        return summary.getText();
    }

    /** How many rows the table holds. */
    public int rowCount() {
        return viewer.getTable().getItemCount();
    }

    /** The text of one cell as the table displays it. */
    public String cell(int row, int column) {
        return viewer.getTable().getItem(row).getText(column);
    }

    private void copySelection() {
        if (shown == null || viewer.getStructuredSelection().isEmpty()) {
            return;
        }
        StringBuilder csv = new StringBuilder(String.join(",", shown.columns().stream().map(ResultsView::quote)
                .toList())).append('\n');
        for (Object row : viewer.getStructuredSelection().toList()) {
            csv.append(String.join(",", Arrays.stream((String[]) row).map(ResultsView::quote).toList()))
                    .append('\n');
        }
        Clipboard clipboard = new Clipboard(viewer.getControl().getDisplay());
        try {
            clipboard.setContents(new Object[] {csv.toString()}, new Transfer[] {TextTransfer.getInstance()});
        } finally {
            clipboard.dispose();
        }
    }

    private static String quote(String value) {
        return value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")
                ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }
}
