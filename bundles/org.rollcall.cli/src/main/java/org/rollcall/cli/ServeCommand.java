package org.rollcall.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;

import org.rollcall.engine.RollCallDriver;
import org.rollcall.server.Limits;
import org.rollcall.server.PgServer;
import org.rollcall.server.QueryLog;
import org.rollcall.server.ServerTls;
import org.rollcall.server.UsersFile;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rollcall serve}: the workspace as a read-only PostgreSQL server, for BI tools. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the workspace over the PostgreSQL wire protocol (read-only, database `rollcall`), so a "
                + "BI tool connects as to PostgreSQL. Users log in with SCRAM-SHA-256 (see `rollcall users`).",
            "Simple and extended query protocol, TLS (without --tls-cert and --tls-key: a self-signed certificate "
                + "made once beside the users file, its SHA-256 fingerprint printed at start). Connections, "
                + "refused logins and queries are logged as JSON lines (--log, default rollcall-serve.log beside the "
                + "users file). Stops on SIGTERM or Ctrl-C."})
final class ServeCommand implements Callable<Integer> {

    /** The name of the connection and query log, in the users file's directory. */
    static final String LOG_NAME = "rollcall-serve.log";

    @Spec
    CommandSpec spec;

    @Option(names = {"-w", "--workspace"}, required = true, description = "Workspace file.")
    Path workspace;

    @Option(names = "--port", defaultValue = "5433", description = "TCP port (default: ${DEFAULT-VALUE}; 0: any free port).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    String bind;

    @Option(names = "--users", required = true, paramLabel = "FILE", description = "The users file (`rollcall users add`).")
    Path users;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "TLS certificate (chain) in PEM, with --tls-key (default: a self-signed one beside the users "
                    + "file, made once).")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "The certificate's private key in PEM.")
    Path tlsKey;

    @Option(names = "--require-tls", description = "Refuse logins that are not encrypted (FATAL 28000).")
    boolean requireTls;

    @Option(names = "--log", paramLabel = "FILE",
            description = "The connection and query log, one JSON object a line, appended to (default: "
                    + LOG_NAME + " beside the users file; made readable by its owner only).")
    Path logFile;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "100",
            description = "Connections at once; one more is refused with FATAL 53300 (default: ${DEFAULT-VALUE}; 0: no "
                    + "limit).")
    int maxConnections;

    @Option(names = "--statement-timeout", paramLabel = "DURATION", defaultValue = "5min",
            description = "A statement working longer is cancelled with 57014, e.g. 30s, 5min, 1h (default: "
                    + "${DEFAULT-VALUE}; 0: no limit). A session's SET statement_timeout can shorten it, not lengthen it.")
    String statementTimeout;

    @Option(names = "--max-rows", paramLabel = "N", defaultValue = "1000000",
            description = "A result with more rows fails with 54000, never truncated (default: ${DEFAULT-VALUE}; 0: no "
                    + "limit).")
    long maxRows;

    @Override
    public Integer call() throws IOException, SQLException, InterruptedException {
        if (!Files.isRegularFile(workspace)) {
            throw new ParameterException(spec.commandLine(), "no workspace at " + workspace);
        }
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be between 0 and 65535");
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new ParameterException(spec.commandLine(), "--tls-cert and --tls-key go together");
        }
        for (Path file : new Path[] {tlsCert, tlsKey}) {
            if (file != null && !Files.isReadable(file)) {
                throw new ParameterException(spec.commandLine(), "cannot read " + file);
            }
        }
        if (maxConnections < 0 || maxRows < 0) {
            throw new ParameterException(spec.commandLine(), "--max-connections and --max-rows cannot be negative");
        }
        long timeoutMillis = Limits.parseMillis(statementTimeout, 1);
        if (timeoutMillis < 0 || timeoutMillis > 0 && statementTimeout.strip().matches("[0-9.]+")) {
            throw new ParameterException(spec.commandLine(), "--statement-timeout takes a duration with its unit, such "
                    + "as 30s, 5min or 1h (0: no limit), not '" + statementTimeout + "'");
        }
        Limits limits = new Limits(maxConnections, timeoutMillis, maxRows);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (UsersFile.read(users).isEmpty()) {
            err.println("rollcall: warning: no users in " + users + " yet: add one with `rollcall users add`");
        }
        try (Connection check = RollCallDriver.open(workspace)) {
            // opens the workspace once, so a broken one is reported here and not at the first login
            check.getMetaData();
        }
        Path logFile = this.logFile != null ? this.logFile.toAbsolutePath()
                : users.toAbsolutePath().resolveSibling(LOG_NAME);
        QueryLog opened;
        try {
            opened = QueryLog.appendingTo(logFile);
        } catch (IOException e) {
            throw new IOException("cannot write the connection and query log " + logFile + (this.logFile != null
                    ? " (--log)" : " (it is kept beside the users file unless --log names another)") + ": " + e, e);
        }
        ServerTls tls = tlsCert != null ? ServerTls.fromPem(tlsCert, tlsKey, requireTls)
                : ServerTls.selfSigned(users.toAbsolutePath().getParent(), bind, requireTls);
        out.println("tls: " + tls.certificate() + (tlsCert != null ? "" : tls.made() ? " (self-signed, made now)"
                : " (self-signed)") + ", SHA-256 fingerprint " + tls.fingerprint()
                + (requireTls ? ", required" : ""));
        try (QueryLog log = opened) {
            PgServer server;
            try {
                server = PgServer.start(workspace, users, bind, port, log, tls, limits);
            } catch (Exception e) {
                throw new IOException("cannot listen on " + bind + ":" + port + ": " + e.getMessage(), e);
            }
            Thread hook = new Thread(server::close, "rollcall-serve-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                out.println("listening on " + server.address().getHostString() + ":" + server.address().getPort());
                out.println("log: " + logFile);
                out.flush();
                server.awaitClose();
            } finally {
                server.close();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // the JVM is shutting down: the hook is closing the server
                }
            }
        }
        return 0;
    }
}
