package org.rollcall.ui;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.part.ViewPart;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StatisticalLineAndShapeRenderer;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Attendance and outcomes for one measure and year: the mean outcome of each attendance tier with its 95% interval,
 * the binned scatter of outcome against percent of days absent, and the slope adjusted for grade, school and student
 * groups, labelled as association, not effect. Read from outcomes_by_attendance_tier, attendance_outcome_bins and
 * attendance_outcome_association.
 */
public class OutcomesView extends ViewPart implements WorkspaceSession.Listener {

    public static final String ID = "org.rollcall.ui.outcomes";

    record Choice(String measure, String schoolYear) {
        String label() {
            return measure + ", " + schoolYear;
        }
    }

    private Combo picker;
    private final List<Choice> choices = new ArrayList<>();
    private Label headline;
    private Label interpretation;
    private ChartCanvas tiers;
    private ChartCanvas scatter;

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(2, false));
        new Label(parent, SWT.NONE).setText("Measure:");
        picker = new Combo(parent, SWT.READ_ONLY);
        picker.addListener(SWT.Selection, e -> load());
        headline = new Label(parent, SWT.WRAP);
        headline.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        headline.setFont(org.eclipse.jface.resource.JFaceResources.getBannerFont());
        interpretation = new Label(parent, SWT.WRAP);
        interpretation.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        SashForm charts = new SashForm(parent, SWT.HORIZONTAL);
        charts.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
        tiers = new ChartCanvas(charts);
        scatter = new ChartCanvas(charts);
        tiers.clear("Open a workspace with outcomes to see them by attendance.");
        scatter.clear("");
        WorkspaceSession.get().addListener(this);
        WorkspaceSession.get().connection().ifPresent(c -> opened(null, c));
    }

    @Override
    public void opened(Path workspace, Connection connection) {
        new AnalysisJob<List<Choice>>("Reading outcome measures", connection, q -> {
            List<Choice> found = new ArrayList<>();
            if (!q.has("attendance_outcome_association")) {
                return found;
            }
            AnalysisJob.Rows rows = q.query("select \"measure\", school_year from "
                    + "attendance.attendance_outcome_association order by school_year desc, \"measure\"");
            for (int i = 0; i < rows.size(); i++) {
                found.add(new Choice(rows.text(i, "measure"), rows.text(i, "school_year")));
            }
            return found;
        }, found -> {
            if (picker.isDisposed()) {
                return;
            }
            choices.clear();
            choices.addAll(found);
            picker.setItems(found.stream().map(Choice::label).toArray(String[]::new));
            picker.getParent().layout();
            if (found.isEmpty()) {
                headline.setText("This workspace has no outcomes (assessment scores) to relate to attendance.");
                tiers.clear("No outcomes.");
            } else {
                picker.select(0);
                load();
            }
        }, this::failed).schedule();
    }

    public List<String> choices() {
        return choices.stream().map(Choice::label).toList();
    }

    public void select(String label) {
        picker.select(choices().indexOf(label));
        load();
    }

    private record Loaded(Choice choice, AnalysisJob.Rows association, AnalysisJob.Rows tiers, AnalysisJob.Rows bins) {
    }

    private void load() {
        Connection connection = WorkspaceSession.get().connection().orElse(null);
        if (connection == null || picker.getSelectionIndex() < 0) {
            return;
        }
        Choice choice = choices.get(picker.getSelectionIndex());
        // MEASURE is a reserved word of the SQL the engine parses: the column is quoted (its name is lower case)
        String where = " where \"measure\" = '" + choice.measure().replace("'", "''") + "' and school_year = '"
                + choice.schoolYear() + "'";
        new AnalysisJob<Loaded>("Attendance and outcomes: " + choice.label(), connection,
                q -> new Loaded(choice, q.query("select * from attendance.attendance_outcome_association" + where),
                        q.query("select * from attendance.outcomes_by_attendance_tier" + where + " order by tier_order"),
                        q.query("select * from attendance.attendance_outcome_bins" + where + " order by bin")),
                this::show, this::failed).schedule();
    }

    private void show(Loaded loaded) {
        if (headline.isDisposed() || loaded.association().size() == 0) {
            return;
        }
        // a slower load of an earlier pick must not replace what the analyst picked since
        int picked = picker.getSelectionIndex();
        if (picked < 0 || !choices.get(picked).equals(loaded.choice())) {
            return;
        }
        AnalysisJob.Rows a = loaded.association();
        headline.setText(headline(loaded.choice(), a));
        interpretation.setText(a.text(0, "interpretation"));
        showTiers(loaded);
        showBins(loaded);
        headline.getParent().layout();
    }

    static String headline(Choice choice, AnalysisJob.Rows a) {
        Double adjusted = a.number(0, "adjusted_slope");
        if (adjusted == null) {
            return choice.label() + ": too few students to relate the measure to attendance.";
        }
        return String.format(Locale.US, "%s: each percentage point of days absent goes with %.1f points (95%% CI %.1f "
                + "to %.1f) after grade, school and student groups; raw %.1f; Pearson r %.2f (%.2f to %.2f), %,d "
                + "students. Association, not effect.", choice.label(), adjusted, a.number(0, "adjusted_slope_ci_low"),
                a.number(0, "adjusted_slope_ci_high"), a.number(0, "raw_slope"), a.number(0, "pearson_r"),
                a.number(0, "pearson_ci_low"), a.number(0, "pearson_ci_high"), a.number(0, "students").longValue());
    }

    private void showTiers(Loaded loaded) {
        AnalysisJob.Rows t = loaded.tiers();
        DefaultStatisticalCategoryDataset dataset = new DefaultStatisticalCategoryDataset();
        List<List<Object>> data = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            String tier = t.text(i, "tier");
            Double mean = t.number(i, "mean_value");
            Double low = t.number(i, "mean_ci_low");
            Double high = t.number(i, "mean_ci_high");
            Object students = t.get(i, "students");
            data.add(List.of(tier, students == null ? "" : students, mean == null ? "" : mean,
                    low == null ? "" : low, high == null ? "" : high));
            if (mean != null && low != null && high != null) {
                // Student's t intervals are symmetric: the renderer's "deviation" is the half-width
                dataset.add((Number) mean, (Number) ((high - low) / 2), "Mean", tier + " (n=" + students + ")");
            }
        }
        if (dataset.getColumnCount() == 0) {
            tiers.clear("Every tier has 10 or fewer students: withheld.");
            return;
        }
        JFreeChart chart = ChartFactory.createLineChart("Mean " + loaded.choice().measure() + " by attendance tier, "
                + loaded.choice().schoolYear(), "Attendance tier (tiers of 10 or fewer withheld)",
                "Mean (bars: 95% interval)", dataset, PlotOrientation.VERTICAL, false, true, false);
        CategoryPlot plot = chart.getCategoryPlot();
        // points with their intervals, not bars: a bar must start at zero, which flattens scale scores near 2,500
        StatisticalLineAndShapeRenderer renderer = new StatisticalLineAndShapeRenderer(false, true);
        renderer.setErrorIndicatorPaint(java.awt.Color.BLACK);
        plot.setRenderer(renderer);
        plot.getRangeAxis().setAutoRange(true);
        ((org.jfree.chart.axis.NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        tiers.show(ChartStyle.apply(chart), new ChartData(List.of("tier", "students", "mean_value", "mean_ci_low",
                "mean_ci_high"), data));
    }

    private void showBins(Loaded loaded) {
        AnalysisJob.Rows b = loaded.bins();
        XYSeries series = new XYSeries("Students binned by absence (20 bins)");
        List<List<Object>> data = new ArrayList<>();
        for (int i = 0; i < b.size(); i++) {
            Double x = b.number(i, "mean_absence_rate");
            Double y = b.number(i, "mean_value");
            Object students = b.get(i, "students");
            data.add(List.of(b.get(i, "bin"), students == null ? "" : students, x == null ? "" : x,
                    y == null ? "" : y));
            if (x != null && y != null) {
                series.add(x, y);
            }
        }
        if (series.getItemCount() == 0) {
            scatter.clear("Every bin has 10 or fewer students: withheld.");
            return;
        }
        JFreeChart chart = ChartFactory.createScatterPlot(loaded.choice().measure() + " against days absent, "
                + loaded.choice().schoolYear(), "Days absent (% of days enrolled, bin mean)", "Mean "
                + loaded.choice().measure(), new XYSeriesCollection(series), PlotOrientation.VERTICAL, true, true,
                false);
        ((org.jfree.chart.axis.NumberAxis) chart.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(false);
        scatter.show(ChartStyle.apply(chart), new ChartData(List.of("bin", "students", "mean_absence_rate",
                "mean_value"), data));
    }

    private void failed(String message) {
        if (!headline.isDisposed()) {
            headline.setText("Could not read the outcome analysis: " + message);
        }
    }

    public String headline() {
        return headline.getText();
    }

    public ChartCanvas tiers() {
        return tiers;
    }

    public ChartCanvas scatter() {
        return scatter;
    }

    @Override
    public void dispose() {
        WorkspaceSession.get().removeListener(this);
        super.dispose();
    }

    @Override
    public void setFocus() {
        picker.setFocus();
    }
}
