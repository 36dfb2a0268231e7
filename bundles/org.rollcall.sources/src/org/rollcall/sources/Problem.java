package org.rollcall.sources;

/**
 * Why one input row was not loaded.
 *
 * @param field the canonical field at fault, null when the line as a whole could not be read
 * @param value the offending value as read
 * @param kind a short, value-free name of the problem, for counting (e.g. "unknown attendance code")
 * @param reason the full explanation, naming the value and what to do
 */
public record Problem(String field, String value, String kind, String reason) {
}
