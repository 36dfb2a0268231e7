package org.rollcall.model;

/** Logical column types of the canonical schema; each store maps them to its own SQL types. */
public enum ColumnType {
    INTEGER, TEXT, DATE, DOUBLE, BOOLEAN
}
