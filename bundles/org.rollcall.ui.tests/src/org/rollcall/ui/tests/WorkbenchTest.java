package org.rollcall.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.ILogListener;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.IJobChangeListener;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.model.CanonicalSchema;
import org.rollcall.model.Column;
import org.rollcall.synthetic.DistrictGenerator;
import org.rollcall.synthetic.GenerationProgress;
import org.rollcall.synthetic.GeneratorSettings;
import org.rollcall.ui.OpenWorkspaceJob;
import org.rollcall.ui.QueryResult;
import org.rollcall.ui.ResultsView;
import org.rollcall.ui.SchemaExplorerView;
import org.rollcall.ui.SchemaNode;
import org.rollcall.ui.SqlConsoleView;
import org.rollcall.ui.WorkspaceSession;
import org.sqlite.SQLiteDataSource;

/**
 * The analyst's work in the running workbench: open a workspace as File > Open Workspace... does, find
 * tables and views in the Schema Explorer, run queries from the SQL Console's own toolbar, read and copy
 * the answers in the Results view, cancel a slow query, and be told clearly when a file is no workspace.
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
        // counted in SQLite itself, not through the engine the workbench uses
        SQLiteDataSource sqlite = new SQLiteDataSource();
        sqlite.setUrl("jdbc:sqlite:" + workspace);
        try (Connection c = sqlite.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM daily_attendance")) {
            rs.next();
            expectedDays = rs.getLong(1);
        }
    }

    @BeforeEach
    void districtIsOpen() throws Exception {
        if (!WorkspaceSession.get().workspace().equals(Optional.of(workspace))) {
            assertTrue(open(workspace).isOK());
        }
        SchemaExplorerView explorer = (SchemaExplorerView) page().showView(SchemaExplorerView.ID);
        UiWait.until("the schema explorer to list the schema",
                () -> explorer.shownTables().contains("daily_attendance"));
    }

    @Test
    void opensAWorkspaceBrowsesTheSchemaAndRunsAQuery() throws Exception {
        SchemaExplorerView explorer = (SchemaExplorerView) page().showView(SchemaExplorerView.ID);
        SchemaNode days = node(explorer, "daily_attendance");
        assertEquals("TABLE", days.type());
        assertFalse(days.description().isBlank(), "daily_attendance has a description");
        SchemaNode bySchool = node(explorer, "chronic_absence_by_school");
        assertEquals("VIEW", bySchool.type());
        assertFalse(bySchool.description().isBlank(), "chronic_absence_by_school has a description");
        // materialized at every import, so listed as a table
        assertEquals("TABLE", node(explorer, "district_snapshot").type());
        SchemaNode date = days.children().stream().filter(c -> c.name().equals("attendance_date")).findFirst()
                .orElseThrow(() -> new AssertionError("no attendance_date column: " + days.children()));
        assertTrue(date.type().startsWith("DATE"), date.type()); // the driver adds NOT NULL where it holds
        assertFalse(date.description().isBlank(), "attendance_date has a description");

        ResultsView results = runInConsole("select count(*) as days from daily_attendance");
        assertEquals(String.valueOf(expectedDays), results.cell(0, 0));
        assertEquals("days", results.shown().columns().get(0));
        assertTrue(console().getStatus().matches("1 row in [\\d,]+ ms\\."), console().getStatus());
        assertTrue(shell().getText().contains("district.rollcall"), shell().getText());
        Screenshot.save(shell(), Path.of("target", "screenshots", "workbench.png"));
    }

    @Test
    void doubleClickOnATableShowsItsFirstHundredRows() throws Exception {
        page().showView(SchemaExplorerView.ID);
        Tree tree = Widgets.find(shell(), Tree.class, t -> t.getColumnCount() == 3
                && t.getColumn(2).getText().equals("Description"));
        TreeItem students = null;
        for (TreeItem folder : tree.getItems()) {
            for (TreeItem item : folder.getItems()) {
                if (item.getText(0).equals("students")) {
                    students = item;
                }
            }
        }
        assertNotNull(students, "the explorer shows the students table");
        tree.setSelection(students);
        Event doubleClick = new Event();
        doubleClick.item = students;
        QueryResult previous = results().shown();
        tree.notifyListeners(SWT.DefaultSelection, doubleClick);

        ResultsView results = waitForNewResult(previous);
        assertEquals("select * from students limit 100", console().getSql());
        assertEquals(100, results.rowCount());
        assertEquals(CanonicalSchema.STUDENTS.columns().stream().map(Column::name).toList(), results.shown().columns());
    }

    @Test
    void largeResultsStopAtTenThousandRowsAndSaySo() throws Exception {
        ResultsView results = runInConsole("select * from daily_attendance");
        assertTrue(expectedDays > 10_000, "the district has more days than the cap: " + expectedDays);
        assertEquals(10_000, results.rowCount());
        assertTrue(results.summary().startsWith("Showing the first 10,000 rows"), results.summary());
        assertTrue(console().getStatus().startsWith("Showing the first 10,000 rows"), console().getStatus());
    }

    @Test
    void ctrlCCopiesTheSelectedRowsAsCsv() throws Exception {
        runInConsole("select cast('Lincoln, Elementary' as varchar(40)) as school, 3 as grade"
                + " union all select cast('Roosevelt' as varchar(40)), 4");
        Table table = Widgets.find(shell(), Table.class, t -> t.getColumnCount() == 2
                && t.getColumn(0).getText().equals("school"));
        page().activate(results()); // as clicking into the table does
        table.selectAll();
        table.setFocus();
        Display display = table.getDisplay();
        Clipboard clipboard = new Clipboard(display);
        try {
            clipboard.setContents(new Object[] {"nothing yet"}, new TextTransfer[] {TextTransfer.getInstance()});
            Keyboard.press(display, SWT.MOD1, 'c');
            String expected = "school,grade\n\"Lincoln, Elementary\",3\nRoosevelt,4\n";
            UiWait.until("the rows on the clipboard", () -> expected.equals(
                    clipboard.getContents(TextTransfer.getInstance())));
        } finally {
            clipboard.dispose();
        }
    }

    @Test
    void aMistakeInTheSqlIsReportedInTheStatusLine() throws Exception {
        QueryResult before = results().shown();
        console().setSql("select * from daily_attendence");
        Toolbar.run(console(), SqlConsoleView.RUN_ACTION_ID);
        UiWait.until("the query to fail", () -> Toolbar.enabled(console(), SqlConsoleView.RUN_ACTION_ID));
        assertTrue(console().getStatus().contains("'daily_attendence' not found"), console().getStatus());
        assertSame(before, results().shown(), "the last good result stays on show");
    }

    @Test
    void cancelFreesTheConsoleAtOnceAndTheJobEndsCancelled() throws Exception {
        ResultsView results = runInConsole("select count(*) from schools");
        QueryResult before = results.shown();
        List<IStatus> ended = new ArrayList<>();
        IJobChangeListener queries = new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                if (event.getJob().getName().equals("Running query")) {
                    synchronized (ended) {
                        ended.add(event.getResult());
                    }
                }
            }
        };
        Job.getJobManager().addJobChangeListener(queries);
        try {
            // seconds of work inside one SQLite step: a cross join counted
            console().setSql("select count(*) from daily_attendance a cross join students b"
                    + " cross join attendance_codes c");
            Toolbar.run(console(), SqlConsoleView.RUN_ACTION_ID);
            assertFalse(Toolbar.enabled(console(), SqlConsoleView.RUN_ACTION_ID), "Run is disabled while running");
            UiWait.until("the query to be running", () -> Arrays.stream(Job.getJobManager().find(null))
                    .anyMatch(job -> job.getName().equals("Running query") && job.getState() == Job.RUNNING));
            UiWait.pause(500);
            Toolbar.run(console(), SqlConsoleView.CANCEL_ACTION_ID);
            assertEquals("Cancelled.", console().getStatus());
            assertTrue(Toolbar.enabled(console(), SqlConsoleView.RUN_ACTION_ID), "Run is enabled again at once");
            UiWait.until("the cancelled job to end", () -> {
                synchronized (ended) {
                    return !ended.isEmpty();
                }
            });
            assertEquals(IStatus.CANCEL, ended.get(0).getSeverity(), ended.get(0).toString());
            UiWait.pause(300);
            assertSame(before, results.shown(), "a cancelled query leaves the last result on show");
            assertEquals("Cancelled.", console().getStatus());
        } finally {
            Job.getJobManager().removeJobChangeListener(queries);
        }
    }

    @Test
    void openingAnotherWorkspaceClosesThePreviousOne() throws Exception {
        Connection first = WorkspaceSession.get().connection().orElseThrow();
        Path second = dir.resolve("second.rollcall");
        Files.copy(workspace, second, StandardCopyOption.REPLACE_EXISTING);

        assertTrue(open(second).isOK());
        assertTrue(first.isClosed(), "the first workspace's connection is closed");
        assertEquals(second, WorkspaceSession.get().workspace().orElseThrow());
        UiWait.until("the title to name the new workspace", () -> shell().getText().contains("second.rollcall"));
        ResultsView results = runInConsole("select count(*) from daily_attendance");
        assertEquals(String.valueOf(expectedDays), results.cell(0, 0));
    }

    @Test
    void switchingWorkspacesQuicklyShowsTheLastOneWithoutErrors() throws Exception {
        Path second = dir.resolve("quick.rollcall");
        Files.copy(workspace, second, StandardCopyOption.REPLACE_EXISTING);
        List<String> errors = new ArrayList<>();
        ILogListener listener = (status, plugin) -> {
            if (status.getSeverity() == IStatus.ERROR) {
                synchronized (errors) {
                    errors.add(status.getMessage());
                }
            }
        };
        Platform.addLogListener(listener);
        try {
            // the explorer is still reading the second workspace's schema when the first is opened again
            assertTrue(open(second).isOK());
            assertTrue(open(workspace).isOK());
            SchemaExplorerView explorer = (SchemaExplorerView) page().showView(SchemaExplorerView.ID);
            UiWait.until("the explorer to show " + workspace,
                    () -> explorer.getContentDescription().equals(workspace.toString()));
            UiWait.pause(1000); // a stale reading of the second workspace would land now
            assertEquals(workspace.toString(), explorer.getContentDescription());
            assertTrue(shell().getText().endsWith("district.rollcall"), shell().getText());
            synchronized (errors) {
                assertEquals(List.of(), errors);
            }
        } finally {
            Platform.removeLogListener(listener);
        }
    }

    @Test
    void aFileThatIsNoWorkspaceIsRefusedWithAClearMessageAndTheOpenOneStays() throws Exception {
        Connection open = WorkspaceSession.get().connection().orElseThrow();
        Path notes = dir.resolve("notes.rollcall");
        Files.writeString(notes, "attendance notes, not a database\n");

        String message = DialogWatcher.messageWhile("Cannot open workspace", () -> open(notes));
        assertTrue(message.contains("notes.rollcall is not a RollCall workspace"), message);
        message = DialogWatcher.messageWhile("Cannot open workspace", () -> open(dir.resolve("missing.rollcall")));
        assertTrue(message.contains("No RollCall workspace at"), message);
        Path foreign = dir.resolve("foreign.rollcall");
        SQLiteDataSource sqlite = new SQLiteDataSource();
        sqlite.setUrl("jdbc:sqlite:" + foreign);
        try (Connection c = sqlite.getConnection(); Statement s = c.createStatement()) {
            s.execute("create table notes (line text)");
        }
        message = DialogWatcher.messageWhile("Cannot open workspace", () -> open(foreign));
        assertTrue(message.contains("foreign.rollcall is a database but not a RollCall workspace"), message);

        assertSame(open, WorkspaceSession.get().connection().orElseThrow(), "the open workspace stays open");
        assertFalse(open.isClosed());
        assertEquals(workspace, WorkspaceSession.get().workspace().orElseThrow());
    }

    /** Opens a workspace as File > Open Workspace... does once a file is chosen, and waits for the outcome. */
    static IStatus open(Path file) throws InterruptedException {
        Job job = OpenWorkspaceJob.open(file);
        UiWait.until("opening " + file, () -> job.getResult() != null);
        return job.getResult();
    }

    /** Puts {@code sql} in the console, presses its Run button and waits for the new result. */
    static ResultsView runInConsole(String sql) throws Exception {
        QueryResult previous = results().shown();
        SqlConsoleView console = console();
        console.setSql(sql);
        Toolbar.run(console, SqlConsoleView.RUN_ACTION_ID);
        return waitForNewResult(previous);
    }

    static ResultsView waitForNewResult(QueryResult previous) throws InterruptedException {
        ResultsView results = results();
        UiWait.until("the query to finish", () -> Toolbar.enabled(console(), SqlConsoleView.RUN_ACTION_ID)
                && results.shown() != previous);
        assertFalse(console().getStatus().startsWith("Running"), console().getStatus());
        return results;
    }

    static SchemaNode node(SchemaExplorerView explorer, String name) {
        return explorer.shownObjects().stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not shown: " + explorer.shownTables()));
    }

    static IWorkbenchPage page() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
    }

    static Shell shell() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
    }

    static SqlConsoleView console() {
        try {
            return (SqlConsoleView) page().showView(SqlConsoleView.ID);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static ResultsView results() {
        try {
            return (ResultsView) page().showView(ResultsView.ID, null, IWorkbenchPage.VIEW_VISIBLE);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
