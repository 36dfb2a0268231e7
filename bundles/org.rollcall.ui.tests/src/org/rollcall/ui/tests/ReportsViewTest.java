package org.rollcall.ui.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.reports.ReportFormat;
import org.rollcall.synthetic.DistrictGenerator;
import org.rollcall.synthetic.GenerationProgress;
import org.rollcall.synthetic.GeneratorSettings;
import org.rollcall.ui.ReportsView;
import org.rollcall.ui.WorkspaceSession;

/**
 * The Reports view as an analyst uses it: Analysis > Reports opens it, it lists the templates with a form for their
 * parameters, and a report runs as a Job on the open workspace: HTML shown in the view, PDF and XLSX written.
 */
class ReportsViewTest {

    @TempDir
    static Path dir;
    static Path workspace;

    @BeforeAll
    static void generateDistrict() {
        workspace = dir.resolve("reports.rollcall");
        DistrictGenerator.generate(new GeneratorSettings(500, 2, 5, 2024), workspace, GenerationProgress.NONE);
    }

    @BeforeEach
    void districtIsOpen() throws Exception {
        if (!WorkspaceSession.get().workspace().equals(java.util.Optional.of(workspace))) {
            assertTrue(WorkbenchTest.open(workspace).isOK());
        }
    }

    /** Analysis > Reports, clicked as a user clicks it. */
    private static ReportsView openFromTheMenu() throws Exception {
        MenuItem analysis = item(WorkbenchTest.shell().getMenuBar(), "Analysis");
        Menu menu = analysis.getMenu();
        menu.notifyListeners(SWT.Show, new Event());
        item(menu, "Reports").notifyListeners(SWT.Selection, new Event());
        UiWait.until("the Reports view to open", () -> WorkbenchTest.page().findView(ReportsView.ID) != null);
        return (ReportsView) WorkbenchTest.page().findView(ReportsView.ID);
    }

    private static MenuItem item(Menu menu, String text) {
        List<String> seen = new ArrayList<>();
        for (MenuItem item : menu.getItems()) {
            String label = item.getText().replace("&", "").replaceAll("\t.*", "");
            seen.add(label);
            if (label.equals(text)) {
                return item;
            }
        }
        throw new AssertionError("no menu item " + text + " in " + seen);
    }

    private static void await(ReportsView view, Job job) throws InterruptedException {
        UiWait.until("the report to finish", () -> job.getResult() != null
                && !view.status().startsWith("Running"));
    }

    @Test
    void theLcapReportRunsAsHtmlAndShowsInTheView() throws Exception {
        ReportsView view = openFromTheMenu();
        assertTrue(view.templateIds().containsAll(List.of("lcap-goals", "truancy-letters", "district-snapshot")),
                view.templateIds().toString());
        view.select("lcap-goals");
        assertEquals(List.of("school_year"), view.parameterNames());
        UiWait.until("the school years to be offered", () -> {
            try {
                view.set("school_year", "2024-25");
                return true;
            } catch (IllegalArgumentException notYet) {
                return false;
            }
        });
        view.format(ReportFormat.HTML);
        Path out = dir.resolve("lcap.html");
        await(view, view.run(out, written -> { }));
        assertTrue(view.status().startsWith("Wrote " + out), view.status());
        String html = Files.readString(out);
        for (String column : List.of("Metric #", "Baseline", "Year 1 Outcome", "Year 2 Outcome",
                "Target for Year 3 Outcome", "Current Difference from Baseline")) {
            assertTrue(html.contains(column), column);
        }
        assertTrue(html.contains("2024-25"), "the baseline year asked");
        if (!view.shown().isEmpty()) {
            UiWait.pause(1500); // let the browser paint before the screenshot
            assertEquals(out.toUri().toString(), view.shown());
        }
        Files.createDirectories(Path.of("target", "screenshots"));
        Screenshot.save(WorkbenchTest.shell(), Path.of("target", "screenshots", "reports-view.png"));
    }

    @Test
    void lettersRunToPdfAndTheSnapshotToXlsx() throws Exception {
        ReportsView view = openFromTheMenu();
        view.select("truancy-letters");
        assertTrue(view.parameterNames().containsAll(List.of("notice_date", "language")), view.parameterNames().toString());
        view.set("notice_date", "2025-09-15");
        view.set("language", "es");
        view.format(ReportFormat.PDF);
        Path pdf = dir.resolve("letters.pdf");
        await(view, view.run(pdf, written -> { }));
        assertTrue(view.status().startsWith("Wrote " + pdf), view.status());
        byte[] magic = new byte[5];
        try (InputStream in = Files.newInputStream(pdf)) {
            assertEquals(5, in.read(magic));
        }
        assertArrayEquals("%PDF-".getBytes(), magic);
        assertEquals(List.of(pdf, dir.resolve("letters-mail-merge.csv")), view.lastWritten());

        view.select("district-snapshot");
        view.format(ReportFormat.XLSX);
        Path xlsx = dir.resolve("snapshot.xlsx");
        await(view, view.run(xlsx, written -> { }));
        assertTrue(view.status().startsWith("Wrote " + xlsx), view.status());
        boolean sheet = false;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(xlsx))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                sheet |= e.getName().startsWith("xl/worksheets/");
            }
        }
        assertTrue(sheet, "a workbook with a sheet");
    }
}
