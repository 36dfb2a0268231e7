package org.rollcall.sources;

/**
 * How an import treats what is already in the workspace (a dry run is a run of its own: {@link Importer#dryRun}).
 *
 * @param force import a file again even when it is unchanged since its last import
 * @param replaceRange let a daily file delete the existing rows of its range (its first to its last date at the
 *        schools it covers) that it does not re-supply; without it they are kept and counted
 */
public record ImportOptions(boolean force, boolean replaceRange) {

    /** Skip unchanged files, keep what a daily file does not re-supply. */
    public static final ImportOptions DEFAULT = new ImportOptions(false, false);
}
