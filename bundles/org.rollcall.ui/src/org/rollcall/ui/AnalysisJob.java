package org.rollcall.ui;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.progress.IProgressConstants;

/**
 * Loads what an analysis view shows as a cancellable Eclipse Job: each query runs through the workspace's
 * {@code jdbc:rollcall:} connection, cancelling the job cancels the running statement, and the result is handed to
 * the view on the UI thread.
 *
 * @param <T> what the view shows
 */
public final class AnalysisJob<T> extends Job {

    /** What a view loads: any number of queries through {@link Queries}. */
    @FunctionalInterface
    public interface Loader<T> {
        T load(Queries queries) throws SQLException;
    }

    /** The rows of one query, with their values as the driver gives them. */
    public record Rows(List<String> columns, List<Object[]> rows) {

        private int index(String column) {
            int i = columns.indexOf(column);
            if (i < 0) {
                throw new IllegalArgumentException("no column " + column + " in " + columns);
            }
            return i;
        }

        public Object get(int row, String column) {
            return rows.get(row)[index(column)];
        }

        /** A number, or null for SQL NULL (a suppressed cell). */
        public Double number(int row, String column) {
            Object value = get(row, column);
            return value == null ? null : ((Number) value).doubleValue();
        }

        public String text(int row, String column) {
            Object value = get(row, column);
            return value == null ? null : value.toString();
        }

        public int size() {
            return rows.size();
        }
    }

    /** Runs queries for a loader, so that a cancelled job stops the one running. */
    public static final class Queries {
        private final AnalysisJob<?> job;
        private final IProgressMonitor monitor;

        private Queries(AnalysisJob<?> job, IProgressMonitor monitor) {
            this.job = job;
            this.monitor = monitor;
        }

        public Rows query(String sql) throws SQLException {
            if (monitor.isCanceled()) {
                throw new OperationCanceledException();
            }
            monitor.subTask(QueryJob.abbreviate(sql));
            try (Statement s = job.connection.createStatement()) {
                job.running = s;
                try (ResultSet rs = s.executeQuery(sql)) {
                    ResultSetMetaData meta = rs.getMetaData();
                    List<String> columns = new ArrayList<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        columns.add(meta.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT));
                    }
                    List<Object[]> rows = new ArrayList<>();
                    while (rs.next()) {
                        if (monitor.isCanceled()) {
                            throw new OperationCanceledException();
                        }
                        Object[] row = new Object[columns.size()];
                        for (int i = 0; i < row.length; i++) {
                            row[i] = rs.getObject(i + 1);
                        }
                        rows.add(row);
                    }
                    return new Rows(columns, rows);
                }
            } finally {
                job.running = null;
            }
        }

        /** Whether the attendance schema has this table or view (an older workspace may lack the analysis). */
        public boolean has(String table) throws SQLException {
            try (ResultSet rs = job.connection.getMetaData().getTables(null, "attendance", table, null)) {
                return rs.next();
            }
        }
    }

    private final Connection connection;
    private final Loader<T> loader;
    private final Consumer<T> onLoaded;
    private final Consumer<String> onFailed;
    private volatile Statement running;

    /**
     * @param onLoaded gets the result on the UI thread
     * @param onFailed gets a message for the analyst on the UI thread
     */
    public AnalysisJob(String name, Connection connection, Loader<T> loader, Consumer<T> onLoaded,
            Consumer<String> onFailed) {
        super(name);
        this.connection = connection;
        this.loader = loader;
        this.onLoaded = onLoaded;
        this.onFailed = onFailed;
        setUser(true);
        setProperty(IProgressConstants.NO_IMMEDIATE_ERROR_PROMPT_PROPERTY, Boolean.TRUE);
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        monitor.beginTask(getName(), IProgressMonitor.UNKNOWN);
        try {
            T result = loader.load(new Queries(this, monitor));
            if (monitor.isCanceled()) {
                return Status.CANCEL_STATUS;
            }
            onUi(() -> onLoaded.accept(result));
            return Status.OK_STATUS;
        } catch (OperationCanceledException e) {
            return Status.CANCEL_STATUS;
        } catch (SQLException | RuntimeException e) {
            if (monitor.isCanceled()) {
                return Status.CANCEL_STATUS;
            }
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            onUi(() -> onFailed.accept(message));
            return Status.error(message, e);
        } finally {
            monitor.done();
        }
    }

    @Override
    protected void canceling() {
        Statement statement = running;
        if (statement != null) {
            try {
                statement.cancel();
            } catch (SQLException ignored) {
                // the monitor is cancelled too: the loader stops at its next row
            }
        }
    }

    private static void onUi(Runnable r) {
        Display display = Display.getDefault();
        if (!display.isDisposed()) {
            display.asyncExec(r);
        }
    }

    /** Groups rows by the text of one column, keeping their order. */
    public static Map<String, List<Integer>> groupBy(Rows rows, String column) {
        Map<String, List<Integer>> groups = new java.util.LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            groups.computeIfAbsent(String.valueOf(rows.get(i, column)), k -> new ArrayList<>()).add(i);
        }
        return groups;
    }

}
