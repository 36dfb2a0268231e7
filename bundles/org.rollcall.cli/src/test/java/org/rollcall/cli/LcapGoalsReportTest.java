package org.rollcall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rollcall.cli.RollCallCommandLineTest.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.cli.RollCallCommandLineTest.Run;
import org.rollcall.engine.RollCallDriver;
import org.rollcall.reports.ReportException;
import org.rollcall.reports.ReportFormat;
import org.rollcall.reports.ReportProgress;
import org.rollcall.reports.ReportRunner;
import org.rollcall.reports.ReportTemplates;
import org.rollcall.model.StudentGroup;

/**
 * The LCAP goal metrics report (docs/rules.md section 6) rendered by {@code rollcall report} on a generated district:
 * the seven columns of the LCAP table, a row per metric and student group with the values the engine's suppressed
 * views give, no value of a group of 10 or fewer anywhere, and every font embedded in the PDF.
 */
class LcapGoalsReportTest {

    static final List<String> COLUMNS = List.of("Metric #", "Metric", "Baseline", "Year 1 Outcome", "Year 2 Outcome",
            "Target for Year 3 Outcome", "Current Difference from Baseline");
    private static final Pattern N = Pattern.compile("n=(\\d+)");

    @TempDir
    static Path dir;
    static Path workspace;

    @BeforeAll
    static void generate() {
        workspace = dir.resolve("lcap.rollcall");
        Run run = run("generate", "--students", "700", "--years", "2", "--seed", "11", "--first-year", "2024", "--out",
                workspace.toString());
        assertEquals(0, run.exitCode(), run.err());
    }

    /** One expected row of the table: metric number, group and its cell texts in the years asked. */
    record Expected(int metric, String group, List<String> cells, boolean withheld) {
    }

    @Test
    void xlsxHasTheSevenColumnsAndARowPerMetricAndGroupWithTheViewsValues() throws Exception {
        Path out = dir.resolve("lcap.xlsx");
        Run run = run("report", "lcap-goals", "-w", workspace.toString(), "--out", out.toString(), "--param",
                "school_year=2024-25");
        assertEquals(0, run.exitCode(), run.err());
        List<List<String>> rows = new ArrayList<>();
        try (XSSFWorkbook book = new XSSFWorkbook(Files.newInputStream(out))) {
            DataFormatter formatter = new DataFormatter();
            Sheet sheet = book.getSheetAt(0);
            for (Row row : sheet) {
                List<String> cells = new ArrayList<>();
                for (Cell cell : row) {
                    String text = formatter.formatCellValue(cell).strip();
                    if (!text.isEmpty()) {
                        cells.add(text);
                    }
                }
                rows.add(cells);
            }
        }
        assertTrue(rows.stream().filter(r -> r.equals(COLUMNS)).count() >= 3, "a header per metric table: " + rows);
        for (int metric = 1; metric <= 3; metric++) {
            String title = "Metric 5." + metric + ": ";
            assertTrue(rows.stream().anyMatch(r -> r.size() == 1 && r.get(0).startsWith(title)), title + " in " + rows);
        }
        List<Expected> expected = expected(List.of("2024-25", "2025-26", "2026-27"));
        assertTrue(expected.stream().anyMatch(Expected::withheld), "the district has groups of 10 or fewer students");
        for (Expected e : expected) {
            String metric = metricName(e.metric()) + ", " + StudentGroup.valueOf(e.group()).label() + " (" + e.group() + ")";
            List<String> row = rows.stream().filter(r -> r.size() > 1 && r.get(1).equals(metric)).findFirst()
                    .orElseThrow(() -> new AssertionError("no row " + metric + " in " + rows));
            assertEquals("5." + e.metric(), row.get(0));
            assertEquals(e.cells(), row.subList(2, 5), metric);
            assertEquals("no target set", row.get(5), metric);
        }
        assertEquals(expected.size(), rows.stream().filter(r -> r.size() == 7 && r.get(0).matches("5\\.\\d")).count(),
                "a row per metric and group, no more");
        for (List<String> row : rows) {
            noSmallGroup(String.join(" | ", row));
        }
    }

