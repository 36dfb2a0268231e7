package org.rollcall.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Collectors;

import org.rollcall.rules.StasCounts;
import org.rollcall.store.metrics.MetricView;
import org.rollcall.store.metrics.MetricViews;

/**
 * Derives the CALPADS STAS-shaped summaries (domain.md section 5, fields 13.15-13.22) from the daily
 * attendance, so that metric queries read one row per student, school and year instead of every day, then
 * refills the materialized metric views from them.
 */
final class SummaryBuilder {

    private SummaryBuilder() {
    }

    /**
     * Years outermost (CROSS JOIN fixes the order in SQLite): each year's days are then read in the daily
     * table's key order, so grouping streams instead of sorting millions of rows.
     */
    static String rebuildSql() {
        return """
                INSERT INTO attendance_summary
                SELECT d.student_id, d.school_code, y.school_year,
                       (SELECT e.grade FROM enrollments e
                         WHERE e.student_id = d.student_id AND e.school_code = d.school_code
                           AND e.school_year = y.school_year
                         ORDER BY e.entry_date DESC LIMIT 1),
                       COUNT(*),
                """
                + StasCounts.aggregates("d.category").stream().map(sum -> "       " + sum)
                        .collect(Collectors.joining(",\n"))
                + """
                ,
                       MIN(d.attendance_date),
                       MAX(d.attendance_date)
                  FROM school_years y
                 CROSS JOIN daily_attendance d
                 WHERE d.attendance_date BETWEEN y.start_date AND y.end_date
                 GROUP BY y.school_year, d.student_id, d.school_code
                """;
    }

    static void rebuild(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            refill(connection);
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Recomputes the summaries and the materialized views within the caller's transaction. */
    static void refill(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM attendance_summary");
            statement.executeUpdate(rebuildSql());
            for (MetricView view : MetricViews.ALL) {
                if (view.materialized()) {
                    statement.executeUpdate("DELETE FROM " + view.name());
                    statement.executeUpdate(view.refill());
                }
            }
        }
    }
}
