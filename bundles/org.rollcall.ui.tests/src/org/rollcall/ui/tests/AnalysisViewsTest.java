package org.rollcall.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.store.Workspace;
import org.rollcall.synthetic.DistrictGenerator;
import org.rollcall.synthetic.GenerationProgress;
import org.rollcall.synthetic.GeneratorSettings;
import org.rollcall.ui.OutcomesView;
import org.rollcall.ui.RecoveryView;
import org.rollcall.ui.RoiView;
import org.rollcall.ui.WorkspaceSession;
import org.sqlite.SQLiteDataSource;

/**
 * The analysis views on a generated district, driven as an analyst does: pick a year, read the summary, the chart and
 * the table, save the chart as PNG and SVG, copy its data as CSV. Expected figures are counted in SQLite itself.
 */
class AnalysisViewsTest {

    @TempDir
    static Path dir;
    static Path workspace;

    @BeforeAll
    static void generateDistrict() throws Exception {
        workspace = dir.resolve("analysis.rollcall");
        DistrictGenerator.generate(new GeneratorSettings(600, 1, 11, 2025), workspace, GenerationProgress.NONE);
        // Attendance Recovery: 60 students with absences attend three 240-minute Saturday sessions each
        try (Workspace w = Workspace.open(workspace); Statement s = w.connection().createStatement()) {
            for (String saturday : List.of("2025-10-04", "2025-11-08", "2026-01-10")) {
                s.executeUpdate("INSERT INTO attendance_recovery (student_id, school_code, session_date, program, "
                        + "minutes, teacher_certificated) SELECT student_id, school_code, '" + saturday + "', "
                        + "'Saturday Academy', 240, 'Y' FROM (SELECT student_id, MIN(school_code) AS school_code "
                        + "FROM attendance_summary WHERE days_absent >= 4 GROUP BY student_id ORDER BY student_id "
                        + "LIMIT 60)");
            }
            w.rebuildSummaries();
        }
    }

    @BeforeEach
    void districtIsOpen() throws Exception {
        if (!WorkspaceSession.get().workspace().equals(java.util.Optional.of(workspace))) {
            assertTrue(WorkbenchTest.open(workspace).isOK());
        }
    }

