package org.rollcall.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.Driver;
import org.rollcall.engine.plugins.Plugins;
import org.rollcall.store.WorkspaceCheck;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The {@code jdbc:rollcall:<workspace file>} driver: a Calcite connection whose default schema is the
 * workspace's {@code attendance} schema, read-only, with lower-case, case-insensitive names.
 */
public class RollCallDriver extends Driver {

    public static final String PREFIX = "jdbc:rollcall:";

    /** The connection property naming the plugins folder. */
    public static final String PLUGINS = "plugins";

    static {
        // Calcite compiles each query's plan to Java; keeping compiled plans lets a repeated query skip Janino.
        if (System.getProperty("calcite.bindable.cache.maxSize") == null) {
            System.setProperty("calcite.bindable.cache.maxSize", "500");
        }
        new RollCallDriver().register();
    }

    public RollCallDriver() {
        super();
    }

    /** Opens a connection on a workspace file without going through {@code DriverManager} (as OSGi needs). */
    public static Connection open(Path workspaceFile) throws SQLException {
        return new RollCallDriver().connect(PREFIX + workspaceFile.toAbsolutePath(), new Properties());
    }

    @Override
    public CalcitePrepare createPrepare() {
        return new PlanCache.Prepare();
    }

    @Override
    protected String getConnectStringPrefix() {
        return PREFIX;
    }

    @Override
    protected DriverVersion createDriverVersion() {
        return new DriverVersion("RollCall JDBC Driver", "0.1.0", "RollCall", "0.1.0", true, 0, 1, 0, 1);
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        Path workspace = workspaceOf(url);
        if (!Files.isRegularFile(workspace)) {
            throw new SQLException("No RollCall workspace at " + workspace + " (from URL " + url
                    + "). Create one with 'rollcall generate' or 'rollcall demo'.", "08001");
        }
        WorkspaceCheck.verify(workspace);
        Properties client = ConnectionPolicy.clientProperties(url, info);
        long maxRowsInMemory = ConnectionPolicy.maxRowsInMemory(client);
        HikariDataSource store = openStore(workspace);
        try {
            CalciteRuntime.prime();
            Connection connection = super.connect(PREFIX, ConnectionPolicy.properties(client));
            try {
                CalciteConnection calcite = connection.unwrap(CalciteConnection.class);
                Plugins.Loaded plugins = Plugins.load(pluginsFolder(client));
                List<String> warnings = new ArrayList<>(plugins.problems());
                warnings.addAll(AttendanceSchema.mount(calcite.getRootSchema(), store, plugins.plugins()));
                AutoCloseable live = LiveSchemas.mount(calcite.getRootSchema(), LiveSchemas.defined(store), client);
                calcite.setSchema(AttendanceSchema.NAME);
                AutoCloseable plans = PlanCache.register(calcite.getRootSchema().unwrap(CalciteSchema.class), workspace);
                return DriverConnection.wrap(connection, () -> {
                    try (store; live; plans) {
                        // the cached plans go first, then the live sources, then the SQLite connections
                    }
                }, maxRowsInMemory, warnings);
            } catch (RuntimeException | SQLException e) {
                // (a live source's pools open on first use, so none is open yet here)
                connection.close();
                throw new SQLException("Cannot open RollCall workspace " + workspace + ": " + e.getMessage(), "08001",
                        e);
            }
        } catch (RuntimeException | SQLException e) {
            store.close();
            throw e;
        }
    }

    /**
     * The plugins folder: the client's {@code plugins} property (a folder of plugins installed with {@code rollcall
     * plugin install}), else {@code ~/.rollcall/plugins}. Only plugins installed there, with the digest they had when
     * checked, are loaded.
     */
    static Path pluginsFolder(Properties client) {
        String folder = client.getProperty(PLUGINS);
        return folder == null || folder.isBlank() ? Plugins.defaultFolder() : Path.of(folder.strip());
    }

    private static HikariDataSource openStore(Path workspace) throws SQLException {
        try {
            return WorkspacePool.open(workspace);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new SQLException("Cannot open RollCall workspace " + workspace + ": " + cause.getMessage(), "08001",
                    cause);
        }
    }

    /** {@code jdbc:rollcall:/path/to/district.rollcall[;key=value...]}: the path ends at the first ';'. */
    static Path workspaceOf(String url) {
        String rest = url.substring(PREFIX.length());
        int semicolon = rest.indexOf(';');
        String path = semicolon < 0 ? rest : rest.substring(0, semicolon);
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
        }
        if (path.isBlank()) {
            throw new IllegalArgumentException("A RollCall URL names a workspace file: " + PREFIX + "<path>");
        }
        return Paths.get(path).toAbsolutePath();
    }
}
