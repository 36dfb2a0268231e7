package org.rollcall.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.swt.SWT;
import org.eclipse.swt.SWTError;
import org.eclipse.swt.browser.Browser;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.program.Program;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.part.ViewPart;
import org.eclipse.ui.progress.IProgressConstants;
import org.rollcall.reports.ReportException;
import org.rollcall.reports.ReportFormat;
import org.rollcall.reports.ReportParameter;
import org.rollcall.reports.ReportProgress;
import org.rollcall.reports.ReportRunner;
import org.rollcall.reports.ReportTemplate;
import org.rollcall.reports.ReportTemplates;

/**
 * The report templates (the built-ins and those plugins add) with a form for their parameters: a report runs as a
 * cancellable Job on the open workspace's connection; an HTML report opens here, a PDF or XLSX is saved where the
 * analyst says (and opened with the desktop's program for it).
 */
public class ReportsView extends ViewPart implements WorkspaceSession.Listener {

    public static final String ID = "org.rollcall.ui.reports";

    private final List<ReportTemplate> templates = ReportTemplates.all();
    private org.eclipse.swt.widgets.List list;
    private Label description;
    private Composite form;
    private final Map<String, Control> fields = new LinkedHashMap<>();
    private Combo format;
    private Button run;
    private Label status;
    private Browser browser;
    private List<String> schoolYears = List.of();
    private volatile List<Path> lastWritten = List.of();

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        list = new org.eclipse.swt.widgets.List(sash, SWT.BORDER | SWT.SINGLE | SWT.V_SCROLL);
        for (ReportTemplate template : templates) {
            list.add(template.title() + "  (" + template.id() + ")");
        }
        list.addListener(SWT.Selection, e -> showTemplate());

