package org.rollcall.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Runs SQL on a RollCall connection and prints the rows as an aligned table or as CSV. */
final class QueryRunner {

    private final Connection connection;

    QueryRunner(Connection connection) {
        this.connection = connection;
    }

    /** The first column of the first row, or an empty string when there is none. */
    String single(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? String.valueOf(rs.getObject(1)) : "";
        }
    }

    /** Turns one row into one line of text. */
    @FunctionalInterface
    interface RowText {
        String of(ResultSet row) throws SQLException;
    }

    /** Prints one line per row, control characters escaped, and returns how many rows there were. */
    int printLines(PrintWriter out, String sql, RowText text) throws SQLException {
        int lines = 0;
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                out.println(TerminalText.escaped(text.of(rs)));
                lines++;
            }
        }
        return lines;
    }

    /** Prints the rows as an aligned table, one line per row, control characters escaped ({@link TerminalText}). */
    void printTable(PrintWriter out, String sql) throws SQLException {
        Result result = run(sql).escaped(TerminalText::escaped);
        int columns = result.labels.size();
        int[] widths = new int[columns];
        for (int c = 0; c < columns; c++) {
            widths[c] = result.labels.get(c).length();
            for (List<String> row : result.rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        printRow(out, result.labels, widths, result.numeric);
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < columns; c++) {
            rule.append(c == 0 ? "" : "-+-").append("-".repeat(widths[c]));
        }
        out.println(rule);
        for (List<String> row : result.rows) {
            printRow(out, row, widths, result.numeric);
        }
        out.printf("(%d row%s)%n", result.rows.size(), result.rows.size() == 1 ? "" : "s");
    }

    /** Prints the rows as RFC 4180 CSV: values as stored, but for control characters other than tab and line breaks. */
    void printCsv(PrintWriter out, String sql) throws SQLException {
        Result result = run(sql).escaped(TerminalText::escapedKeepingLines);
        try {
            CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder()
                    .setHeader(result.labels.toArray(String[]::new)).get());
            for (List<String> row : result.rows) {
                printer.printRecord(row);
            }
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void printRow(PrintWriter out, List<String> cells, int[] widths, boolean[] numeric) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String format = "%" + (numeric[c] ? "" : "-") + widths[c] + "s";
            line.append(c == 0 ? "" : " | ").append(String.format(format, cells.get(c)));
        }
        out.println(line.toString().stripTrailing());
    }

    private Result run(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            int columns = meta.getColumnCount();
            List<String> labels = new ArrayList<>();
            boolean[] numeric = new boolean[columns];
            for (int c = 1; c <= columns; c++) {
                labels.add(meta.getColumnLabel(c));
                numeric[c - 1] = isNumeric(meta.getColumnType(c));
            }
            List<List<String>> rows = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>(columns);
                for (int c = 1; c <= columns; c++) {
                    Object value = rs.getObject(c);
                    row.add(value == null ? "" : value.toString());
                }
                rows.add(row);
            }
            return new Result(labels, numeric, rows);
        }
    }

    private static boolean isNumeric(int sqlType) {
        return switch (sqlType) {
            case java.sql.Types.TINYINT, java.sql.Types.SMALLINT, java.sql.Types.INTEGER, java.sql.Types.BIGINT,
                    java.sql.Types.REAL, java.sql.Types.FLOAT, java.sql.Types.DOUBLE, java.sql.Types.DECIMAL,
                    java.sql.Types.NUMERIC -> true;
            default -> false;
        };
    }

    private record Result(List<String> labels, boolean[] numeric, List<List<String>> rows) {

        Result escaped(java.util.function.UnaryOperator<String> escape) {
            return new Result(labels.stream().map(escape).toList(), numeric,
                    rows.stream().map(row -> row.stream().map(escape).toList()).toList());
        }
    }
}
