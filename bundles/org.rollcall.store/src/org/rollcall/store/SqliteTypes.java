package org.rollcall.store;

import org.rollcall.model.ColumnType;

/**
 * The SQLite declared type of each canonical column type. DATE columns hold ISO-8601 text ('2025-08-14'): it
 * sorts and compares correctly, reads the same in every time zone, and the declared type tells JDBC it is a date.
 */
public final class SqliteTypes {

    private SqliteTypes() {
    }

    public static String of(ColumnType type) {
        return switch (type) {
            case INTEGER -> "INTEGER";
            case TEXT -> "TEXT";
            case DATE -> "DATE";
            case DOUBLE -> "DOUBLE";
            case BOOLEAN -> "BOOLEAN";
        };
    }
}
