package org.rollcall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rollcall.cli.RollCallCommandLineTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.cli.RollCallCommandLineTest.Run;
import org.rollcall.engine.RollCallDriver;
import org.rollcall.model.StudentGroup;

/**
 * The district snapshot: the Dashboard rate with status, change and color, a chart by student group drawn by BIRT's
 * chart engine, tables by group and school; withheld groups show no value, in the tables or in the chart's data.
 */
class DistrictSnapshotReportTest {

    @TempDir
    static Path dir;
    static Path workspace;

    @BeforeAll
    static void generate() {
        workspace = dir.resolve("snapshot.rollcall");
        Run run = run("generate", "--students", "700", "--years", "2", "--seed", "11", "--first-year", "2024", "--out",
                workspace.toString());
        assertEquals(0, run.exitCode(), run.err());
    }

    @Test
    void chartShowsPublishedGroupsOnlyAndTablesWithholdSmallGroups() throws Exception {
        Map<String, String> groups = groups("2025-26");
        assertTrue(groups.containsValue(null) && groups.values().stream().anyMatch(v -> v != null),
                "the district has published and withheld groups: " + groups);
        Path html = dir.resolve("snapshot.html");
        Run run = run("report", "district-snapshot", "-w", workspace.toString(), "--out", html.toString());
        assertEquals(0, run.exitCode(), run.err());
        Path images = dir.resolve("snapshot_images");
        List<Path> svgs;
        try (Stream<Path> files = Files.list(images)) {
            svgs = files.filter(f -> f.toString().endsWith(".svg")).toList();
        }
        assertEquals(1, svgs.size(), "one chart: " + svgs);
        assertTrue(Files.readString(html).contains("snapshot_images/" + svgs.get(0).getFileName()), "linked relatively");
        String chart = Files.readString(svgs.get(0));
        for (Map.Entry<String, String> group : groups.entrySet()) {
            String code = "(" + group.getKey() + ")";
            if (group.getValue() == null) {
                assertFalse(chart.contains(code), "withheld group " + code + " is in the chart's data");
            } else {
                assertTrue(chart.contains(code), "published group " + code + " is in the chart");
                // the chart labels a bar with its value as a number (25.0 shows as 25); a zero rate draws no bar
                String value = new java.math.BigDecimal(group.getValue()).stripTrailingZeros().toPlainString();
                assertTrue(value.equals("0") || chart.contains(">" + value + "</text>"), value + " for " + code + " in the chart");
            }
        }
    }

    @Test
    void pdfHasTheDashboardHeadlineAndEmbedsEveryFont() throws Exception {
        Path pdf = dir.resolve("snapshot.pdf");
        Run run = run("report", "district-snapshot", "-w", workspace.toString(), "--out", pdf.toString(), "--param",
                "school_year=2025-26");
        assertEquals(0, run.exitCode(), run.err());
        String allRate;
        try (Connection c = RollCallDriver.open(workspace); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select status_rate, color from dashboard_chronic_absence where "
                        + "reporting_level = 'DISTRICT' and student_group = 'ALL' and school_year = '2025-26'")) {
            assertTrue(rs.next());
            allRate = String.format(java.util.Locale.ROOT, "%.1f%%", rs.getDouble(1)) + " of";
        }
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            assertTrue(text.contains("Chronic absenteeism, 2025-26"), text);
            assertTrue(text.contains(allRate), allRate + " in " + text);
            assertTrue(text.contains("Gap to all"), text);
            for (PDPage page : document.getPages()) {
                for (COSName name : page.getResources().getFontNames()) {
                    assertTrue(page.getResources().getFont(name).isEmbedded(), name.getName());
                }
            }
        }
    }

    /** Group code to its published rate as the chart labels it ("12.3"), or null where the view withholds it. */
    private static Map<String, String> groups(String year) throws Exception {
        Map<String, String> groups = new TreeMap<>();
        try (Connection c = RollCallDriver.open(workspace); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select student_group, status_rate, suppressed from dashboard_chronic_absence "
                        + "where reporting_level = 'DISTRICT' and school_year = '" + year + "'")) {
            while (rs.next()) {
                StudentGroup.fromCode(rs.getString(1)).orElseThrow();
                groups.put(rs.getString(1), rs.getBoolean(3) ? null
                        : String.format(java.util.Locale.ROOT, "%.1f", rs.getDouble(2)));
            }
        }
        return groups;
    }
}
