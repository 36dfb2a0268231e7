package org.rollcall.sources;

import java.nio.file.Path;

/** One input an adapter reads: the file and the mapping that describes it (null for self-describing formats). */
public record SourceInput(Path file, Mapping mapping) {

    /** The file name as messages show it. */
    public String name() {
        return file.getFileName().toString();
    }
}
