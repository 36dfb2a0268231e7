package org.rollcall.sources;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What importing one input (a file, or a database query) did, or for a dry run would do. For a loaded input
 * {@code read == loaded + quarantined}.
 *
 * @param source the input as the import log records it ({@link SourceInput#source()})
 * @param file the file, or null for a database input
 * @param changes the rows the input added, replaced and removed, and those of its range it did not re-supply
 * @param filled present days recorded for an export that lists absences only (the mapping's fill_present)
 * @param problems quarantined rows counted by problem kind and field, e.g. "unknown attendance code (local_code)"
 * @param message for a failed or skipped input, why; the store is unchanged
 * @param dryRun true when the import went into a copy of the workspace that is then deleted ({@code --dry-run})
 */
public record FileResult(String source, Path file, Status status, String entity, long read, long loaded,
        long quarantined, Changes changes, long filled, String firstDate, String lastDate, Map<String, Long> problems,
        String message, boolean dryRun) {

    /** How the import of an input ended. */
    public enum Status { LOADED, UNCHANGED, FAILED }

    /**
     * The rows an input changed in the canonical table. A daily file's range is its first to its last date at
     * the schools it covers; the rows of that range it does not re-supply are {@code removed} with
     * {@code --replace-range} and {@code kept} without it.
     *
     * @param added rows with keys the table did not have
     * @param replaced rows the input re-supplied by key
     * @param removed rows of a daily file's range that it did not re-supply, deleted (replace-range)
     * @param kept rows of a daily file's range that it did not re-supply, left as they were
     * @param bySchool the rows removed or kept, per school
     */
    public record Changes(long added, long replaced, long removed, long kept, List<SchoolDays> bySchool) {

        public static final Changes NONE = new Changes(0, 0, 0, 0, List.of());

        public Changes {
            bySchool = List.copyOf(bySchool);
        }
    }

    /**
     * The existing days at one school that a daily file's range covers and the file does not re-supply.
     *
     * @param rows student-days
     * @param students distinct students
     * @param dates distinct dates
     * @param firstDate first of those dates
     * @param lastDate last of those dates
     */
    public record SchoolDays(String schoolCode, String schoolName, long rows, long students, long dates,
            String firstDate, String lastDate) {
    }

    public FileResult {
        problems = Map.copyOf(problems);
        changes = changes == null ? Changes.NONE : changes;
    }

    /** Rows of earlier imports this input replaced by key. */
    public long replaced() {
        return changes.replaced();
    }

    /** The input as a summary line names it: the file's name, or the database and mapping. */
    public String displayName() {
        return file != null ? file.getFileName().toString() : source;
    }

    public static FileResult failed(Path file, String entity, String message) {
        return new FileResult(file.toAbsolutePath().toString(), file, Status.FAILED, entity, 0, 0, 0, Changes.NONE, 0,
                null, null, Map.of(), message, false);
    }

    public static FileResult failed(SourceInput input, String entity, String message) {
        return new FileResult(input.source(), input.file(), Status.FAILED, entity, 0, 0, 0, Changes.NONE, 0, null,
                null, Map.of(), message, false);
    }

    /** A database input that could not be planned (its mapping is unreadable, say), named by what is known. */
    public static FileResult failed(String source, String entity, String message) {
        return new FileResult(source, null, Status.FAILED, entity, 0, 0, 0, Changes.NONE, 0, null, null, Map.of(),
                message, false);
    }

    static FileResult unchanged(SourceInput input, String entity, String message) {
        return new FileResult(input.source(), input.file(), Status.UNCHANGED, entity, 0, 0, 0, Changes.NONE, 0, null,
                null, Map.of(), message, false);
    }

    /** The same result, marked as a dry run's. */
    FileResult asDryRun() {
        return new FileResult(source, file, status, entity, read, loaded, quarantined, changes, filled, firstDate,
                lastDate, problems, message, true);
    }
}
