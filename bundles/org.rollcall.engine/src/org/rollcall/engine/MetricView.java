package org.rollcall.engine;

/** A view of the attendance schema: its name, what it answers, and its SQL over the canonical tables. */
public record MetricView(String name, String description, String sql) {
}
