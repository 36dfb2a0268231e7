package org.rollcall.bench;

/**
 * One query of the fixed set: what it answers, the SQL through RollCall's driver, and the same question
 * written by hand for a plain SQLite or DuckDB connection.
 */
record BenchQuery(String name, String driverSql, String rawSql) {
}
