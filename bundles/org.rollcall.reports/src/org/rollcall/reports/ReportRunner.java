package org.rollcall.reports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.eclipse.birt.report.engine.api.EngineException;
import org.eclipse.birt.report.engine.api.HTMLRenderOption;
import org.eclipse.birt.report.engine.api.IProgressMonitor;
import org.eclipse.birt.report.engine.api.IReportRunnable;
import org.eclipse.birt.report.engine.api.IRunAndRenderTask;
import org.eclipse.birt.report.engine.api.PDFRenderOption;
import org.eclipse.birt.report.engine.api.RenderOption;
import org.eclipse.birt.report.model.api.OdaDataSetHandle;
import org.eclipse.birt.report.model.api.OdaDataSetParameterHandle;
import org.eclipse.birt.report.model.api.ReportDesignHandle;
import org.rollcall.engine.RollCallDriver;

/**
 * Runs a report template on a workspace and renders it to PDF, HTML or XLSX. The template's data sets read the
 * {@code jdbc:rollcall:} connection it is given (BIRT's JDBC data set with a passed-in connection), so a report
 * shows exactly what the engine's views say, suppression included.
 */
public final class ReportRunner {

    /** The application-context key under which templates find the Dashboard student groups' names. */
    public static final String STUDENT_GROUPS = "rollcall.studentGroups";

    private ReportRunner() {
    }

    /** Opens the workspace, runs the template, and returns the files written (the report first). */
    public static List<Path> run(ReportTemplate template, Path workspace, Map<String, String> parameters,
            ReportFormat format, Path out, ReportProgress progress) {
        if (!Files.isRegularFile(workspace)) {
            throw new ReportException("no workspace at " + workspace);
        }
        try (Connection connection = RollCallDriver.open(workspace)) {
            return run(template, connection, parameters, format, out, progress);
        } catch (SQLException e) {
            throw new ReportException("cannot open the workspace " + workspace + ": " + e.getMessage(), e);
        }
    }

