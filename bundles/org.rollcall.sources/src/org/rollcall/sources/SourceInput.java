package org.rollcall.sources;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * One input an adapter reads: the file, the mapping that describes it (null for self-describing formats) and,
 * when known, the last day the export covers (null: the last date in the file). A daily-attendance file replaces
 * earlier days, and an absences-only one fills present days, through that day.
 */
public record SourceInput(Path file, Mapping mapping, LocalDate coversThrough) {

    public SourceInput(Path file, Mapping mapping) {
        this(file, mapping, null);
    }

    /** The file name as messages show it. */
    public String name() {
        return file.getFileName().toString();
    }
}
