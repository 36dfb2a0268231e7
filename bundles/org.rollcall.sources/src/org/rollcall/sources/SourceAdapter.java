package org.rollcall.sources;

import java.io.IOException;

/**
 * Reads one kind of source (a delimited export, a CALPADS extract, an Ed-Fi document...) and hands its rows to
 * the import framework as raw text in canonical field names. An adapter only reads: coercion, validation, code
 * mapping, quarantine, keys, writing and progress are the framework's. Adapters are found with
 * {@link java.util.ServiceLoader} on a flat class path and as OSGi services in the workbench
 * ({@link SourceAdapters}).
 */
public interface SourceAdapter {

    /** Short name used on the command line and in mappings' {@code format:}, e.g. {@code delimited}. */
    String name();

    /** One line for listings. */
    String description();

    /**
     * Reads {@code input} to its end, calling {@link RecordSink#fields} once per entity before that entity's
     * records, then {@link RecordSink#record} for every row and {@link RecordSink#unreadable} for every line it
     * cannot split into fields.
     *
     * @throws SourceException when the file as a whole cannot be read as described (missing column, wrong
     *         encoding, unterminated quote...); the import of that file then leaves the store unchanged
     */
    void read(SourceInput input, RecordSink sink) throws IOException;
}