        Composite right = new Composite(sash, SWT.NONE);
        right.setLayout(new GridLayout(1, false));
        description = new Label(right, SWT.WRAP);
        description.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        form = new Composite(right, SWT.NONE);
        form.setLayout(new GridLayout(3, false));
        form.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        Composite buttons = new Composite(right, SWT.NONE);
        buttons.setLayout(new GridLayout(4, false));
        new Label(buttons, SWT.NONE).setText("Format:");
        format = new Combo(buttons, SWT.READ_ONLY);
        for (ReportFormat f : ReportFormat.values()) {
            format.add(f.name());
        }
        format.select(0);
        run = new Button(buttons, SWT.PUSH);
        run.setText("Run report...");
        run.addListener(SWT.Selection, e -> runAsked());
        status = new Label(right, SWT.WRAP);
        status.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        try {
            browser = new Browser(right, SWT.NONE);
            browser.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        } catch (SWTError noBrowser) {
            // no WebKitGTK on this desktop: HTML reports open in the desktop's browser instead
            browser = null;
        }
        sash.setWeights(1, 3);
        if (!templates.isEmpty()) {
            list.select(0);
        }
        showTemplate();
        WorkspaceSession.get().addListener(this);
        WorkspaceSession.get().connection().ifPresent(c -> opened(null, c));
    }

    @Override
    public void opened(Path workspace, Connection connection) {
        new AnalysisJob<List<String>>("Reading the workspace's school years", connection, q -> {
            AnalysisJob.Rows rows = q.query("select school_year from attendance.school_years order by school_year");
            List<String> years = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                years.add(rows.text(i, "school_year"));
            }
            return years;
        }, years -> {
            schoolYears = years;
            if (!form.isDisposed()) {
                showTemplate();
            }
        }, this::say).schedule();
    }

    /** The template selected, if any. */
    public Optional<ReportTemplate> template() {
        int i = list.getSelectionIndex();
        return i < 0 ? Optional.empty() : Optional.of(templates.get(i));
    }

    /** Selects a template by id, as a click on it in the list does. */
    public void select(String id) {
        for (int i = 0; i < templates.size(); i++) {
            if (templates.get(i).id().equals(id)) {
                list.select(i);
                showTemplate();
                return;
            }
        }
        throw new IllegalArgumentException("no template " + id);
    }

    /** The templates listed, by id. */
    public List<String> templateIds() {
        return templates.stream().map(ReportTemplate::id).toList();
    }

    /** The parameter fields shown for the selected template, by parameter name. */
    public List<String> parameterNames() {
        return List.copyOf(fields.keySet());
    }

    /** Sets a parameter's field as the analyst would type or pick it. */
    public void set(String parameter, String value) {
        Control field = fields.get(parameter);
        if (field instanceof Combo combo) {
            int index = List.of(combo.getItems()).indexOf(value);
            if (index < 0) {
                throw new IllegalArgumentException(parameter + " offers no " + value);
            }
            combo.select(index);
        } else if (field instanceof Text text) {
            text.setText(value);
        } else {
            throw new IllegalArgumentException("no parameter " + parameter);
        }
    }

    private void showTemplate() {
        for (Control child : form.getChildren()) {
            child.dispose();
        }
        fields.clear();
        Optional<ReportTemplate> selected = template();
        description.setText(selected.map(t -> t.title() + ": " + t.description()).orElse("No report template is installed."));
        run.setEnabled(selected.isPresent());
        selected.ifPresent(template -> {
            for (ReportParameter parameter : template.parameters()) {
                Label name = new Label(form, SWT.NONE);
                name.setText(parameter.name() + (parameter.required() ? " *" : "") + ":");
                Control field = field(parameter);
                field.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, false, false));
                ((GridData) field.getLayoutData()).widthHint = 260;
                fields.put(parameter.name(), field);
                Label help = new Label(form, SWT.WRAP);
                help.setText(parameter.describe());
                help.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            }
        });
        form.getParent().layout(true, true);
    }

    /** A choice or a school year is picked from what is allowed; text and dates are typed, with the default shown. */
    private Control field(ReportParameter parameter) {
        List<String> choices = switch (parameter.type()) {
            case CHOICE -> parameter.allowed();
            case SCHOOL_YEAR -> schoolYears;
            default -> null;
        };
        if (choices != null && !choices.isEmpty()) {
            Combo combo = new Combo(form, SWT.READ_ONLY);
            choices.forEach(combo::add);
            String initial = parameter.defaultValue() == null ? "" : parameter.defaultValue();
            if (parameter.type() == ReportParameter.Type.SCHOOL_YEAR) {
                initial = initial.equals(ReportParameter.FIRST_SCHOOL_YEAR) ? choices.get(0)
                        : initial.equals(ReportParameter.LATEST_SCHOOL_YEAR) ? choices.get(choices.size() - 1) : initial;
            }
            combo.select(Math.max(0, choices.indexOf(initial)));
            return combo;
        }
        Text text = new Text(form, SWT.BORDER);
        String initial = parameter.defaultValue();
        if (initial != null && !initial.equals(ReportParameter.FIRST_SCHOOL_YEAR)
                && !initial.equals(ReportParameter.LATEST_SCHOOL_YEAR)) {
            text.setText(initial);
        }
        text.setMessage(parameter.type() == ReportParameter.Type.DATE ? "YYYY-MM-DD" : parameter.name());
        return text;
    }

    /** The values in the form; an empty field is left to the template's default. */
    private Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        fields.forEach((name, field) -> {
            String value = field instanceof Combo combo ? combo.getText() : ((Text) field).getText().strip();
            if (!value.isEmpty()) {
                values.put(name, value);
            }
        });
        return values;
    }

    public ReportFormat format() {
        return ReportFormat.valueOf(format.getText());
    }

    public void format(ReportFormat f) {
        format.select(f.ordinal());
    }

    private void runAsked() {
        ReportTemplate template = template().orElseThrow();
        ReportFormat chosen = format();
        Path out;
        if (chosen == ReportFormat.HTML) {
            try {
                out = Files.createTempDirectory("rollcall-report-").resolve(template.id() + ".html");
            } catch (IOException e) {
                say("Cannot make a folder for the report: " + e.getMessage());
                return;
            }
        } else {
            FileDialog dialog = new FileDialog(list.getShell(), SWT.SAVE);
            dialog.setOverwrite(true);
            dialog.setFileName(template.id() + "." + chosen.extension());
            dialog.setFilterExtensions(new String[] {"*." + chosen.extension()});
            String file = dialog.open();
            if (file == null) {
                return;
            }
            out = Path.of(file);
        }
        run(out, written -> {
            if (chosen != ReportFormat.HTML || browser == null) {
                Program.launch(written.get(0).toString());
            }
        });
    }

    /**
     * Runs the selected template with the form's values to {@code out} as a Job; when it is done, an HTML report is
     * shown in the view and {@code then} gets the files written (the report first) on the UI thread.
     */
    public Job run(Path out, Consumer<List<Path>> then) {
        Connection connection = WorkspaceSession.get().connection().orElse(null);
        if (connection == null) {
            say("Open a workspace first.");
            return null;
        }
        ReportTemplate template = template().orElseThrow();
        Map<String, String> values = values();
        ReportFormat chosen = format();
        run.setEnabled(false);
        say("Running " + template.title() + "...");
        Job job = new Job("Report " + template.id() + " (" + chosen.extension() + ")") {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                monitor.beginTask(getName(), IProgressMonitor.UNKNOWN);
                ReportProgress progress = new ReportProgress() {
                    @Override
                    public void update(String phase, long done, long total) {
                        monitor.subTask(done > 0 ? phase + ": page " + done : phase);
                    }

                    @Override
                    public boolean cancelled() {
                        return monitor.isCanceled();
                    }
                };
                try {
                    List<Path> written = ReportRunner.run(template, connection, values, chosen, out, progress);
                    lastWritten = written;
                    onUi(() -> finished(chosen, written, then));
                    return Status.OK_STATUS;
                } catch (RuntimeException e) {
                    if (monitor.isCanceled()) {
                        return Status.CANCEL_STATUS; // said by the listener below
                    }
                    String message = e instanceof ReportException || e instanceof UncheckedIOException ? e.getMessage()
                            : "the report engine failed (" + e + ")";
                    onUi(() -> failed(message));
                    return Status.error(message, e);
                } finally {
                    monitor.done();
                }
            }
        };
        job.setUser(true);
        job.setProperty(IProgressConstants.NO_IMMEDIATE_ERROR_PROMPT_PROPERTY, Boolean.TRUE);
        job.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                // also when cancelled before it started, or stopped by anything the job did not catch
                IStatus result = event.getResult();
                if (result.getSeverity() == IStatus.CANCEL) {
                    onUi(() -> failed("cancelled, nothing was written."));
                } else if (!result.isOK()) {
                    onUi(() -> {
                        if (!status.isDisposed() && status.getText().startsWith("Running")) {
                            failed(result.getMessage());
                        }
                    });
                }
            }
        });
        job.schedule();
        return job;
    }

    private void finished(ReportFormat chosen, List<Path> written, Consumer<List<Path>> then) {
        if (status.isDisposed()) {
            return;
        }
        run.setEnabled(true);
        say("Wrote " + String.join(", ", written.stream().map(Path::toString).toList()));
        if (chosen == ReportFormat.HTML && browser != null) {
            browser.setUrl(written.get(0).toUri().toString());
        }
        then.accept(written);
    }

    private void failed(String message) {
        if (!status.isDisposed()) {
            run.setEnabled(true);
            say("The report did not run: " + message);
        }
    }

    private void say(String message) {
        if (!status.isDisposed()) {
            status.setText(message);
            status.getParent().layout();
        }
    }

    /** The line under the form: what ran, what was written, or why not. */
    public String status() {
        return status.getText();
    }

    /** The files the last report wrote, the report first. */
    public List<Path> lastWritten() {
        return lastWritten;
    }

    /** The URL the view shows (an HTML report), or empty when it has no browser or shows none. */
    public String shown() {
        return browser == null ? "" : browser.getUrl();
    }

    private static void onUi(Runnable r) {
        Display display = Display.getDefault();
        if (!display.isDisposed()) {
            display.asyncExec(r);
        }
    }

    @Override
    public void dispose() {
        WorkspaceSession.get().removeListener(this);
        super.dispose();
    }

    @Override
    public void setFocus() {
        list.setFocus();
    }
}
