package org.rollcall.sources;

import java.nio.file.Path;
import java.util.Map;

/**
 * What importing one input (a file, or a database query) did. For a loaded input {@code read == loaded +
 * quarantined}.
 *
 * @param source the input as the import log records it ({@link SourceInput#source()})
 * @param file the file, or null for a database input
 * @param replaced rows of earlier imports removed because this input covers their dates (daily attendance)
 * @param filled present days recorded for an export that lists absences only (the mapping's fill_present)
 * @param problems quarantined rows counted by problem kind and field, e.g. "unknown attendance code (local_code)"
 * @param message for a failed or skipped input, why; the store is unchanged
 */
public record FileResult(String source, Path file, Status status, String entity, long read, long loaded,
        long quarantined, long replaced, long filled, String firstDate, String lastDate, Map<String, Long> problems,
        String message) {

    /** How the import of an input ended. */
    public enum Status { LOADED, UNCHANGED, FAILED }

    public FileResult {
        problems = Map.copyOf(problems);
    }

    /** The input as a summary line names it: the file's name, or the database and mapping. */
    public String displayName() {
        return file != null ? file.getFileName().toString() : source;
    }

    public static FileResult failed(Path file, String entity, String message) {
        return new FileResult(file.toAbsolutePath().toString(), file, Status.FAILED, entity, 0, 0, 0, 0, 0, null, null,
                Map.of(), message);
    }

    public static FileResult failed(SourceInput input, String entity, String message) {
        return new FileResult(input.source(), input.file(), Status.FAILED, entity, 0, 0, 0, 0, 0, null, null, Map.of(),
                message);
    }

    /** A database input that could not be planned (its mapping is unreadable, say), named by what is known. */
    public static FileResult failed(String source, String entity, String message) {
        return new FileResult(source, null, Status.FAILED, entity, 0, 0, 0, 0, 0, null, null, Map.of(), message);
    }

    static FileResult unchanged(SourceInput input, String entity, String message) {
        return new FileResult(input.source(), input.file(), Status.UNCHANGED, entity, 0, 0, 0, 0, 0, null, null,
                Map.of(), message);
    }
}
