package org.rollcall.sources;

import java.util.List;

/** Where an adapter sends what it reads. Values are raw text; the framework coerces and validates them. */
public interface RecordSink {

    /** Declares the fields (canonical names, see {@link Entity#fields()}) that {@code entity}'s records carry. */
    void fields(Entity entity, List<String> fields);

    /**
     * One input row. {@code values} follow the order declared by {@link #fields}; an empty or null value means
     * absent. A quarantined row is kept as its fields and values.
     */
    void record(Entity entity, long line, String[] values);

    /** A line that could not be split into fields; it is quarantined with the reason. */
    void unreadable(Entity entity, long line, String reason, String text);

    /**
     * A row the adapter could split but whose {@code field} it cannot turn into a canonical value (say, a CALPADS
     * race code it does not know); it is quarantined with the field, the value and the reason.
     */
    default void invalid(Entity entity, long line, String field, String value, String reason, String text) {
        unreadable(entity, line, field + " '" + value + "': " + reason, text);
    }

    /**
     * How far the adapter has read, in its own units: bytes for files, rows for a database query, whose
     * {@code total} is 0 until the last row is read (a result set does not say how many rows it has).
     */
    void progress(long done, long total);
}
