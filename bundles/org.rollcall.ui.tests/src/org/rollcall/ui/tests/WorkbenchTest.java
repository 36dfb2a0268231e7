package org.rollcall.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.function.BooleanSupplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.engine.RollCallDriver;
import org.rollcall.synthetic.DistrictGenerator;
import org.rollcall.synthetic.GenerationProgress;
import org.rollcall.synthetic.GeneratorSettings;
import org.rollcall.ui.ResultsView;
import org.rollcall.ui.SchemaExplorerView;
import org.rollcall.ui.SqlConsoleView;
import org.rollcall.ui.WorkspaceSession;

/**
 * The analyst's first task in the running workbench: open a workspace, see its tables and views in the
 * Schema Explorer, run a query in the SQL Console and read the answer in the Results view.
 */
class WorkbenchTest {

    @TempDir
    static Path dir;
    static Path workspace;
    static long expectedDays;

    @BeforeAll
    static void generateDistrict() throws Exception {
        workspace = dir.resolve("district.rollcall");
        DistrictGenerator.generate(new GeneratorSettings(300, 1, 3, 2024), workspace, GenerationProgress.NONE);
        try (Connection c = RollCallDriver.open(workspace); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from daily_attendance")) {
            rs.next();
            expectedDays = rs.getLong(1);
        }
    }

    /** Runs the UI loop until the condition holds, as the analyst would wait; fails after a minute. */
    static void waitUntil(String what, BooleanSupplier condition) throws InterruptedException {
        Display display = Display.getCurrent();
        long deadline = System.currentTimeMillis() + 60_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            if (!display.readAndDispatch()) {
                Thread.sleep(10);
            }
        }
    }

    @Test
    void opensAWorkspaceBrowsesTheSchemaAndRunsAQuery() throws Exception {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        SchemaExplorerView explorer = (SchemaExplorerView) page.showView(SchemaExplorerView.ID);

        WorkspaceSession.get().open(workspace); // what File > Open Workspace... does once a file is chosen
        waitUntil("the schema explorer to list the schema",
                () -> explorer.shownTables().contains("daily_attendance"));
        assertTrue(explorer.shownTables().contains("district_snapshot"), explorer.shownTables().toString());
        assertTrue(explorer.shownTables().contains("dashboard_chronic_absence"), explorer.shownTables().toString());

        SqlConsoleView console = (SqlConsoleView) page.showView(SqlConsoleView.ID);
        console.setSql("select count(*) as days from daily_attendance");
        console.runQuery();
        ResultsView results = (ResultsView) page.showView(ResultsView.ID);
        waitUntil("the query's result", () -> results.shown() != null);
        waitUntil("the result to be drawn", () -> {
            try {
                return !results.cell(0, 0).isEmpty();
            } catch (IllegalArgumentException e) {
                return false;
            }
        });
        assertEquals(String.valueOf(expectedDays), results.cell(0, 0));
        waitUntil("the console to finish", () -> console.getStatus().equals("Done."));
        assertEquals("days", results.shown().columns().get(0));
        assertTrue(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell().getText().contains("district.rollcall"));
        screenshot(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell());
    }

    /** Keeps a picture of the window under target/ for a person to look at. */
    private static void screenshot(Shell shell) throws Exception {
        Path out = Path.of("target", "screenshots");
        Files.createDirectories(out);
        Display display = shell.getDisplay();
        // GTK paints on its frame clock: keep the loop running a moment so the screen shows the latest state
        long until = System.currentTimeMillis() + 1500;
        waitUntil("the window to repaint", () -> System.currentTimeMillis() > until);
        shell.update();
        Image image = new Image(display, shell.getBounds().width, shell.getBounds().height);
        GC gc = new GC(display);
        try {
            gc.copyArea(image, shell.getBounds().x, shell.getBounds().y);
            ImageLoader loader = new ImageLoader();
            loader.data = new org.eclipse.swt.graphics.ImageData[] {image.getImageData()};
            loader.save(out.resolve("workbench.png").toString(), SWT.IMAGE_PNG);
        } finally {
            gc.dispose();
            image.dispose();
        }
    }
}