    @Test
    void theRecoveryLedgerShowsCreditsAndBothRates() throws Exception {
        RecoveryView view = (RecoveryView) WorkbenchTest.page().showView(RecoveryView.ID);
        UiWait.until("the recovery view to list the year", () -> List.of(view.years()).contains("2025-26"));
        view.selectYear("2025-26");
        UiWait.until("the recovery view to show 2025-26", () -> view.summary().startsWith("2025-26:")
                && view.chart().data() != null);
        long[] expected = sqlite("SELECT COUNT(*), SUM(days_credited) FROM attendance_recovery_credit "
                + "WHERE school_year = '2025-26'");
        assertEquals(60, expected[0]);
        assertTrue(view.summary().contains(String.format(Locale.US, "%,d students earned recovery credit, %,d days "
                + "credited", expected[0], expected[1])), view.summary());
        long ledgerStudents = view.ledger().stream().mapToLong(r -> ((Number) r[1]).longValue()).sum();
        assertEquals(expected[0], ledgerStudents);
        // the chart's data: all students' rate with recovery is lower, and the CSV carries both rates
        String csv = view.chart().data().csv();
        assertTrue(csv.startsWith("student_group,eligible_students,chronic_rate,chronic_rate_with_recovery\n"), csv);
        String all = csv.lines().filter(l -> l.startsWith("ALL,")).findFirst().orElseThrow();
        String[] cells = all.split(",");
        assertTrue(Double.parseDouble(cells[3]) < Double.parseDouble(cells[2]), all);
        Path png = dir.resolve("recovery.png");
        Path svg = dir.resolve("recovery.svg");
        view.chart().savePng(png);
        view.chart().saveSvg(svg);
        assertTrue(Files.size(png) > 5_000, "a real PNG");
        assertTrue(Files.readString(svg).contains("<svg"), "an SVG document");
        view.chart().copyData();
        Clipboard clipboard = new Clipboard(WorkbenchTest.shell().getDisplay());
        try {
            assertEquals(csv, clipboard.getContents(TextTransfer.getInstance()));
        } finally {
            clipboard.dispose();
        }
        Files.createDirectories(Path.of("target", "screenshots"));
        Files.copy(png, Path.of("target", "screenshots", "recovery-chart.png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Screenshot.save(WorkbenchTest.shell(), Path.of("target", "screenshots", "recovery-view.png"));
    }

    /**
     * Intervention ROI as the analyst reads it: the plain-language line, the figures with the method in words under
     * them, the balance table and the monthly chart, for the generated district's nudge letter.
     */
    @Test
    void theRoiViewShowsTheEffectTheMethodTheBalanceAndTheMonths() throws Exception {
        RoiView view = (RoiView) WorkbenchTest.page().showView(RoiView.ID);
        UiWait.until("the ROI view to list the interventions", () -> !view.choices().isEmpty());
        String nudge = view.choices().stream().filter(c -> c.startsWith("Attendance nudge letter")).findFirst()
                .orElseThrow(() -> new AssertionError(view.choices() + " " + view.headline()));
        String year = nudge.substring(nudge.lastIndexOf(' ') + 1);
        String[] effect = sqliteText("SELECT summary, method_text, chronic_change FROM intervention_effects e JOIN "
                + "interventions i USING (intervention_id) WHERE i.name LIKE 'Attendance nudge letter%' AND "
                + "e.school_year = '" + year + "'");
        view.select(nudge);
        UiWait.until("the ROI view to show " + nudge, () -> view.headline().equals(effect[0])
                && !view.details().isEmpty() || view.headline().startsWith("Could not"));
        assertEquals(effect[0], view.headline());
        UiWait.until("the ROI view to draw the months", () -> view.chart().data() != null);
        assertTrue(view.details().endsWith(effect[1]), "the method in words under the figures: " + view.details());
        assertTrue(view.details().contains(String.format(Locale.US, "Change in chronic absence (points): %+.1f ",
                100 * Double.parseDouble(effect[2]))), view.details());
        long[] balance = sqlite("SELECT COUNT(*) FROM intervention_balance b JOIN interventions i USING "
                + "(intervention_id) WHERE i.name LIKE 'Attendance nudge letter%' AND b.school_year = '" + year + "'");
        assertTrue(balance[0] > 0);
        assertEquals(balance[0], view.balance().size(), "a row per covariate in the balance table");
        long[] months = sqlite("SELECT COUNT(*) FROM intervention_monthly m JOIN interventions i USING "
                + "(intervention_id) WHERE i.name LIKE 'Attendance nudge letter%' AND m.school_year = '" + year + "'");
        assertEquals(months[0] + 1, view.chart().data().csv().lines().count(), "a header and a row per month");
        Path png = dir.resolve("roi.png");
        view.chart().savePng(png);
        assertTrue(Files.size(png) > 5_000, "the chart is drawn");
        Files.createDirectories(Path.of("target", "screenshots"));
        Screenshot.save(WorkbenchTest.shell(), Path.of("target", "screenshots", "roi-view.png"));
        // what stays on screen is the intervention picked, not a slower load of the first one
        assertEquals(nudge, view.picked());
        assertEquals(effect[0], view.headline());
        assertTrue(view.chart().data() != null && ((org.jfree.chart.title.TextTitle) view.chart().chart().getTitle())
                .getText().endsWith(nudge), "the chart is the picked intervention's");
    }

    /** Attendance and outcomes: the headline slope, the tier chart and the binned scatter for ELA. */
    @Test
    void theOutcomesViewShowsTheSlopeTheTiersAndTheBins() throws Exception {
        OutcomesView view = (OutcomesView) WorkbenchTest.page().showView(OutcomesView.ID);
        UiWait.until("the outcomes view to list the measures", () -> !view.choices().isEmpty()
                || view.headline().startsWith("Could not"));
        assertTrue(view.choices().contains("ELA_SCALE_SCORE, 2025-26"), view.choices() + " " + view.headline());
        view.select("ELA_SCALE_SCORE, 2025-26");
        UiWait.until("the outcomes view to show ELA", () -> view.headline().startsWith("ELA_SCALE_SCORE, 2025-26")
                && view.tiers().data() != null && view.scatter().data() != null);
        assertTrue(view.headline().contains("Association, not effect."), view.headline());
        long[] tiers = sqlite("SELECT COUNT(*) FROM outcomes_by_attendance_tier WHERE \"measure\" = "
                + "'ELA_SCALE_SCORE' AND school_year = '2025-26'");
        assertEquals(tiers[0] + 1, view.tiers().data().csv().lines().count(), "a header and a row per tier");
        long[] bins = sqlite("SELECT COUNT(*) FROM attendance_outcome_bins WHERE \"measure\" = 'ELA_SCALE_SCORE' "
                + "AND school_year = '2025-26'");
        assertEquals(bins[0] + 1, view.scatter().data().csv().lines().count(), "a header and a row per bin");
        Path tiersPng = dir.resolve("tiers.png");
        Path binsPng = dir.resolve("bins.png");
        view.tiers().savePng(tiersPng);
        view.scatter().savePng(binsPng);
        assertTrue(Files.size(tiersPng) > 5_000 && Files.size(binsPng) > 5_000, "both charts are drawn");
        Files.createDirectories(Path.of("target", "screenshots"));
        Screenshot.save(WorkbenchTest.shell(), Path.of("target", "screenshots", "outcomes-view.png"));
        assertTrue(view.headline().startsWith("ELA_SCALE_SCORE, 2025-26"), "the measure picked stays on screen");
        // scale scores near 2,500: the tier axis does not start at zero, so the tiers' differences can be seen
        double lowest = ((org.jfree.chart.plot.CategoryPlot) view.tiers().chart().getPlot()).getRangeAxis()
                .getLowerBound();
        assertTrue(lowest > 1_000, "the tier axis starts near the scores, not at " + lowest);
    }

    /** The first row of a query as text, run by SQLite itself. */
    static String[] sqliteText(String sql) throws Exception {
        SQLiteDataSource sqlite = new SQLiteDataSource();
        sqlite.setUrl("jdbc:sqlite:" + workspace);
        try (Connection c = sqlite.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), "a row of " + sql);
            String[] row = new String[rs.getMetaData().getColumnCount()];
            for (int i = 0; i < row.length; i++) {
                row[i] = rs.getString(i + 1);
            }
            return row;
        }
    }

    /** The first row of a query, run by SQLite itself. */
    static long[] sqlite(String sql) throws Exception {
        SQLiteDataSource sqlite = new SQLiteDataSource();
        sqlite.setUrl("jdbc:sqlite:" + workspace);
        try (Connection c = sqlite.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            long[] row = new long[rs.getMetaData().getColumnCount()];
            for (int i = 0; i < row.length; i++) {
                row[i] = rs.getLong(i + 1);
            }
            return row;
        }
    }
}
