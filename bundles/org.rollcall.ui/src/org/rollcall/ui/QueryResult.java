package org.rollcall.ui;

import java.util.List;

/** The rows a query returned (at most {@link QueryJob#MAX_ROWS}), with how long it took. */
public record QueryResult(String sql, List<String> columns, List<String[]> rows, boolean truncated, long millis) {

    /** How many rows in how long, and whether more rows exist than are shown, e.g. "52 rows in 120 ms". */
    public String summary() {
        String rowCount = String.format("%,d %s", rows.size(), rows.size() == 1 ? "row" : "rows");
        return truncated
                ? String.format("Showing the first %s in %,d ms; the query returned more", rowCount, millis)
                : String.format("%s in %,d ms", rowCount, millis);
    }
}
