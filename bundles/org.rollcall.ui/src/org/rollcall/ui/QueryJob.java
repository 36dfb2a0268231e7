package org.rollcall.ui;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.ui.progress.IProgressConstants;

/**
 * Runs one SQL query as a cancellable Eclipse Job: cancelling the job cancels the JDBC statement, so the
 * engine stops at its next row rather than the query being abandoned. Each finished query is noted in the
 * log (the product's smoke test reads that line).
 */
final class QueryJob extends Job {

    /** The most rows fetched for display; the Results view says when a result was cut there. */
    static final int MAX_ROWS = 10_000;

    private final Connection connection;
    private final String sql;
    private volatile Statement statement;
    private volatile QueryResult result;

    QueryJob(Connection connection, String sql) {
        super("Running query");
        this.connection = connection;
        this.sql = sql;
        setUser(true);
        // a typo in SQL is reported in the console's status line, not in a modal dialog
        setProperty(IProgressConstants.NO_IMMEDIATE_ERROR_PROMPT_PROPERTY, Boolean.TRUE);
    }

    /** The rows fetched, once the job has ended with an OK status; null otherwise. */
    QueryResult result() {
        return result;
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        monitor.beginTask("Running " + abbreviate(sql), IProgressMonitor.UNKNOWN);
        long started = System.nanoTime();
        try (Statement s = connection.createStatement()) {
            statement = s;
            try (ResultSet rs = s.executeQuery(sql)) {
                ResultSetMetaData meta = rs.getMetaData();
                int count = meta.getColumnCount();
                List<String> columns = new ArrayList<>(count);
                for (int i = 1; i <= count; i++) {
                    columns.add(meta.getColumnLabel(i));
                }
                List<String[]> rows = new ArrayList<>();
                boolean truncated = false;
                while (rs.next()) {
                    if (monitor.isCanceled()) {
                        return Status.CANCEL_STATUS;
                    }
                    if (rows.size() == MAX_ROWS) {
                        truncated = true;
                        break;
                    }
                    String[] row = new String[count];
                    for (int i = 1; i <= count; i++) {
                        Object value = rs.getObject(i);
                        row[i - 1] = value == null ? "" : value.toString();
                    }
                    rows.add(row);
                }
                if (monitor.isCanceled()) {
                    return Status.CANCEL_STATUS;
                }
                long millis = (System.nanoTime() - started) / 1_000_000;
                ILog.of(QueryJob.class).info("Query finished: " + rows.size() + " row(s) in " + millis + " ms: "
                        + abbreviate(sql));
                result = new QueryResult(sql, columns, rows, truncated, millis);
                return Status.OK_STATUS;
            }
        } catch (SQLException | RuntimeException e) {
            if (monitor.isCanceled()) {
                return Status.CANCEL_STATUS;
            }
            return Status.error(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        } finally {
            statement = null;
            monitor.done();
        }
    }

    @Override
    protected void canceling() {
        Statement running = statement;
        if (running != null) {
            try {
                running.cancel();
            } catch (SQLException ignored) {
                // the monitor is cancelled too; the row loop stops at the next row
            }
        }
    }

    static String abbreviate(String sql) {
        String line = sql.replaceAll("\\s+", " ").strip();
        return line.length() <= 80 ? line : line.substring(0, 77) + "...";
    }
}
