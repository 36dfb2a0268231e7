package org.rollcall.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.stream.Collectors;

import org.rollcall.model.AttendanceCategory;
import org.rollcall.model.Table;
import org.rollcall.rules.StasCounts;
import org.rollcall.store.metrics.MetricView;
import org.rollcall.store.metrics.MetricViews;
import org.rollcall.store.spi.Derivation;
import org.rollcall.store.spi.DerivationProgress;
import org.rollcall.store.spi.Derivations;

/**
 * Derives the CALPADS STAS-shaped summaries (docs/rules.md section 5, fields 13.15-13.22) from the daily
 * attendance, so that metric queries read one row per student, school and year instead of every day, then
 * refills the materialized metric views from them, then the tables of the {@link Derivation}s contributed here.
 *
 * <p>Districts that have only summaries report them as CALPADS STAS records ({@code stas_summaries}). A reported
 * record is taken for a student, school and year without any daily attendance; where both exist, the daily rows
 * win (they are the finer record, and the summary derived from them is what the district would report). Exempt
 * students (13.13 = Y) have no days and no summary.
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

    /** The attendance_summary column of each STAS day count (CanonicalSchema.ATTENDANCE_SUMMARY descriptions). */
    private static final Map<String, String> STAS_COLUMNS = Map.of("13.16", "days_attended_in_person",
            "13.17", "days_suspension_out", "13.18", "days_suspension_in", "13.19", "days_excused",
            "13.20", "days_unexcused", "13.21", "days_independent_study_non_ada", "13.22", "days_independent_study");

    /**
     * The reported STAS rows of students, schools and years that have no daily rows (run after {@link #rebuildSql},
     * so that a summary already there came from daily rows). Absences follow the same STAS formula as the daily
     * summaries; STAS reports no tardies (0); the first and last dates are those of the year's enrollments at the
     * school, as the summary has no days to take them from; the grade is that of the last enrollment.
     */
    static String reportedSql() {
        String absences = AttendanceCategory.ABSENCES.stream().map(c -> "r." + STAS_COLUMNS.get(c.stasField()))
                .collect(Collectors.joining(" + "));
        String enrollment = "FROM enrollments e WHERE e.student_id = r.student_id AND e.school_code = r.school_code "
                + "AND e.school_year = r.school_year";
        return """
                INSERT INTO attendance_summary
                SELECT r.student_id, r.school_code, r.school_year,
                       (SELECT e.grade %1$s ORDER BY e.entry_date DESC LIMIT 1) AS grade,
                       r.days_expected, r.days_attended_in_person, r.days_suspension_out, r.days_suspension_in,
                       r.days_excused, r.days_unexcused, r.days_independent_study_non_ada, r.days_independent_study,
                       %2$s, 0,
                       (SELECT MAX(MIN(e.entry_date), y.first_day) %1$s),
                       (SELECT MIN(MAX(COALESCE(e.exit_date, y.last_day)), y.last_day) %1$s)
                  FROM stas_summaries r
                  JOIN school_years y ON y.school_year = r.school_year
                 WHERE r.days_expected IS NOT NULL AND COALESCE(r.exemption_indicator, 'N') <> 'Y'
                   AND NOT EXISTS (SELECT 1 FROM attendance_summary a WHERE a.student_id = r.student_id
                                      AND a.school_code = r.school_code AND a.school_year = r.school_year)
                   AND EXISTS (SELECT 1 %1$s)
                """.formatted(enrollment, absences);
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

    /** Recomputes the summaries, the materialized views and the derived tables within the caller's transaction. */
    static void refill(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM attendance_summary");
            statement.executeUpdate(rebuildSql());
            statement.executeUpdate(reportedSql());
            for (MetricView view : MetricViews.ALL) {
                if (view.materialized()) {
                    statement.executeUpdate("DELETE FROM " + view.name());
                    statement.executeUpdate(view.refill());
                    if (view.suppression() != null) {
                        view.suppression().apply(connection, view.name());
                    }
                }
            }
            for (Derivation derivation : Derivations.available()) {
                for (Table table : derivation.tables()) {
                    // recreated, not emptied: a newer version of the derivation may have other columns
                    statement.executeUpdate("DROP TABLE IF EXISTS " + table.name());
                    statement.executeUpdate(SqliteDdl.createTable(table));
                }
                derivation.fill(connection, DerivationProgress.NONE);
            }
        }
    }
}
