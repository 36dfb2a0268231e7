package org.rollcall.ui;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.part.ViewPart;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.time.Day;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

/**
 * Did the intervention work? For one intervention and year: the effect on absences against the comparison group with
 * its interval, days gained and dollars, the naive pre/post change beside it, the baseline balance table (What Works
 * Clearinghouse standardized differences), and the participants' and comparison group's monthly absence rates with
 * the start date marked. Everything is read from intervention_effects, intervention_balance and intervention_monthly.
 */
public class RoiView extends ViewPart implements WorkspaceSession.Listener {

    public static final String ID = "org.rollcall.ui.roi";

    private static final String[] BALANCE_COLUMNS = {"covariate", "participant_mean", "comparison_mean_before",
        "comparison_mean_after", "std_diff_before", "std_diff_after", "verdict"};
    private static final String[] BALANCE_HEADERS = {"Covariate at the start date", "Participants",
        "Comparison pool (before)", "Comparison (after matching)", "Std. diff. before", "Std. diff. after",
        "WWC verdict"};

    /** An intervention and year that intervention_effects has. */
    record Choice(long interventionId, String name, String schoolYear) {
        String label() {
            return name + ", " + schoolYear;
        }
    }

    private Combo picker;
    private final List<Choice> choices = new ArrayList<>();
    private Label headline;
    private Text details;
    private ChartCanvas chart;
    private TableViewer balance;
    private List<Object[]> balanceRows = List.of();

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(2, false));
        new Label(parent, SWT.NONE).setText("Intervention:");
        picker = new Combo(parent, SWT.READ_ONLY);
        picker.setLayoutData(new GridData(SWT.LEFT, SWT.CENTER, false, false));
        picker.addListener(SWT.Selection, e -> load());
        headline = new Label(parent, SWT.WRAP);
        headline.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        headline.setFont(org.eclipse.jface.resource.JFaceResources.getBannerFont());
        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
        SashForm top = new SashForm(sash, SWT.HORIZONTAL);
        chart = new ChartCanvas(top);
        details = new Text(top, SWT.MULTI | SWT.WRAP | SWT.READ_ONLY | SWT.V_SCROLL | SWT.BORDER);
        top.setWeights(3, 2);
        balance = new TableViewer(sash, SWT.BORDER | SWT.FULL_SELECTION);
        balance.getTable().setHeaderVisible(true);
        balance.getTable().setLinesVisible(true);
        balance.setContentProvider(ArrayContentProvider.getInstance());
        for (int i = 0; i < BALANCE_COLUMNS.length; i++) {
            int index = i;
            TableViewerColumn column = new TableViewerColumn(balance, i == 0 || i == 6 ? SWT.LEFT : SWT.RIGHT);
            column.getColumn().setText(BALANCE_HEADERS[i]);
            column.getColumn().setWidth(i == 0 ? 230 : 150);
            column.setLabelProvider(new ColumnLabelProvider() {
                @Override
                public String getText(Object element) {
                    Object value = ((Object[]) element)[index];
                    if (value instanceof Number n) {
                        return String.format(Locale.US, "%.3f", n.doubleValue());
                    }
                    return value == null ? "" : value.toString();
                }
            });
        }
        sash.setWeights(3, 2);
        chart.clear("Open a workspace to see what its interventions achieved.");
        WorkspaceSession.get().addListener(this);
        WorkspaceSession.get().connection().ifPresent(c -> opened(null, c));
    }

    @Override
    public void opened(Path workspace, Connection connection) {
        new AnalysisJob<List<Choice>>("Reading interventions", connection, q -> {
            List<Choice> found = new ArrayList<>();
            if (!q.has("intervention_effects")) {
                return found;
            }
            AnalysisJob.Rows rows = q.query("select intervention_id, intervention_name, school_year from "
                    + "attendance.intervention_effects order by intervention_name, school_year desc");
            for (int i = 0; i < rows.size(); i++) {
                found.add(new Choice(((Number) rows.get(i, "intervention_id")).longValue(),
                        rows.text(i, "intervention_name"), rows.text(i, "school_year")));
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
                headline.setText("This workspace records no intervention participants.");
                chart.clear("No intervention to analyse.");
            } else {
                picker.select(0);
                load();
            }
        }, this::failed).schedule();
    }

    /** The interventions and years offered, as labelled in the picker. */
    public List<String> choices() {
        return choices.stream().map(Choice::label).toList();
    }

    public void select(String label) {
        picker.select(choices().indexOf(label));
        load();
    }

    private record Loaded(Choice choice, AnalysisJob.Rows effect, AnalysisJob.Rows balance,
            AnalysisJob.Rows monthly) {
    }

    private void load() {
        Connection connection = WorkspaceSession.get().connection().orElse(null);
        if (connection == null || picker.getSelectionIndex() < 0) {
            return;
        }
        Choice choice = choices.get(picker.getSelectionIndex());
        // MONTH is a reserved word of the SQL the engine parses: the column is quoted (its name is lower case)
        String where = " where intervention_id = " + choice.interventionId() + " and school_year = '"
                + choice.schoolYear() + "'";
        new AnalysisJob<Loaded>("Intervention ROI: " + choice.label(), connection,
                q -> new Loaded(choice, q.query("select * from attendance.intervention_effects" + where),
                        q.query("select * from attendance.intervention_balance" + where + " order by covariate"),
                        q.query("select * from attendance.intervention_monthly" + where
                                + " order by \"month\"")),
                this::show, this::failed).schedule();
    }

    private void show(Loaded loaded) {
        if (headline.isDisposed() || loaded.effect().size() == 0) {
            return;
        }
        // a slower load of an earlier pick must not replace what the analyst picked since
        int picked = picker.getSelectionIndex();
        if (picked < 0 || !choices.get(picked).equals(loaded.choice())) {
            return;
        }
        AnalysisJob.Rows e = loaded.effect();
        headline.setText(e.text(0, "summary"));
        details.setText(details(e));
        balanceRows = new ArrayList<>();
        for (int i = 0; i < loaded.balance().size(); i++) {
            Object[] row = new Object[BALANCE_COLUMNS.length];
            for (int c = 0; c < row.length; c++) {
                row[c] = loaded.balance().get(i, BALANCE_COLUMNS[c]);
            }
            balanceRows.add(row);
        }
        balance.setInput(balanceRows);
        showMonthly(loaded);
        headline.getParent().layout();
    }

    /** The figures with their intervals, the naive change beside them, and the method in words. */
    static String details(AnalysisJob.Rows e) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.US, "Design: %s. Participants: %,d (%,d left unmatched); comparison students: "
                + "%,d.%n", e.text(0, "design"), num(e, "participants").longValue(),
                num(e, "unmatched_participants").longValue(), num(e, "comparison_students").longValue()));
        text.append("Effect on absences: ").append(percentWithInterval(e, "relative_effect")).append('\n');
        text.append("Days gained per participant: ")
                .append(withInterval(e, "days_gained_per_participant", "days_gained", "%.1f")).append('\n');
        // chronic_change is a difference of shares (-0.08 = 8 points fewer chronically absent): shown in points
        text.append("Change in chronic absence (points): ").append(pointsWithInterval(e, "chronic_change"))
                .append('\n');
        text.append("Naive pre/post change of participants (not the answer): ")
                .append(percent(e.number(0, "naive_relative_change"))).append('\n');
        text.append("Cost: ").append(dollars(e.number(0, "cost_total"))).append("; ADA dollars gained: ")
                .append(dollarsWithInterval(e, "dollars_gained")).append("; net benefit: ")
                .append(dollarsWithInterval(e, "net_benefit")).append("; cost per day gained: ")
                .append(dollars(e.number(0, "cost_per_day_gained"))).append('\n');
        text.append("Balance: largest standardized difference after matching ")
                .append(e.number(0, "baseline_balance") == null ? "n/a"
                        : String.format(Locale.US, "%.3f", e.number(0, "baseline_balance")))
                .append(" (").append(e.text(0, "balance_verdict")).append(").\n\n");
        if (e.text(0, "p2_note") != null) {
            text.append(e.text(0, "p2_note")).append("\n\n");
        }
        text.append(e.text(0, "method_text"));
        return text.toString();
    }

    private void showMonthly(Loaded loaded) {
        AnalysisJob.Rows m = loaded.monthly();
        if (m.size() == 0) {
            chart.clear("No monthly series for " + loaded.choice().label() + ".");
            return;
        }
        TimeSeries participants = new TimeSeries("Participants");
        TimeSeries comparison = new TimeSeries("Comparison group");
        List<List<Object>> data = new ArrayList<>();
        for (int i = 0; i < m.size(); i++) {
            Day month = day(m.text(i, "month_start"));
            Double p = m.number(i, "participant_absence_rate");
            Double c = m.number(i, "comparison_absence_rate");
            if (p != null) {
                participants.addOrUpdate(month, 100 * p);
            }
            if (c != null) {
                comparison.addOrUpdate(month, 100 * c);
            }
            data.add(List.of(m.text(i, "month"), p == null ? "" : 100 * p, c == null ? "" : 100 * c));
        }
        TimeSeriesCollection dataset = new TimeSeriesCollection();
        dataset.addSeries(participants);
        dataset.addSeries(comparison);
        JFreeChart lines = ChartFactory.createTimeSeriesChart("Absence rate by month, " + loaded.choice().label(),
                "Month", "Days absent (% of days enrolled)", dataset, true, true, false);
        XYPlot plot = lines.getXYPlot();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        plot.setRenderer(renderer);
        String start = m.text(0, "start_date");
        ValueMarker marker = new ValueMarker(day(start).getFirstMillisecond());
        marker.setPaint(java.awt.Color.DARK_GRAY);
        marker.setStroke(new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER,
                10f, new float[] {6f, 4f}, 0f));
        marker.setLabel("start " + start);
        marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        plot.addDomainMarker(marker);
        chart.show(ChartStyle.apply(lines), new ChartData(List.of("month", "participant_absence_rate_pct",
                "comparison_absence_rate_pct"), data));
    }

    private static Day day(String isoDate) {
        LocalDate d = LocalDate.parse(isoDate.substring(0, 10));
        return new Day(java.util.Date.from(d.atStartOfDay(ZoneOffset.UTC).toInstant()),
                java.util.TimeZone.getTimeZone("UTC"), Locale.US);
    }

    private static Double num(AnalysisJob.Rows e, String column) {
        Double v = e.number(0, column);
        return v == null ? 0.0 : v;
    }

    private static String percent(Double v) {
        return v == null ? "n/a" : String.format(Locale.US, "%+.1f%%", 100 * v);
    }

    private static String percentWithInterval(AnalysisJob.Rows e, String column) {
        Double v = e.number(0, column);
        Double lo = e.number(0, column + "_ci_low");
        Double hi = e.number(0, column + "_ci_high");
        if (v == null) {
            return "n/a";
        }
        return lo == null || hi == null ? String.format(Locale.US, "%+.1f%%", 100 * v)
                : String.format(Locale.US, "%+.1f%% (95%% CI %+.1f%% to %+.1f%%)", 100 * v, 100 * lo, 100 * hi);
    }

    private static String pointsWithInterval(AnalysisJob.Rows e, String column) {
        Double v = e.number(0, column);
        Double lo = e.number(0, column + "_ci_low");
        Double hi = e.number(0, column + "_ci_high");
        if (v == null) {
            return "n/a";
        }
        return lo == null || hi == null ? String.format(Locale.US, "%+.1f", 100 * v)
                : String.format(Locale.US, "%+.1f (95%% CI %+.1f to %+.1f)", 100 * v, 100 * lo, 100 * hi);
    }

    /** A figure and its interval, held in {@code <interval>_ci_low} and {@code <interval>_ci_high}. */
    private static String withInterval(AnalysisJob.Rows e, String column, String interval, String format) {
        Double v = e.number(0, column);
        Double lo = e.number(0, interval + "_ci_low");
        Double hi = e.number(0, interval + "_ci_high");
        if (v == null) {
            return "n/a";
        }
        return lo == null || hi == null ? String.format(Locale.US, format, v)
                : String.format(Locale.US, format + " (95%% CI " + format + " to " + format + ")", v, lo, hi);
    }

    private static String dollars(Double v) {
        return v == null ? "n/a" : String.format(Locale.US, "$%,.0f", v);
    }

    private static String dollarsWithInterval(AnalysisJob.Rows e, String column) {
        Double v = e.number(0, column);
        return v == null ? "n/a" : dollars(v) + " (95% CI " + dollars(e.number(0, column + "_ci_low")) + " to "
                + dollars(e.number(0, column + "_ci_high")) + ")";
    }

    private void failed(String message) {
        if (!headline.isDisposed()) {
            headline.setText("Could not read the intervention analysis: " + message);
        }
    }

    /** The intervention and year shown in the picker. */
    public String picked() {
        return picker.getText();
    }

    /** The plain-language line on top. */
    public String headline() {
        return headline.getText();
    }

    /** The figures, the naive change and the method, as shown beside the chart. */
    public String details() {
        return details.getText();
    }

    public ChartCanvas chart() {
        return chart;
    }

    /** The balance table's rows: covariate, means, standardized differences, verdict. */
    public List<Object[]> balance() {
        return balanceRows;
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
