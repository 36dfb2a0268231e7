package org.rollcall.sources;

import java.nio.file.Path;
import java.util.Map;

/**
 * What importing one file did. For a loaded file {@code read == loaded + quarantined}.
 *
 * @param replaced rows of earlier imports removed because this file covers their dates (daily attendance)
 * @param filled present days recorded for an export that lists absences only (the mapping's fill_present)
 * @param problems quarantined rows counted by problem kind and field, e.g. "unknown attendance code (local_code)"
 * @param message for a failed or skipped file, why; the store is unchanged
 */
public record FileResult(Path file, Status status, String entity, long read, long loaded, long quarantined,
        long replaced, long filled, String firstDate, String lastDate, Map<String, Long> problems, String message) {

    /** How the import of a file ended. */
    public enum Status { LOADED, UNCHANGED, FAILED }

    public FileResult {
        problems = Map.copyOf(problems);
    }

    public static FileResult failed(Path file, String entity, String message) {
        return new FileResult(file, Status.FAILED, entity, 0, 0, 0, 0, 0, null, null, Map.of(), message);
    }

    static FileResult unchanged(Path file, String entity, String message) {
        return new FileResult(file, Status.UNCHANGED, entity, 0, 0, 0, 0, 0, null, null, Map.of(), message);
    }
}
