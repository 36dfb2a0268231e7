package org.rollcall.analysis.recovery;

import static org.rollcall.model.Column.required;
import static org.rollcall.model.ColumnType.DOUBLE;
import static org.rollcall.model.ColumnType.INTEGER;
import static org.rollcall.model.ColumnType.TEXT;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rollcall.analysis.LcffRates;
import org.rollcall.model.Table;
import org.rollcall.store.spi.Derivation;
import org.rollcall.store.spi.DerivationProgress;

/**
 * Attendance Recovery in dollars (EC 46211, docs/rules.md sections 4 and 7): the days attendance_recovery_credit
 * credits, per fiscal year and LCFF grade span, valued as ADA: a day is one day-taught's share of a unit of ADA, at
 * the rates of lcff_rates ({@link LcffRates}: the year's own, else the nearest year's).
 */
public final class RecoveryDollarsDerivation implements Derivation {

    /** Said wherever the dollars are shown. */
    public static final String ASSUMPTION = "ADA value of the credited days at the LCFF base grant and grade-span "
            + "adjustment per ADA, divided by the days taught; no supplemental or concentration grant. Under the "
            + "hold-harmless rule (the greatest of current, prior-year or three-year-average ADA) recovered days may "
            + "add no money this year; a basic-aid district gains no state aid.";

    public static final Table ATTENDANCE_RECOVERY_DOLLARS = new Table("attendance_recovery_dollars",
            "Attendance Recovery in dollars per fiscal year and LCFF grade span: students credited, days credited "
                    + "(attendance_recovery_credit), days taught, the funding per ADA and the ADA value of the credited "
                    + "days. " + ASSUMPTION,
            List.of(required("school_year", TEXT, "Fiscal year, July 1-June 30, spelled as a school year"),
                    required("grade_span", TEXT, "LCFF grade span: K-3 (with TK), 4-6, 7-8, 9-12"),
                    required("students_credited", INTEGER, "Students credited at least one recovered day"),
                    required("days_credited", INTEGER, "Recovered days credited, after the caps"),
                    required("days_taught", INTEGER, "Instructional days of the year (calendar_days; 180 without a "
                            + "calendar)"),
                    required("funding_per_ada", DOUBLE, "Base grant plus grade-span adjustment per unit of ADA, dollars"),
                    required("dollars_per_day", DOUBLE, "What one more day attended is worth: funding_per_ada / days_taught"),
                    required("dollars", DOUBLE, "days_credited x dollars_per_day"),
                    required("rates_year", TEXT, "The fiscal year of the lcff_rates rates used (the year's own, else the "
                            + "nearest on record)"),
                    required("rates_source", TEXT, "Where the rates come from"),
                    required("assumption", TEXT, "What the dollars assume")),
            List.of("school_year", "grade_span"), List.of());

    /** Days taught when a year has no instructional calendar: the usual California school year. */
    static final int DEFAULT_DAYS_TAUGHT = 180;

    @Override
    public String name() {
        return "attendance-recovery-dollars";
    }

    @Override
    public List<Table> tables() {
        return List.of(ATTENDANCE_RECOVERY_DOLLARS);
    }

    @Override
    public void fill(Connection connection, DerivationProgress progress) throws SQLException {
        Map<String, Integer> daysTaught = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT school_year, SUM(is_instructional) FROM calendar_days "
                        + "GROUP BY school_year")) {
            while (rows.next()) {
                daysTaught.put(rows.getString(1), rows.getInt(2));
            }
        }
        record Cell(String year, String span) {
        }
        Map<Cell, long[]> cells = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT c.school_year, c.grade, c.days_credited "
                        + "FROM attendance_recovery_credit c WHERE c.days_credited > 0 ORDER BY c.school_year")) {
            while (rows.next()) {
                long[] cell = cells.computeIfAbsent(new Cell(rows.getString(1), LcffRates.gradeSpan(rows.getString(2))),
                        k -> new long[2]);
                cell[0]++;
                cell[1] += rows.getLong(3);
            }
        }
        LcffRates rates = LcffRates.read(connection);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO attendance_recovery_dollars VALUES "
                + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Map.Entry<Cell, long[]> entry : cells.entrySet()) {
                String year = entry.getKey().year();
                LcffRates.Rate rate = rates.rate(year, entry.getKey().span()).orElse(null);
                if (rate == null) {
                    // lcff_rates holds no rate for the span in any year: no dollars rather than invented ones
                    continue;
                }
                int taught = daysTaught.getOrDefault(year, 0) > 0 ? daysTaught.get(year) : DEFAULT_DAYS_TAUGHT;
                double perDay = rate.perAda() / taught;
                long days = entry.getValue()[1];
                Object[] values = {year, rate.gradeSpan(), entry.getValue()[0], days, taught, rate.perAda(), perDay,
                        days * perDay, rate.fiscalYear(), rate.source(), ASSUMPTION};
                for (int i = 0; i < values.length; i++) {
                    insert.setObject(i + 1, values[i]);
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
