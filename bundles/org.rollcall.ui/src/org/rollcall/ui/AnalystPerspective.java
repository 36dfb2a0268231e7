package org.rollcall.ui;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

/** The analyst's layout: the schema on the left, the SQL console above the results on the right. */
public class AnalystPerspective implements IPerspectiveFactory {

    public static final String ID = "org.rollcall.ui.perspective";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        layout.setEditorAreaVisible(false);
        String editorArea = layout.getEditorArea();
        layout.addView(SchemaExplorerView.ID, IPageLayout.LEFT, 0.4f, editorArea);
        layout.addView(SqlConsoleView.ID, IPageLayout.TOP, 0.35f, editorArea);
        IFolderLayout bottom = layout.createFolder("results", IPageLayout.BOTTOM, 0.35f, SqlConsoleView.ID);
        bottom.addView(ResultsView.ID);
        bottom.addView(IPageLayout.ID_PROGRESS_VIEW);
        bottom.addPlaceholder(RoiView.ID);
        bottom.addPlaceholder(OutcomesView.ID);
        bottom.addPlaceholder(RecoveryView.ID);
        bottom.addPlaceholder(ReportsView.ID);
    }
}
