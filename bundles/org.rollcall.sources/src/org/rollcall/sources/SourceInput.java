package org.rollcall.sources;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One input an adapter reads: a file, or one query of a database (the mapping's {@code query:}), with the
 * mapping that describes it (null for self-describing files) and, when known, the last day the export covers
 * (null: the last date it holds). A daily-attendance input replaces earlier days, and an absences-only one
 * fills present days, through that day.
 *
 * @param file the file, or null for a database input
 * @param database the database, or null for a file
 */
public record SourceInput(Path file, DatabaseSource database, Mapping mapping, LocalDate coversThrough) {

    public SourceInput {
        if ((file == null) == (database == null)) {
            throw new IllegalArgumentException("an input is a file or a database, not both or neither");
        }
        if (database != null) {
            Objects.requireNonNull(mapping, "a database input needs the mapping that holds its query");
        }
    }

    public SourceInput(Path file, Mapping mapping, LocalDate coversThrough) {
        this(file, null, mapping, coversThrough);
    }

    public SourceInput(Path file, Mapping mapping) {
        this(file, null, mapping, null);
    }

    /** The query of {@code mapping} run against {@code database}. */
    public static SourceInput query(DatabaseSource database, Mapping mapping, LocalDate coversThrough) {
        return new SourceInput(null, database, mapping, coversThrough);
    }

    public boolean isDatabase() {
        return database != null;
    }

    /** The input as messages show it: the file's name, or the database (password removed) and the mapping. */
    public String name() {
        return file != null ? file.getFileName().toString() : source();
    }

    /**
     * What the import log and the quarantine record the input as, so that importing it again replaces its
     * quarantine: the file's absolute path, or the database's URL without any password followed by the name of
     * the mapping whose query was read.
     */
    public String source() {
        return file != null ? file.toAbsolutePath().toString()
                : database.redactedUrl() + " query " + mapping.name();
    }
}
