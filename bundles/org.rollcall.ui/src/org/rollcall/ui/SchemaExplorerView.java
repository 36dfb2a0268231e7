package org.rollcall.ui;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.TreeViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.ViewPart;

/**
 * Lists the open workspace's tables and views with their columns, types and descriptions. Double-clicking
 * a table or view shows its first 100 rows.
 */
public class SchemaExplorerView extends ViewPart {

    public static final String ID = "org.rollcall.ui.schemaExplorer";

    private TreeViewer viewer;
    private final WorkspaceSession.Listener listener = (workspace, connection) -> load(workspace, connection);

    @Override
    public void createPartControl(Composite parent) {
        viewer = new TreeViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        viewer.getTree().setHeaderVisible(true);
        viewer.getTree().setLinesVisible(true);
        ColumnViewerToolTipSupport.enableFor(viewer);
        column("Name", 240, SchemaNode::name);
        column("Type", 120, SchemaNode::type);
        column("Description", 520, SchemaNode::description);
        viewer.setContentProvider(new ITreeContentProvider() {
            @Override
            public Object[] getElements(Object input) {
                return ((List<?>) input).toArray();
            }

            @Override
            public Object[] getChildren(Object element) {
                return ((SchemaNode) element).children().toArray();
            }

            @Override
            public Object getParent(Object element) {
                return null;
            }

            @Override
            public boolean hasChildren(Object element) {
                return !((SchemaNode) element).children().isEmpty();
            }
        });
        viewer.setInput(List.of(SchemaNode.folder("No workspace open", "Use File > Open Workspace...")));
        viewer.addDoubleClickListener(event -> {
            Object selected = ((IStructuredSelection) event.getSelection()).getFirstElement();
            if (selected instanceof SchemaNode node && ("TABLE".equals(node.type()) || "VIEW".equals(node.type()))) {
                try {
                    SqlConsoleView console = (SqlConsoleView) getSite().getPage().showView(SqlConsoleView.ID);
                    console.setSql("select * from " + node.name() + " limit 100");
                    console.runQuery();
                } catch (PartInitException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        WorkspaceSession.get().addListener(listener);
        WorkspaceSession.get().connection().ifPresent(connection ->
                load(WorkspaceSession.get().workspace().orElseThrow(), connection));
    }

    private void column(String title, int width, Function<SchemaNode, String> text) {
        TreeViewerColumn column = new TreeViewerColumn(viewer, SWT.LEFT);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((SchemaNode) element);
            }

            @Override
            public String getToolTipText(Object element) {
                return ((SchemaNode) element).description();
            }
        });
    }

    private void load(Path workspace, Connection connection) {
        Job job = Job.create("Reading the schema of " + workspace.getFileName(), (IProgressMonitor monitor) -> {
            try {
                List<SchemaNode> schema = SchemaReader.read(connection);
                viewer.getControl().getDisplay().asyncExec(() -> {
                    // a workspace opened meanwhile has its own reading under way; this one's schema is stale
                    if (!viewer.getControl().isDisposed() && isOpen(connection)) {
                        viewer.setInput(schema);
                        viewer.expandToLevel(2);
                        setContentDescription(workspace.toString());
                    }
                });
                return Status.OK_STATUS;
            } catch (SQLException e) {
                return isOpen(connection) ? Status.error("Cannot read the schema: " + e.getMessage(), e)
                        : Status.CANCEL_STATUS; // closed because another workspace was opened: nothing to report
            }
        });
        job.schedule();
    }

    private static boolean isOpen(Connection connection) {
        return WorkspaceSession.get().connection().orElse(null) == connection;
    }

    /** The tables and views shown, each with its columns; for tests and accessibility tools. */
    public List<SchemaNode> shownObjects() {
        return ((List<?>) viewer.getInput()).stream().map(SchemaNode.class::cast)
                .flatMap(folder -> folder.children().stream()).toList();
    }

    /** The names of the tables and views shown. */
    public List<String> shownTables() {
        return shownObjects().stream().map(SchemaNode::name).toList();
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }

    @Override
    public void dispose() {
        WorkspaceSession.get().removeListener(listener);
        super.dispose();
    }
}
