package org.rollcall.store.metrics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.rollcall.rules.CellSuppression;

/**
 * Which cells of a materialized view are published together with their totals, and so how its
 * {@code suppression} column is filled after every refill ({@link CellSuppression}, docs/suppression.md).
 *
 * @param students the column of a cell's students, which decides primary suppression
 * @param counts columns that add up over a partition as the students do and are published or derivable
 * @param countsAtMostStudents whether no count exceeds the cell's students (chronically absent students)
 * @param partitions the totals published with their parts
 */
public record SuppressionRule(String students, List<String> counts, boolean countsAtMostStudents,
        List<Partition> partitions) {

    /** The column every suppressed view carries: PRIMARY, COMPLEMENTARY or NULL. */
    public static final String COLUMN = "suppression";

    /**
     * Rows that agree on the {@code within} columns form one partition: the row matching {@code total} and the
     * rows matching {@code parts} (SQL conditions over the view's columns).
     */
    public record Partition(List<String> within, String total, String parts) {

        public Partition {
            within = List.copyOf(within);
        }
    }

    public SuppressionRule {
        counts = List.copyOf(counts);
        partitions = List.copyOf(partitions);
    }

    /** Fills the suppression column of {@code table}, whose rows the summary rebuild has just written. */
    public void apply(Connection connection, String table) throws SQLException {
        List<Long> rowIds = new ArrayList<>();
        Map<Long, Integer> index = new HashMap<>();
        List<CellSuppression.Cell> cells = new ArrayList<>();
        String countColumns = counts.stream().map(c -> ", " + c).collect(Collectors.joining());
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT rowid, " + students + countColumns + " FROM " + table + " ORDER BY rowid")) {
            while (rs.next()) {
                long[] values = new long[counts.size()];
                for (int k = 0; k < values.length; k++) {
                    values[k] = rs.getLong(3 + k);
                }
                index.put(rs.getLong(1), cells.size());
                rowIds.add(rs.getLong(1));
                cells.add(new CellSuppression.Cell(rs.getLong(2), values));
            }
        }
        List<CellSuppression.Partition> found = new ArrayList<>();
        for (Partition partition : partitions) {
            found.addAll(find(connection, table, partition, index));
        }
        List<CellSuppression.Reason> reasons = CellSuppression.suppress(cells, found, countsAtMostStudents);
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE " + table + " SET " + COLUMN + " = ? WHERE rowid = ?")) {
            for (int i = 0; i < reasons.size(); i++) {
                if (reasons.get(i) != null) {
                    update.setString(1, reasons.get(i).name());
                    update.setLong(2, rowIds.get(i));
                    update.addBatch();
                }
            }
            update.executeBatch();
        }
    }

    private static List<CellSuppression.Partition> find(Connection connection, String table, Partition partition,
            Map<Long, Integer> index) throws SQLException {
        Map<List<Object>, Integer> totals = new LinkedHashMap<>();
        Map<List<Object>, List<Integer>> parts = new HashMap<>();
        String sql = "SELECT rowid, (" + partition.total() + ") AS is_total, " + String.join(", ", partition.within())
                + " FROM " + table + " WHERE (" + partition.total() + ") OR (" + partition.parts() + ") ORDER BY rowid";
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                List<Object> key = new ArrayList<>();
                for (int c = 0; c < partition.within().size(); c++) {
                    key.add(rs.getObject(3 + c));
                }
                int cell = index.get(rs.getLong(1));
                if (rs.getBoolean(2)) {
                    totals.put(key, cell);
                } else {
                    parts.computeIfAbsent(key, k -> new ArrayList<>()).add(cell);
                }
            }
        }
        List<CellSuppression.Partition> found = new ArrayList<>();
        totals.forEach((key, total) -> found.add(new CellSuppression.Partition(total, parts.getOrDefault(key, List.of()))));
        return found;
    }
}
