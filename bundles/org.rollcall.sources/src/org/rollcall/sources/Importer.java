package org.rollcall.sources;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;

import org.rollcall.store.PausePoint;
import org.rollcall.store.StoreException;
import org.rollcall.store.Workspace;

/**
 * Imports files and database queries into a workspace, each in one transaction: its rows (loaded or
 * quarantined, never dropped), the summaries they change, its log entry and its undo log commit together, or
 * nothing does. A file already imported with the same bytes, mapping and adapter is skipped unless forced;
 * importing it again changes nothing either way. One importer is one run: the undo log keeps what the imports
 * of the last run that changed anything replaced, removed and added, and {@link #undoLastRun} puts it back.
 */
public final class Importer implements AutoCloseable {

    private final Path workspace;
    private final ImportProgress progress;
    private final boolean dryRun;
    /** For a dry run, the copy of the workspace the run imports into, made at its first import. */
    private Path scratch;
    /** Whether an import of this run has committed, and so cleared the undo log of the run before. */
    private boolean runStarted;

    public Importer(Path workspace, ImportProgress progress) {
        this(workspace, progress, false);
    }

    private Importer(Path workspace, ImportProgress progress, boolean dryRun) {
        this.workspace = workspace;
        this.progress = progress;
        this.dryRun = dryRun;
    }

    /**
     * A run that changes nothing: its imports go into a copy of the workspace, one after another as they would
     * into the workspace (the days of students imported earlier in the run find them), and their results say
     * what they would do; closing it deletes the copy. The workspace file is only read, so it stays byte for byte
     * as it was (a rolled-back transaction would not promise that: SQLite does not restore the bytes of free
     * pages it reused).
     */
    public static Importer dryRun(Path workspace, ImportProgress progress) {
        return new Importer(workspace, progress, true);
    }

    /** The file this run writes: the workspace, or for a dry run its copy. */
    private Path target() throws IOException {
        if (!dryRun || !Files.isRegularFile(workspace)) {
            return workspace; // a workspace that does not exist fails on opening, with its own name
        }
        if (scratch == null) {
            Path dir = workspace.toAbsolutePath().getParent();
            Path copy = Files.createTempFile(dir, workspace.getFileName().toString(), ".dry-run");
            Files.copy(workspace, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            scratch = copy;
        }
        return scratch;
    }

    /** Deletes a dry run's copy of the workspace. */
    @Override
    public void close() {
        if (scratch != null) {
            try {
                Files.deleteIfExists(scratch);
                Files.deleteIfExists(scratch.resolveSibling(scratch.getFileName() + "-journal"));
            } catch (IOException e) {
                throw new SourceException("Cannot delete the dry run's copy " + scratch + ": " + e.getMessage(), e);
            }
            scratch = null;
        }
    }

    /**
     * Imports one input, a file or a database query; one that fails leaves the workspace exactly as it was and
     * says why. A file imported before with the same bytes, mapping and adapter is skipped unless forced. A
     * database is always read again: what a query returns is not a file's bytes, which can be hashed before they
     * are read, and the rows behind the same query change between two reads. Reading it again is safe, since rows
     * are updated by key and daily rows replace the dates they cover; the log records a SHA-256 of the rows read.
     */
    public FileResult importFile(SourceAdapter adapter, SourceInput input, boolean force) {
        return importFile(adapter, input, new ImportOptions(force, false));
    }

    /**
     * Imports one input as {@link #importFile(SourceAdapter, SourceInput, boolean)} does, with the options given:
     * whether a daily file may delete the rows of its range it does not re-supply.
     */
    public FileResult importFile(SourceAdapter adapter, SourceInput input, ImportOptions options) {
        boolean force = options.force();
        Path file = input.file();
        String entity = input.mapping() == null ? null : input.mapping().entity().tableName();
        String fileHash = null;
        if (!input.isDatabase()) {
            if (!Files.isRegularFile(file)) {
                return FileResult.failed(input, entity, file + " does not exist or is not a file");
            }
            try {
                fileHash = sha256(file);
                if (input.mapping() != null && !input.mapping().joins().isEmpty()) {
                    // the rows read depend on the joined files too: a changed one is a changed input
                    StringBuilder all = new StringBuilder(fileHash);
                    for (Mapping.Join join : input.mapping().joins().values()) {
                        Path joined = file.resolveSibling(join.file());
                        all.append(' ').append(Files.isRegularFile(joined) ? sha256(joined) : "missing");
                    }
                    fileHash = sha256(all.toString());
                }
            } catch (IOException e) {
                return FileResult.failed(input, entity, "Cannot read " + file + ": " + e.getMessage());
            }
        }
        String mappingHash = input.mapping() == null ? null : sha256(input.mapping().text());
        Path target;
        try {
            target = target();
        } catch (IOException e) {
            return FileResult.failed(input, entity, "Cannot copy " + workspace + " for a dry run: " + e.getMessage());
        }
        try (Workspace store = Workspace.open(target)) {
            Connection connection = store.connection();
            connection.setAutoCommit(false);
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA cache_size = -131072");
            }
            try {
                String previous = force || input.isDatabase() ? null
                        : previousImport(connection, input.source(), fileHash, mappingHash, adapter.name());
                if (previous != null) {
                    connection.rollback();
                    return FileResult.unchanged(input, entity, "unchanged since " + previous
                            + " (same bytes, mapping and adapter); nothing to do (--force imports it again)");
                }
                if (!runStarted) {
                    ImportUndo.startRun(connection);
                }
                long importId = nextImportId(connection);
                ImportUndo undo = new ImportUndo(connection, importId);
                FileResult result;
                String contentHash;
                try (LoadSession session = new LoadSession(connection, input, progress, options.replaceRange(),
                        undo)) {
                    adapter.read(input, session);
                    result = session.finish(entity);
                    PausePoint.reach("import.merge");
                    contentHash = input.isDatabase() ? session.rowsDigest() : fileHash;
                    if (session.changesSummaries()) {
                        progress.update("Summarizing attendance", 0, 1);
                        store.rebuildSummariesUncommitted();
                        progress.update("Summarizing attendance", 1, 1);
                    }
                }
                log(connection, importId, result, contentHash, adapter.name(), input.mapping(), mappingHash);
                undo.added(org.rollcall.model.CanonicalSchema.IMPORT_LOG, importId);
                PausePoint.reach("import.commit");
                connection.commit();
                runStarted = true;
                return dryRun ? result.asDryRun() : result;
            } catch (SourceException e) {
                connection.rollback();
                return FileResult.failed(input, entity, scrub(input, e.getMessage()) + "; the workspace is unchanged");
            } catch (IOException | SQLException | RuntimeException e) {
                connection.rollback();
                return FileResult.failed(input, entity, "Importing " + input.name() + " failed ("
                        + e.getClass().getSimpleName() + ": " + scrub(input, e.getMessage())
                        + "); the workspace is unchanged");
            }
        } catch (SQLException | StoreException e) {
            String message = scratch == null ? e.getMessage() : e.getMessage().replace(scratch.toString(),
                    workspace.toString());
            return FileResult.failed(input, entity, "Cannot import into " + workspace + ": " + message);
        }
    }