    @Test
    void pdfHasTheColumnsNoSmallGroupAndEmbedsEveryFont() throws Exception {
        Path out = dir.resolve("lcap.pdf");
        Run run = run("report", "lcap-goals", "-w", workspace.toString(), "--out", out.toString(), "--param",
                "school_year=2024-25");
        assertEquals(0, run.exitCode(), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
        try (PDDocument pdf = Loader.loadPDF(out.toFile())) {
            String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
            for (String column : COLUMNS) {
                assertTrue(text.contains(column), column + " in " + text);
            }
            assertTrue(text.contains("5 CCR 15497.5"), "the LCAP definition is labelled");
            assertTrue(text.contains("Dashboard definition"), "the Dashboard definition is labelled");
            assertTrue(text.contains("complementary") || text.contains("next-smallest"), "suppression explained");
            noSmallGroup(text);
            int fonts = 0;
            for (PDPage page : pdf.getPages()) {
                for (COSName name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    assertTrue(font.isEmbedded(), font.getName() + " is not embedded");
                    fonts++;
                }
            }
            assertTrue(fonts > 0, "the PDF names its fonts");
        }
        Path html = dir.resolve("lcap.html");
        Run htmlRun = run("report", "lcap-goals", "-w", workspace.toString(), "--out", html.toString());
        assertEquals(0, htmlRun.exitCode(), htmlRun.err());
        String page = Files.readString(html);
        for (String column : COLUMNS) {
            assertTrue(page.contains(column), column);
        }
        noSmallGroup(page);
    }

    @Test
    void unknownTemplateParameterOrValueIsOneClearLine() {
        Run template = run("report", "lcap-goal", "-w", workspace.toString(), "--out", dir.resolve("x.pdf").toString());
        assertEquals(1, template.exitCode());
        assertEquals("rollcall: no report template 'lcap-goal' (there are: lcap-goals, truancy-letters, district-snapshot; see rollcall report --list)",
                template.err().strip());
        Run parameter = run("report", "lcap-goals", "-w", workspace.toString(), "--out", dir.resolve("x.pdf").toString(),
                "--param", "year=2024-25");
        assertEquals(1, parameter.exitCode());
        assertEquals("rollcall: template lcap-goals has no parameter 'year' (it has: school_year)", parameter.err().strip());
        Run value = run("report", "lcap-goals", "-w", workspace.toString(), "--out", dir.resolve("x.pdf").toString(),
                "--param", "school_year=2019-20");
        assertEquals(1, value.exitCode());
        assertEquals("rollcall: parameter school_year: the workspace has no school year 2019-20 (it has 2024-25, 2025-26)",
                value.err().strip());
        Run format = run("report", "lcap-goals", "-w", workspace.toString(), "--out", dir.resolve("x.doc").toString());
        assertEquals(1, format.exitCode());
        assertTrue(format.err().contains("give --format pdf, html or xlsx"), format.err());
        assertFalse(Files.exists(dir.resolve("x.pdf")), "nothing written");
    }

    /** A report cancelled while it renders (the workbench's Cancel) stops at BIRT's next step and leaves no file. */
    @Test
    void aCancelledReportStopsAndLeavesNoFile() {
        Path out = dir.resolve("cancelled.pdf");
        List<String> pagesWritten = new ArrayList<>();
        ReportProgress cancelOnceRendering = new ReportProgress() {
            volatile boolean rendering;

            @Override
            public void update(String phase, long done, long total) {
                rendering |= phase.startsWith("Rendering");
                if (rendering && done > 0) {
                    pagesWritten.add(phase + " " + done);
                }
            }

            @Override
            public boolean cancelled() {
                return rendering;
            }
        };
        ReportException cancelled = org.junit.jupiter.api.Assertions.assertThrows(ReportException.class,
                () -> ReportRunner.run(ReportTemplates.named("lcap-goals"), workspace, Map.of(), ReportFormat.PDF, out,
                        cancelOnceRendering));
        assertTrue(cancelled.getMessage().contains("cancelled: nothing was written"), cancelled.getMessage());
        assertEquals(List.of(), pagesWritten, "no page is written once cancelled");
        assertFalse(Files.exists(out));
        try (var left = Files.list(dir)) {
            assertEquals(List.of(), left.filter(f -> f.getFileName().toString().startsWith("cancelled")).toList());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every n a report shows is more than 10: no group of 10 or fewer students shows a value. */
    static void noSmallGroup(String text) {
        Matcher m = N.matcher(text);
        while (m.find()) {
            assertTrue(Integer.parseInt(m.group(1)) > 10, "a group of " + m.group(1) + " students is shown: " + m.group());
        }
    }

    static String metricName(int metric) {
        return switch (metric) {
            case 1 -> "Chronic absenteeism (LCAP)";
            case 2 -> "Chronic absenteeism (Dashboard)";
            default -> "Attendance rate";
        };
    }

    /** What the suppressed views say, per metric and group, as the report's cells must show it. */
    private static List<Expected> expected(List<String> years) throws SQLException {
        Map<String, String[]> cells = new HashMap<>();
        Map<String, Boolean> withheld = new HashMap<>();
        try (Connection c = RollCallDriver.open(workspace); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                        select case definition when 'LCAP' then 1 else 2 end, school_year, student_group,
                               eligible_students, chronic_rate, suppression
                          from chronic_absence_published
                         where reporting_level = 'DISTRICT' and definition in ('LCAP', 'DASHBOARD')
                        union all
                        select 3, school_year, student_group, students, "value", suppression
                          from metric_values where metric = 'ATTENDANCE_RATE'""")) {
            while (rs.next()) {
                int year = years.indexOf(rs.getString(2));
                if (year < 0) {
                    continue;
                }
                String key = rs.getInt(1) + "|" + rs.getString(3);
                String[] row = cells.computeIfAbsent(key, k -> years.stream().map(y -> y + ": no data").toArray(String[]::new));
                String suppression = rs.getString(6);
                row[year] = suppression == null
                        ? String.format(Locale.ROOT, "%s: %.1f%% (n=%d)", years.get(year), rs.getDouble(5), rs.getInt(4))
                        : years.get(year) + ": " + ("PRIMARY".equals(suppression) ? "*" : "**");
                withheld.merge(key, suppression != null, Boolean::logicalOr);
            }
        }
        List<Expected> expected = new ArrayList<>();
        cells.forEach((key, row) -> {
            String[] parts = key.split("\\|");
            expected.add(new Expected(Integer.parseInt(parts[0]), parts[1], List.of(row), withheld.get(key)));
        });
        return expected;
    }
}
