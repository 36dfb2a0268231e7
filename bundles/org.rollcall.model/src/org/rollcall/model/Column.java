package org.rollcall.model;

/** One column of a canonical table, with the description that JDBC metadata returns as its remark. */
public record Column(String name, ColumnType type, boolean nullable, String description) {

    public static Column required(String name, ColumnType type, String description) {
        return new Column(name, type, false, description);
    }

    public static Column optional(String name, ColumnType type, String description) {
        return new Column(name, type, true, description);
    }
}
