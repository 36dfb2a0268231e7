package org.rollcall.sources;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.rollcall.store.PausePoint;

/**
 * The framework's side of one input's import: receives what the adapter reads, loads or quarantines every row,
 * and reports progress. Everything happens in the caller's transaction.
 */
final class LoadSession implements RecordSink, AutoCloseable {

    private final Connection connection;
    private final SourceInput input;
    private final ReferenceData refs;
    private final Quarantine quarantine;
    private final ImportProgress progress;
    private final String phase;
    private final boolean replaceRange;
    private final ImportUndo undo;
    private final Map<Entity, EntityLoader> loaders = new EnumMap<>(Entity.class);
    private long read;
    /** For a database input, a digest of the rows as read: the bytes the import log hashes for a file. */
    private final MessageDigest rows;

    /**
     * @param replaceRange whether a daily file deletes the existing rows of its range that it does not re-supply
     * @param undo where everything the session replaces, removes or adds is recorded before it is written
     */
    LoadSession(Connection connection, SourceInput input, ImportProgress progress, boolean replaceRange,
            ImportUndo undo) throws SQLException {
        this.connection = connection;
        this.input = input;
        this.replaceRange = replaceRange;
        this.undo = undo;
        this.refs = new ReferenceData(connection);
        this.quarantine = new Quarantine(connection, input.source(), undo);
        this.rows = input.isDatabase() ? Importer.digest() : null;
        this.progress = progress;
        // progress is counted in bytes for files and in rows for a query
        this.phase = input.isDatabase() ? "Reading " + input.mapping().name() : "Importing " + input.name();
        if (input.mapping() != null && !input.mapping().codes().isEmpty()) {
            writeCodes(input.mapping());
        }
    }

    /** A mapping's code table is the SIS's: it goes into attendance_codes, where the audit and reports read it. */
    private void writeCodes(Mapping mapping) throws SQLException {
        for (Mapping.CodeMapping code : mapping.codes().values()) {
            if (undo.rowsWhere(org.rollcall.model.CanonicalSchema.ATTENDANCE_CODES, ImportUndo.REPLACED,
                    "t.local_code = ?", code.code()) == 0) {
                undo.added(org.rollcall.model.CanonicalSchema.ATTENDANCE_CODES, code.code());
            }
        }
        try (PreparedStatement upsert = connection.prepareStatement("INSERT OR REPLACE INTO attendance_codes "
                + "(local_code, description, category, excused_reason) VALUES (?, ?, ?, ?)")) {
            for (Mapping.CodeMapping code : mapping.codes().values()) {
                upsert.setString(1, code.code());
                upsert.setString(2, code.description());
                upsert.setString(3, code.category().code());
                upsert.setString(4, code.reason());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
        refs.codesChanged();
    }

    @Override
    public void fields(Entity entity, List<String> fields) {
        if (loaders.containsKey(entity)) {
            throw new IllegalStateException("fields of " + entity.tableName() + " declared twice");
        }
        try {
            loaders.put(entity, new EntityLoader(entity, fields, connection, refs, input.mapping(), quarantine,
                    input.coversThrough(), replaceRange, undo));
        } catch (SQLException e) {
            throw new SourceException("Cannot stage " + entity.tableName() + ": " + e.getMessage(), e);
        }
    }

    private EntityLoader loader(Entity entity) {
        EntityLoader loader = loaders.get(entity);
        if (loader == null) {
            throw new IllegalStateException("the adapter sent " + entity.tableName() + " rows before their fields");
        }
        return loader;
    }

    @Override
    public void record(Entity entity, long line, String[] values) {
        if (++read == 1_000) {
            PausePoint.reach("import.read");
        }
        if (rows != null) {
            for (String value : values) {
                if (value != null) {
                    rows.update(value.getBytes(StandardCharsets.UTF_8));
                }
                rows.update(value == null ? (byte) 0 : (byte) 0x1f); // null and empty differ; fields stay apart
            }
            rows.update((byte) 0x1e);
        }
        try {
            loader(entity).accept(line, values);
        } catch (SQLException e) {
            throw new SourceException(input.name() + " line " + line + ": the store refused the row: " + e.getMessage(), e);
        }
    }

    @Override
    public void unreadable(Entity entity, long line, String reason, String text) {
        read++;
        try {
            quarantine.add(line, entity, new Problem(null, null, "unreadable line", reason), text);
        } catch (SQLException e) {
            throw new SourceException(input.name() + " line " + line + ": cannot quarantine: " + e.getMessage(), e);
        }
    }

    @Override
    public void invalid(Entity entity, long line, String field, String value, String reason, String text) {
        read++;
        try {
            quarantine.add(line, entity, new Problem(field, value, "not a valid value", reason), text);
        } catch (SQLException e) {
            throw new SourceException(input.name() + " line " + line + ": cannot quarantine: " + e.getMessage(), e);
        }
    }

    @Override
    public void progress(long done, long total) {
        progress.update(phase, done, total);
    }

    /** Moves every entity's staged rows into the canonical tables and returns what happened. */
    FileResult finish(String entityName) throws SQLException {
        long loaded = 0;
        FileResult.Changes changes = FileResult.Changes.NONE;
        long filled = 0;
        String first = null;
        String last = null;
        for (EntityLoader loader : loaders.values()) {
            loader.merge();
            loaded += loader.loaded();
            FileResult.Changes c = loader.changes();
            List<FileResult.SchoolDays> bySchool = new java.util.ArrayList<>(changes.bySchool());
            bySchool.addAll(c.bySchool());
            changes = new FileResult.Changes(changes.added() + c.added(), changes.replaced() + c.replaced(),
                    changes.removed() + c.removed(), changes.kept() + c.kept(), bySchool);
            filled += loader.filled();
            if (loader.firstDate() != null) {
                first = loader.firstDate();
                last = loader.lastDate();
            }
        }
        quarantine.close();
        undo.keysWhere(org.rollcall.model.CanonicalSchema.IMPORT_QUARANTINE, "t.file = ?", input.source());
        if (loaded + quarantine.total() != read) {
            // every row is loaded or quarantined; anything else is a bug that must not commit
            throw new IllegalStateException(input.name() + ": read " + read + " rows but loaded " + loaded
                    + " and quarantined " + quarantine.total());
        }
        return new FileResult(input.source(), input.file(), FileResult.Status.LOADED, entityName, read, loaded,
                quarantine.total(), changes, filled, first, last, quarantine.counts(), null, false);
    }

    /** The SHA-256 of a database input's rows as read, in hex. */
    String rowsDigest() {
        return HexFormat.of().formatHex(rows.digest());
    }

    /** True when the rows loaded feed the attendance summaries and the materialized metric views. */
    boolean changesSummaries() {
        return loaders.keySet().stream().anyMatch(Entity::feedsSummaries);
    }

    @Override
    public void close() throws SQLException {
        quarantine.close();
    }
}
