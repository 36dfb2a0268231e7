package org.rollcall.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.rollcall.model.CanonicalSchema;
import org.rollcall.model.Table;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** One RollCall workspace: a SQLite file holding the canonical schema for a district or COE. */
public final class Workspace implements AutoCloseable {

    private final Path file;
    private final Connection connection;

    private Workspace(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** Opens an existing workspace for reading and writing; fails clearly if the file is not one. */
    public static Workspace open(Path file) {
        try {
            WorkspaceCheck.verify(file);
        } catch (SQLException e) {
            throw new StoreException(e.getMessage(), e);
        }
        return new Workspace(file, connect(file, false));
    }

    /**
     * Builds a new workspace at {@code target}: {@code filler} writes into a temporary file beside it, which
     * replaces {@code target} only once everything is written, so a failure leaves no half-built workspace. A build
     * killed midway leaves its temporary file, which the next build of the same target removes ({@link PartialFile}).
     */
    public static void build(Path target, WorkspaceFiller filler) {
        Path dir = target.toAbsolutePath().getParent();
        PartialFile partial;
        try {
            Files.createDirectories(dir);
            partial = PartialFile.create(target);
        } catch (IOException e) {
            throw new StoreException("Cannot write a workspace in " + dir + ": " + e.getMessage(), e);
        }
        try (partial) {
            Path temp = partial.file();
            try (Workspace workspace = new Workspace(temp, connect(temp, false))) {
                workspace.createSchema();
                filler.fill(workspace);
                workspace.rebuildSummaries();
            }
            PausePoint.reach("build.fill");
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (SQLException | IllegalArgumentException e) {
            throw new StoreException("Writing workspace " + target + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StoreException("Cannot move the new workspace into " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * A data source on a workspace file for the engine and the driver. Dates are read as ISO text,
     * whatever the JVM's time zone.
     */
    public static SQLiteDataSource dataSource(Path file, boolean readOnly) {
        if (!readOnly) {
            return plainDataSource(file, false);
        }
        // a reader cannot roll back a commit a killed writer left half done: each connection first has it rolled back
        SQLiteDataSource dataSource = new WorkspaceRecovery.Recovering(file, config(true));
        dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return dataSource;
    }

    /** A data source with no recovery of its own: a read-write connection rolls back a hot journal itself. */
    static SQLiteDataSource plainDataSource(Path file, boolean readOnly) {
        SQLiteDataSource dataSource = new SQLiteDataSource(config(readOnly));
        dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return dataSource;
    }

    private static SQLiteConfig config(boolean readOnly) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(readOnly);
        config.setDateClass(SQLiteConfig.DateClass.TEXT.getValue());
        config.setDateStringFormat("yyyy-MM-dd");
        config.setBusyTimeout(10_000);
        return config;
    }

    private static Connection connect(Path file, boolean readOnly) {
        try {
            return dataSource(file, readOnly).getConnection();
        } catch (SQLException e) {
            throw new StoreException("Cannot open workspace " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    public Connection connection() {
        return connection;
    }

    private void createSchema() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // A workspace under construction is private to this process and is discarded on failure.
            statement.execute("PRAGMA journal_mode = OFF");
            statement.execute("PRAGMA synchronous = OFF");
            statement.execute("PRAGMA cache_size = -262144");
            connection.setAutoCommit(false);
            for (String ddl : SqliteDdl.statements()) {
                statement.execute(ddl);
            }
            connection.commit();
        }
        putInfo("schema_version", Integer.toString(CanonicalSchema.VERSION));
    }

    /** The schema version recorded in the workspace, or 0 when the file is not a RollCall workspace. */
    public int schemaVersion() {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(
                        "SELECT value FROM workspace_info WHERE key = 'schema_version'")) {
            return rs.next() ? Integer.parseInt(rs.getString(1)) : 0;
        } catch (SQLException | NumberFormatException e) {
            return 0;
        }
    }

    public void putInfo(String key, String value) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT OR REPLACE INTO workspace_info (key, value) VALUES (?, ?)")) {
            statement.setString(1, key);
            statement.setString(2, value);
            statement.executeUpdate();
        }
        commitIfInTransaction();
    }

    /** A writer that appends rows to {@code table} in batches; close it to flush. */
    public BatchWriter writer(Table table) throws SQLException {
        return new BatchWriter(connection, table);
    }

    /** Recomputes the per-student, per-school, per-year summaries from the daily attendance. */
    public void rebuildSummaries() throws SQLException {
        SummaryBuilder.rebuild(connection);
        commitIfInTransaction();
    }

    /**
     * Recomputes the summaries inside the transaction the caller has open, without committing it: an import
     * commits its rows and the summaries they change together, or neither.
     */
    public void rebuildSummariesUncommitted() throws SQLException {
        if (connection.getAutoCommit()) {
            throw new IllegalStateException("rebuildSummariesUncommitted needs an open transaction");
        }
        SummaryBuilder.refill(connection);
    }

    private void commitIfInTransaction() throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("Closing workspace " + file + " failed: " + e.getMessage(), e);
        }
    }

    /** Writes the content of a workspace being built. */
    @FunctionalInterface
    public interface WorkspaceFiller {
        void fill(Workspace workspace) throws SQLException;
    }
}