    /**
     * Puts the workspace back as it was before the last run's imports: the rows they added are deleted, those they
     * replaced or removed restored, their import_log and quarantine entries reverted, and the summaries and
     * materialized views rebuilt, in one transaction. Returns the imports undone, newest first (none when there is
     * nothing to undo); the undo log is then empty, so undoing again does nothing.
     */
    public List<UndoneImport> undoLastRun() {
        try (Workspace store = Workspace.open(workspace)) {
            Connection connection = store.connection();
            connection.setAutoCommit(false);
            try {
                List<ImportUndo.Undone> undone = ImportUndo.undoLastRun(connection);
                if (!undone.isEmpty()) {
                    progress.update("Summarizing attendance", 0, 1);
                    store.rebuildSummariesUncommitted();
                    progress.update("Summarizing attendance", 1, 1);
                }
                connection.commit();
                return undone.stream().map(u -> new UndoneImport(u.importId(), u.file(), u.entity(), u.importedAt(),
                        u.rowsRemoved(), u.rowsRestored())).toList();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw new SourceException("Undoing the last import failed (" + e.getMessage()
                        + "); the workspace is unchanged", e);
            }
        } catch (SQLException | StoreException e) {
            throw new SourceException("Cannot undo the last import in " + workspace + ": " + e.getMessage(), e);
        }
    }

    /**
     * One import that {@link #undoLastRun} put back.
     *
     * @param rowsDeleted rows deleted: those the import added or re-supplied, and its range's days
     * @param rowsRestored rows put back as they were before the import
     */
    public record UndoneImport(long importId, String file, String entity, String importedAt, long rowsDeleted,
            long rowsRestored) {
    }

    private static long nextImportId(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(import_id), 0) + 1 FROM import_log")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A message with the database's password, should a driver have put it there, removed. */
    private static String scrub(SourceInput input, String message) {
        return input.isDatabase() ? input.database().scrub(message) : message;
    }

    private static String previousImport(Connection connection, String source, String fileHash, String mappingHash,
            String adapter) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT import_id, imported_at, file_sha256, "
                + "mapping_sha256, adapter FROM import_log WHERE file = ? ORDER BY import_id DESC LIMIT 1")) {
            s.setString(1, source);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next() && fileHash.equals(rs.getString(3))
                        && java.util.Objects.equals(mappingHash, rs.getString(4)) && adapter.equals(rs.getString(5))) {
                    return "import " + rs.getLong(1) + " at " + rs.getString(2);
                }
            }
        }
        return null;
    }

    private static void log(Connection connection, long importId, FileResult result, String fileHash, String adapter,
            Mapping mapping, String mappingHash) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO import_log (file, file_sha256, adapter, "
                + "mapping, mapping_sha256, entity, rows_read, rows_loaded, rows_quarantined, first_date, last_date, "
                + "imported_at, import_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setLong(13, importId);
            s.setString(1, result.source());
            s.setString(2, fileHash);
            s.setString(3, adapter);
            s.setString(4, mapping == null ? null : mapping.name());
            s.setString(5, mappingHash);
            s.setString(6, result.entity() == null ? "" : result.entity());
            s.setLong(7, result.read());
            s.setLong(8, result.loaded());
            s.setLong(9, result.quarantined());
            s.setString(10, result.firstDate());
            s.setString(11, result.lastDate());
            s.setString(12, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            s.executeUpdate();
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = digest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0;) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256(String text) {
        return HexFormat.of().formatHex(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
