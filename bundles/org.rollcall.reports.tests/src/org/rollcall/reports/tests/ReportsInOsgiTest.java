package org.rollcall.reports.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.reports.ReportException;
import org.rollcall.reports.ReportFormat;
import org.rollcall.reports.ReportProgress;
import org.rollcall.reports.ReportRunner;
import org.rollcall.reports.ReportTemplate;
import org.rollcall.reports.ReportTemplates;
import org.rollcall.synthetic.DistrictGenerator;
import org.rollcall.synthetic.GenerationProgress;
import org.rollcall.synthetic.GeneratorSettings;

/**
 * The report runner inside OSGi, as the workbench runs it: BIRT's bundles, the JDBC data set over the live
 * {@code jdbc:rollcall:} connection, the shipped fonts, in PDF, HTML and XLSX.
 */
class ReportsInOsgiTest {

    @TempDir
    static Path dir;
    static Path workspace;

    @BeforeAll
    static void generate() {
        workspace = dir.resolve("osgi.rollcall");
        DistrictGenerator.generate(new GeneratorSettings(400, 2, 7, 2024), workspace, GenerationProgress.NONE);
    }

    @Test
    void theRegistryListsTheBuiltInTemplatesWithTheirParameters() {
        List<String> ids = ReportTemplates.all().stream().map(ReportTemplate::id).toList();
        assertTrue(ids.containsAll(List.of("lcap-goals", "truancy-letters")), ids.toString());
        ReportTemplate letters = ReportTemplates.named("truancy-letters");
        assertEquals(List.of("en", "es"), letters.parameter("language").orElseThrow().allowed());
        ReportException unknown = assertThrows(ReportException.class, () -> ReportTemplates.named("nope"));
        assertTrue(unknown.getMessage().contains("no report template 'nope'"), unknown.getMessage());
    }

    @Test
    void lcapGoalsRendersToPdfWithEmbeddedFontsAndToHtmlAndXlsx() throws Exception {
        ReportTemplate lcap = ReportTemplates.named("lcap-goals");
        List<String> phases = new ArrayList<>();
        ReportProgress progress = (phase, done, total) -> phases.add(phase);
        Path pdf = ReportRunner.run(lcap, workspace, Map.of("school_year", "2024-25"), ReportFormat.PDF,
                dir.resolve("lcap.pdf"), progress).get(0);
        assertTrue(phases.stream().anyMatch(p -> p.startsWith("Rendering lcap-goals")), phases.toString());
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            assertTrue(text.contains("Target for Year 3 Outcome"), text);
            int fonts = 0;
            for (PDPage page : document.getPages()) {
                for (COSName name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    assertTrue(font.isEmbedded(), font.getName() + " is not embedded");
                    fonts++;
                }
            }
            assertTrue(fonts > 0);
        }
        Path html = ReportRunner.run(lcap, workspace, Map.of(), ReportFormat.HTML, dir.resolve("lcap.html"),
                ReportProgress.NONE).get(0);
        assertTrue(Files.readString(html).contains("Current Difference from Baseline"));
        Path xlsx = ReportRunner.run(lcap, workspace, Map.of(), ReportFormat.XLSX, dir.resolve("lcap.xlsx"),
                ReportProgress.NONE).get(0);
        boolean header = false;
        try (InputStream in = Files.newInputStream(xlsx); XSSFWorkbook book = new XSSFWorkbook(in)) {
            for (Row row : book.getSheetAt(0)) {
                for (Cell cell : row) {
                    header |= "Year 2 Outcome".equals(cell.getStringCellValue());
                }
            }
        }
        assertTrue(header, "the XLSX has the LCAP columns");
    }

    /** The chart engine's bundles resolve and draw inside OSGi too: the snapshot's chart is an SVG beside the page. */
    @Test
    void districtSnapshotDrawsItsChart() throws Exception {
        Path html = ReportRunner.run(ReportTemplates.named("district-snapshot"), workspace, Map.of(), ReportFormat.HTML,
                dir.resolve("snapshot.html"), ReportProgress.NONE).get(0);
        assertTrue(Files.readString(html).contains("snapshot_images/"), "the chart is linked");
        try (var files = Files.list(dir.resolve("snapshot_images"))) {
            Path svg = files.filter(f -> f.toString().endsWith(".svg")).findFirst().orElseThrow();
            assertTrue(Files.readString(svg).contains("All students (ALL)"), "the chart has its categories");
        }
    }

    @Test
    void truancyLettersAndTheirMailMergeListAreWritten() throws Exception {
        List<Path> written = ReportRunner.run(ReportTemplates.named("truancy-letters"), workspace,
                Map.of("notice_date", "2025-09-15", "language", "es"), ReportFormat.PDF, dir.resolve("cartas.pdf"),
                ReportProgress.NONE);
        assertEquals(List.of(dir.resolve("cartas.pdf"), dir.resolve("cartas-mail-merge.csv")), written);
        try (PDDocument document = Loader.loadPDF(written.get(0).toFile())) {
            String text = new PDFTextStripper().getText(document);
            assertTrue(text.contains("servicios de salud mental"), text);
            assertFalse(text.contains("infracción"), text);
        }
        assertTrue(Files.readAllLines(written.get(1)).size() > 1, "a row per letter");
    }
}
