package org.rollcall.ui;

import java.util.List;

/** The rows a query returned (at most {@link QueryJob#MAX_ROWS}), with how long it took. */
public record QueryResult(String sql, List<String> columns, List<String[]> rows, boolean truncated, long millis) {
}
