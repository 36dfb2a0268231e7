package org.rollcall.ui;

import java.nio.file.Path;
import java.sql.Connection;
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
import org.eclipse.ui.part.ViewPart;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The Attendance Recovery ledger (EC 46211): per year, who recovered how many days under the caps, and the chronic
 * absenteeism rate of each student group with and without the recovered days (CDE's alternate rate), as a chart. The
 * rates are the publishable ones: groups of 10 or fewer students, and those that would give them away, are withheld.
 */
public class RecoveryView extends ViewPart implements WorkspaceSession.Listener {

    public static final String ID = "org.rollcall.ui.recovery";

    /** The ledger: one row per grade of the year, then the year's total. */
    static final String LEDGER_SQL = """
            select coalesce(grade, '(none)') as grade, count(*) as students, sum(sessions) as sessions,
                   sum(minutes_counted) as minutes_counted, sum(days_earned) as days_earned,
                   sum(days_credited) as days_credited,
                   sum(case when days_capped_by = 'TEN_DAYS' then 1 else 0 end) as capped_at_ten_days,
                   sum(case when days_capped_by = 'ABSENCES' then 1 else 0 end) as capped_by_absences,
                   sum(case when eligible then 0 else 1 end) as not_eligible
              from attendance.attendance_recovery_credit where school_year = '%s'
             group by grade order by grade
            """;
    static final String RATES_SQL = """
            select student_group, eligible_students, chronic_rate, chronic_rate_with_recovery, days_recovered,
                   students_with_recovered_days, suppressed
              from attendance.chronic_absence_with_recovery_published
             where definition = 'DATAQUEST' and reporting_level = 'DISTRICT' and school_year = '%s'
             order by case when student_group = 'ALL' then 0 else 1 end, student_group
            """;

    private static final String[] LEDGER_COLUMNS = {"grade", "students", "sessions", "minutes_counted", "days_earned",
        "days_credited", "capped_at_ten_days", "capped_by_absences", "not_eligible"};
    private static final String[] LEDGER_HEADERS = {"Grade", "Students", "Sessions", "Minutes counted", "Days earned",
        "Days credited", "Capped at 10 days", "Capped by absences", "Not eligible (IS > 15 days)"};

    private Combo year;
    private Label summary;
    private ChartCanvas chart;
    private TableViewer ledger;
    private List<Object[]> ledgerRows = List.of();

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(3, false));
        new Label(parent, SWT.NONE).setText("School year:");
        year = new Combo(parent, SWT.READ_ONLY);
        year.addListener(SWT.Selection, e -> load());
        summary = new Label(parent, SWT.WRAP);
        summary.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1));
        chart = new ChartCanvas(sash);
        ledger = new TableViewer(sash, SWT.BORDER | SWT.FULL_SELECTION);
        ledger.getTable().setHeaderVisible(true);
        ledger.getTable().setLinesVisible(true);
        ledger.setContentProvider(ArrayContentProvider.getInstance());
        for (int i = 0; i < LEDGER_COLUMNS.length; i++) {
            int index = i;
            TableViewerColumn column = new TableViewerColumn(ledger, i == 0 ? SWT.LEFT : SWT.RIGHT);
            column.getColumn().setText(LEDGER_HEADERS[i]);
            column.getColumn().setWidth(i == LEDGER_COLUMNS.length - 1 ? 190 : 110);
            column.setLabelProvider(new ColumnLabelProvider() {
                @Override
                public String getText(Object element) {
                    Object value = ((Object[]) element)[index];
                    return value == null ? "" : value.toString();
                }
            });
        }
        sash.setWeights(3, 2);
        chart.clear("Open a workspace to see its Attendance Recovery.");
        WorkspaceSession.get().addListener(this);
        WorkspaceSession.get().connection().ifPresent(c -> opened(null, c));
    }

    @Override
    public void opened(Path workspace, Connection connection) {
        new AnalysisJob<List<String>>("Reading Attendance Recovery years", connection,
                q -> {
                    List<String> years = new ArrayList<>();
                    AnalysisJob.Rows rows = q.query("select distinct school_year from "
                            + "attendance.chronic_absence_with_recovery order by school_year desc");
                    for (int i = 0; i < rows.size(); i++) {
                        years.add(rows.text(i, "school_year"));
                    }
                    return years;
                }, years -> {
                    if (year.isDisposed()) {
                        return;
                    }
                    year.setItems(years.toArray(String[]::new));
                    if (!years.isEmpty()) {
                        year.select(0);
                        load();
                    } else {
                        chart.clear("This workspace has no attendance yet.");
                    }
                }, this::failed).schedule();
    }

    /** The years offered, newest first. */
    public String[] years() {
        return year.getItems();
    }

    public void selectYear(String schoolYear) {
        year.select(List.of(year.getItems()).indexOf(schoolYear));
        load();
    }

    private record Loaded(String schoolYear, AnalysisJob.Rows ledger, AnalysisJob.Rows rates) {
    }

    private void load() {
        Connection connection = WorkspaceSession.get().connection().orElse(null);
        if (connection == null || year.getSelectionIndex() < 0) {
            return;
        }
        String schoolYear = year.getItem(year.getSelectionIndex());
        new AnalysisJob<Loaded>("Attendance Recovery " + schoolYear, connection,
                q -> new Loaded(schoolYear, q.query(LEDGER_SQL.formatted(schoolYear)),
                        q.query(RATES_SQL.formatted(schoolYear))),
                this::show, this::failed).schedule();
    }

    private void show(Loaded loaded) {
        if (summary.isDisposed()) {
            return;
        }
        ledgerRows = new ArrayList<>();
        long students = 0;
        long credited = 0;
        for (int i = 0; i < loaded.ledger().size(); i++) {
            Object[] row = new Object[LEDGER_COLUMNS.length];
            for (int c = 0; c < row.length; c++) {
                row[c] = loaded.ledger().get(i, LEDGER_COLUMNS[c]);
            }
            students += ((Number) row[1]).longValue();
            credited += ((Number) row[5]).longValue();
            ledgerRows.add(row);
        }
        ledger.setInput(ledgerRows);
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        List<List<Object>> data = new ArrayList<>();
        String all = "";
        for (int i = 0; i < loaded.rates().size(); i++) {
            String group = loaded.rates().text(i, "student_group");
            Double without = loaded.rates().number(i, "chronic_rate");
            Double with = loaded.rates().number(i, "chronic_rate_with_recovery");
            data.add(List.of(group, value(loaded.rates().get(i, "eligible_students")), value(without), value(with)));
            if (without == null || with == null) {
                continue; // withheld: no bar, and the CSV keeps the empty cell
            }
            dataset.addValue(without, "Without recovered days", group);
            dataset.addValue(with, "With recovered days", group);
            if (group.equals("ALL")) {
                all = String.format(Locale.US, " Chronic absence %.1f%% without and %.1f%% with recovered days "
                        + "(district, DataQuest definition).", without, with);
            }
        }
        summary.setText(String.format(Locale.US, "%s: %,d students earned recovery credit, %,d days credited.%s",
                loaded.schoolYear(), students, credited, all));
        summary.getParent().layout();
        if (dataset.getColumnCount() == 0) {
            chart.clear("No group of more than 10 students has a rate in " + loaded.schoolYear() + ".");
        } else {
            JFreeChart bars = ChartFactory.createBarChart("Chronic absenteeism with and without Attendance Recovery, "
                    + loaded.schoolYear(), "Student group (groups of 10 or fewer withheld)", "Chronically absent (%)",
                    dataset, PlotOrientation.VERTICAL, true, true, false);
            chart.show(ChartStyle.apply(bars), new ChartData(List.of("student_group", "eligible_students", "chronic_rate",
                    "chronic_rate_with_recovery"), data));
        }
    }

    private static Object value(Object o) {
        return o == null ? "" : o;
    }

    private void failed(String message) {
        if (!summary.isDisposed()) {
            summary.setText("Could not read Attendance Recovery: " + message);
        }
    }

    /** The summary line above the chart. */
    public String summary() {
        return summary.getText();
    }

    public ChartCanvas chart() {
        return chart;
    }

    /** The ledger's rows as shown: grade, students, sessions, minutes, days earned, credited, caps. */
    public List<Object[]> ledger() {
        return ledgerRows;
    }

    @Override
    public void dispose() {
        WorkspaceSession.get().removeListener(this);
        super.dispose();
    }

    @Override
    public void setFocus() {
        year.setFocus();
    }

}