    /** Runs the template on an open connection (left open) and returns the files written (the report first). */
    public static List<Path> run(ReportTemplate template, Connection connection, Map<String, String> parameters,
            ReportFormat format, Path out, ReportProgress progress) {
        Map<String, String> values = values(template, parameters, connection);
        progress.update("Starting the report engine", 0, 1);
        var engine = ReportEngine.get();
        progress.update("Starting the report engine", 1, 1);
        List<Path> written = new ArrayList<>();
        try (InputStream design = template.design().openStream()) {
            IReportRunnable runnable = engine.openReportDesign(template.id(), design);
            Path partial = partial(out);
            IRunAndRenderTask task = engine.createRunAndRenderTask(runnable);
            try {
                Map<String, Object> context = new HashMap<>();
                context.put("OdaJDBCDriverPassInConnection", connection);
                context.put("OdaJDBCDriverPassInConnectionCloseAfterUse", Boolean.FALSE);
                context.put(STUDENT_GROUPS, new StudentGroupNames());
                task.setAppContext(context);
                values.forEach(task::setParameterValue);
                if (template.localeParameter() != null) {
                    task.setLocale(Locale.forLanguageTag(values.get(template.localeParameter())));
                }
                task.setRenderOption(renderOption(format, partial));
                String phase = "Rendering " + template.id() + " (" + format.extension() + ")";
                task.setProgressMonitor(new Monitor(progress, phase, task));
                progress.update(phase, 0, 0);
                task.run();
                if (progress.cancelled()) {
                    Files.deleteIfExists(partial);
                    throw new ReportException("report " + template.id() + " cancelled: nothing was written to " + out);
                }
                List<?> errors = task.getErrors();
                if (!errors.isEmpty()) {
                    throw new ReportException("report " + template.id() + " failed: " + describe((Throwable) errors.get(0)));
                }
            } finally {
                task.close();
            }
            Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING);
            written.add(out);
            for (ReportTemplate.Companion companion : template.companions()) {
                written.add(writeCompanion(runnable, companion, connection, values, out));
            }
            return written;
        } catch (EngineException e) {
            throw new ReportException("report " + template.id() + " failed: " + describe(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        }
    }

    /** The parameters as the template receives them: given, else default; unknown names and bad values refused. */
    static Map<String, String> values(ReportTemplate template, Map<String, String> given, Connection connection) {
        for (String name : given.keySet()) {
            if (template.parameter(name).isEmpty()) {
                throw new ReportException("template " + template.id() + " has no parameter '" + name + "' (it has: "
                        + String.join(", ", template.parameters().stream().map(ReportParameter::name).toList()) + ")");
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (ReportParameter parameter : template.parameters()) {
            String value = given.get(parameter.name());
            if (value == null) {
                if (parameter.required()) {
                    throw new ReportException("template " + template.id() + " needs --param " + parameter.name() + "=...: "
                            + parameter.describe());
                }
                value = parameter.defaultValue();
                if (parameter.type() == ReportParameter.Type.SCHOOL_YEAR
                        && (value.equals(ReportParameter.FIRST_SCHOOL_YEAR) || value.equals(ReportParameter.LATEST_SCHOOL_YEAR))) {
                    List<String> years = schoolYears(connection);
                    if (years.isEmpty()) {
                        throw new ReportException("the workspace has no school years");
                    }
                    value = value.equals(ReportParameter.FIRST_SCHOOL_YEAR) ? years.get(0) : years.get(years.size() - 1);
                }
            }
            value = value.isEmpty() ? value : parameter.checked(value);
            if (parameter.type() == ReportParameter.Type.SCHOOL_YEAR) {
                requireSchoolYear(connection, parameter, value);
            }
            values.put(parameter.name(), value);
        }
        return values;
    }

    private static void requireSchoolYear(Connection connection, ReportParameter parameter, String value) {
        List<String> years = schoolYears(connection);
        if (!years.contains(value)) {
            throw new ReportException("parameter " + parameter.name() + ": the workspace has no school year " + value
                    + " (it has " + String.join(", ", years) + ")");
        }
    }

    private static List<String> schoolYears(Connection connection) {
        List<String> years = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select school_year from school_years order by school_year")) {
            while (rs.next()) {
                years.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new ReportException("cannot read the workspace's school years: " + e.getMessage(), e);
        }
        return years;
    }

    private static RenderOption renderOption(ReportFormat format, Path file) {
        RenderOption option = switch (format) {
            case PDF -> {
                PDFRenderOption pdf = new PDFRenderOption();
                pdf.setEmbededFont(true);
                yield pdf;
            }
            case HTML -> {
                HTMLRenderOption html = new HTMLRenderOption();
                html.setEmbeddable(false);
                // charts and images beside the page, linked relatively, so the folder can be moved or served as is
                String images = imagesFolder(file);
                html.setImageDirectory(file.toAbsolutePath().resolveSibling(images).toString());
                html.setBaseImageURL(images);
                yield html;
            }
            case XLSX -> {
                RenderOption xlsx = new RenderOption();
                // one sheet for the whole report, not one per page: the table pastes in one piece
                xlsx.setOption("ExcelEmitter.SingleSheet", Boolean.TRUE);
                yield xlsx;
            }
        };
        option.setOutputFormat(format.emitter());
        option.setOutputFileName(file.toAbsolutePath().toString());
        return option;
    }

    /** lcap.html's images go to lcap_images/ (named after the final file, not the partial one). */
    static String imagesFolder(Path file) {
        String name = file.getFileName().toString().replaceFirst("\\.partial$", "");
        int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name) + "_images";
    }

    /** The report is written aside and moved into place, so a failed run leaves no half file under the name asked. */
    private static Path partial(Path out) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        return parent.resolve(out.getFileName() + ".partial");
    }

    /**
     * Writes a companion (the mail-merge list beside letters) as CSV from a data set of the template itself, with
     * the same query and parameters the report used, so the list and the letters cannot disagree.
     */
    private static Path writeCompanion(IReportRunnable runnable, ReportTemplate.Companion companion, Connection connection,
            Map<String, String> values, Path out) throws IOException {
        ReportDesignHandle design = (ReportDesignHandle) runnable.getDesignHandle();
        OdaDataSetHandle dataSet = (OdaDataSetHandle) design.findDataSet(companion.dataSet());
        if (dataSet == null) {
            throw new ReportException("template has no data set '" + companion.dataSet() + "'");
        }
        String name = out.getFileName().toString();
        int dot = name.lastIndexOf('.');
        Path file = out.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + companion.suffix());
        try (PreparedStatement statement = connection.prepareStatement(dataSet.getQueryText())) {
            for (Iterator<?> it = dataSet.parametersIterator(); it.hasNext(); ) {
                OdaDataSetParameterHandle parameter = (OdaDataSetParameterHandle) it.next();
                statement.setString(parameter.getPosition(), values.get(parameter.getParamName()));
            }
            try (ResultSet rs = statement.executeQuery(); Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                ResultSetMetaData meta = rs.getMetaData();
                String[] header = new String[meta.getColumnCount()];
                for (int c = 1; c <= header.length; c++) {
                    header[c - 1] = meta.getColumnLabel(c);
                }
                CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader(header).get());
                while (rs.next()) {
                    for (int c = 1; c <= header.length; c++) {
                        printer.print(rs.getObject(c));
                    }
                    printer.println();
                }
                printer.flush();
            }
        } catch (SQLException e) {
            throw new ReportException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    private static String describe(Throwable e) {
        StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != e; cause = cause.getCause()) {
            if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
                message.append(": ").append(cause.getMessage());
            }
        }
        return message.toString().replaceAll("\\s+", " ").trim();
    }

    /** BIRT's page and row events as progress: pages written while rendering. */
    /**
     * Hands BIRT's progress on, and cancels the task at its next step once the caller has cancelled. BIRT's cancel
     * waits for the task to stop, so it is asked from a thread of its own, never from the task's.
     */
    private static final class Monitor implements IProgressMonitor {
        private final ReportProgress progress;
        private final String phase;
        private final IRunAndRenderTask task;
        private volatile boolean cancelAsked;

        Monitor(ReportProgress progress, String phase, IRunAndRenderTask task) {
            this.progress = progress;
            this.phase = phase;
            this.task = task;
        }

        @Override
        public void onProgress(int type, int value) {
            if (progress.cancelled()) {
                if (!cancelAsked) {
                    cancelAsked = true;
                    Thread cancel = new Thread(task::cancel, "rollcall-report-cancel");
                    cancel.setDaemon(true);
                    cancel.start();
                }
                return;
            }
            if (type == END_PAGE) {
                progress.update(phase, value, 0);
            }
        }
    }
}
