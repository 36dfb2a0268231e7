package org.rollcall.server;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.rollcall.engine.RollCallDriver;
import org.rollcall.server.catalog.PgCatalog;
import org.rollcall.store.StoreException;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * One client connection: startup, SCRAM-SHA-256 login, then the simple and the extended query protocol over one
 * read-only {@link RollCallDriver} connection. Messages are handled in order on the session's own thread, so a long query
 * never blocks Netty's event loop; a CancelRequest (on another connection) cancels the running statement.
 */
final class Session extends ChannelInboundHandlerAdapter {

    private static final int PROTOCOL_3 = 196608;
    private static final int SSL_REQUEST = 80877103;
    private static final int GSSENC_REQUEST = 80877104;
    private static final int CANCEL_REQUEST = 80877102;
    private static final int AUTHENTICATION_TIMEOUT_SECONDS = 60;

    /** The parameters reported at startup and answered by SHOW, with PostgreSQL's defaults for a UTF-8 server. */
    private static final Map<String, String> DEFAULTS = defaults();
    /** Parameters a client may SET (accepted, never passed to Calcite). */
    private static final Set<String> SETTABLE = Set.of("application_name", "client_encoding", "datestyle", "timezone",
            "extra_float_digits", "search_path", "statement_timeout", "intervalstyle", "client_min_messages",
            "lock_timeout", "idle_in_transaction_session_timeout", "bytea_output", "default_transaction_read_only",
            "transaction_read_only", "jit", "names");
    /** Commands that would change the workspace: a read-only server refuses them. */
    private static final Set<String> WRITES = Set.of("INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "CREATE", "DROP",
            "ALTER", "TRUNCATE", "GRANT", "REVOKE", "COPY", "VACUUM", "ANALYZE", "REINDEX", "CLUSTER", "COMMENT", "LOCK",
            "REFRESH", "CALL", "DO", "IMPORT", "SECURITY", "PREPARE", "EXECUTE", "LISTEN", "NOTIFY");
    /** Commands the session answers itself (SHOW too); everything else is a query for the engine. */
    private static final Set<String> COMMANDS = Set.of("SET", "RESET", "BEGIN", "START", "COMMIT", "END", "ROLLBACK",
            "ABORT", "DISCARD", "DEALLOCATE");
    /** DEALLOCATE [PREPARE] name | ALL: psqlODBC closes the statements it made with Parse so. */
    private static final Pattern DEALLOCATE = Pattern.compile(
            "(?is)DEALLOCATE\\s+(?:PREPARE\\s+)?(\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)\\s*;?\\s*");
    private static final Pattern SET = Pattern.compile(
            "(?is)SET\\s+(?:SESSION\\s+|LOCAL\\s+)?(TIME\\s+ZONE|[A-Za-z_][A-Za-z0-9_.]*)\\s*(?:\\s+TO\\s+|=|\\s)\\s*(.*?)\\s*");

    private enum Phase { STARTUP, SASL_INITIAL, SASL_FINAL, READY }

    /** A statement made by Parse (or for one statement of a simple Query): its text, parameters and engine form. */
    private static final class Prepared {
        final String sql;
        final List<String> words;
        /** The {@code $n} placeholders of {@link #translated}, in order. */
        SqlText.Placeholders placeholders;
        /** {@link #sql} in the engine's SQL ({@link PgCatalog#translate}), its {@code $n} placeholders kept. */
        String translated;
        /** The PostgreSQL type of each parameter: the client's, else what the engine inferred. */
        final int[] parameterTypes;
        int[] parameterJdbcTypes;
        /** The text prepared on the engine, what each placeholder became in it, and the engine's statement. */
        String engineSql;
        IntFunction<String> placeholder;
        PreparedStatement statement;
        /** What it returns; null when it returns no rows. */
        List<Column> columns;
        /** The portal reading rows from {@link #statement}, if any. */
        Portal reader;

        Prepared(String sql, List<String> words, SqlText.Placeholders placeholders, int[] parameterTypes) {
            this.sql = sql;
            this.words = words;
            this.placeholders = placeholders;
            this.translated = sql;
            this.parameterTypes = parameterTypes;
            this.parameterJdbcTypes = new int[parameterTypes.length];
        }

        String command() {
            return words.isEmpty() ? "" : words.get(0);
        }

        int columnCount() {
            return columns == null ? 0 : columns.size();
        }

        void close() {
            if (statement != null) {
                try {
                    statement.close();
                } catch (SQLException e) {
                    // a statement that cannot close holds nothing the connection's close does not release
                }
                statement = null;
            }
        }
    }

    /** A result column as RowDescription describes it. */
    private record Column(String name, int jdbcType, PgType type) {
    }

    /** A statement bound to its values (Bind), run by Execute, possibly in parts (a row limit, PortalSuspended). */
    private static final class Portal {
        final Prepared prepared;
        final Object[] values;
        /** Per result column: binary format (else text). */
        final boolean[] binary;
        PreparedStatement statement;
        boolean ownStatement;
        ResultSet rows;
        long sent;
        boolean done;

        Portal(Prepared prepared, Object[] values, boolean[] binary) {
            this.prepared = prepared;
            this.values = values;
            this.binary = binary;
        }

        /** Ends the portal's rows: Execute answers "SELECT 0" from now on. */
        void finish() {
            done = true;
            if (rows != null) {
                try {
                    rows.close();
                } catch (SQLException e) {
                    // the statement's next execution or close releases it
                }
                rows = null;
            }
            if (prepared.reader == this) {
                prepared.reader = null;
            }
            if (ownStatement) {
                try {
                    statement.close();
                } catch (SQLException e) {
                    // as above
                }
                ownStatement = false;
            }
        }

        void close() {
            finish();
        }
    }

    private final PgServer server;
    private final int processId;
    private final int secret;
    private final ExecutorService thread;
    private final Map<String, String> settings = initialSettings();
    private Channel channel;
    private Phase phase = Phase.STARTUP;
    /** Whether the connection is encrypted (set on the event loop before the startup packet is read). */
    private volatile boolean tls;
    private String user;
    private UsersFile.User account;
    private Scram.Exchange scram;
    private Connection connection;
    private boolean inTransaction;
    private boolean transactionFailed;
    private boolean skipUntilSync;
    /** Statements made by Parse, by name ("" the unnamed one). */
    private final Map<String, Prepared> statements = new HashMap<>();
    /** Portals made by Bind, by name ("" the unnamed one). */
    private final Map<String, Portal> portals = new HashMap<>();
    private volatile Statement running;
    private volatile boolean cancelRequested;
    /** Between a message that may start a query and the next ReadyForQuery: a cancel then concerns this work. */
    private volatile boolean busy;
    private volatile boolean cancelPending;
    /** Why the running work is being cancelled: "user request" (a CancelRequest) or "statement timeout". */
    private volatile String cancelReason = "user request";
    /** When the login succeeded (System.nanoTime), and the statements run since: for the disconnect's log line. */
    private long connectedAt;
    private long queries;
    /** Whether this session holds one of the server's connection places ({@link PgServer#join}). */
    private boolean joined;
    /** The statement_timeout the client SET (0: none; the server's limit applies all the same). */
    private long requestedTimeout;
    /** Cancels the running work when the statement timeout is reached; null when no work is timed. */
    private java.util.concurrent.ScheduledFuture<?> timeout;

    Session(PgServer server, int processId, int secret) {
        this.server = server;
        this.processId = processId;
        this.secret = secret;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "rollcall-serve-" + processId);
            t.setDaemon(true);
            return t;
        });
        settings.put("statement_timeout", Limits.format(server.limits().statementTimeoutMillis()));
    }

    int processId() {
        return processId;
    }

    String user() {
        return user;
    }

    int secret() {
        return secret;
    }

    /**
     * Called from a CancelRequest: stops the running statement, if any (the engine passes it down to SQLite);
     * whether one was running.
     */
    boolean cancel() {
        return cancel("user request");
    }

    /** Cancels the running work, if any, for {@code reason} (the end of the message the client reads). */
    private boolean cancel(String reason) {
        Statement statement = running;
        if (statement != null || busy) {
            cancelReason = reason;
        }
        if (statement == null && busy) {
            cancelPending = true; // still planning: the query stops as soon as it starts
            return true;
        }
        if (statement != null) {
            cancelRequested = true;
            try {
                statement.cancel();
            } catch (SQLException e) {
                logEvent("cancel-failed").put("detail", e.getMessage()).write();
            }
        }
        return statement != null;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        // as PostgreSQL's authentication_timeout: a client that does not finish logging in within a minute is dropped
        ctx.executor().schedule(() -> onSessionThread(() -> {
            if (phase != Phase.READY && channel.isActive()) {
                fatal("08006", "authentication timed out");
            }
        }), AUTHENTICATION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        FrontendDecoder.Message message = (FrontendDecoder.Message) msg;
        if (message.type() == 0 && message.body().readableBytes() == 4
                && message.body().getInt(message.body().readerIndex()) == SSL_REQUEST) {
            // here on the event loop, so that the TLS handler is in place before the client's hello is read
            message.body().release();
            ServerTls tls = server.tls();
            if (tls == null || this.tls) {
                ctx.writeAndFlush(ctx.alloc().buffer(1).writeByte('N'));
            } else {
                ctx.writeAndFlush(ctx.alloc().buffer(1).writeByte('S'));
                ctx.pipeline().addFirst("tls", tls.context().newHandler(ctx.alloc()));
                this.tls = true;
            }
            return;
        }
        if (!onSessionThread(() -> {
            try {
                handle(message);
            } catch (RuntimeException | Error e) {
                // a failure outside any query (login, protocol): the session cannot go on
                logEvent("internal-error").put("detail", e.toString()).write();
                fatal("XX000", "internal error: " + e.getMessage());
            } finally {
                message.body().release();
            }
        })) {
            message.body().release();
        }
    }

    /** Runs {@code task} after the session's earlier messages; false once the session has ended. */
    private boolean onSessionThread(Runnable task) {
        try {
            thread.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        onSessionThread(() -> {
            server.forget(this);
            stopTimer();
            if (joined) {
                joined = false;
                server.leave();
            }
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    // closing a read-only connection loses nothing
                }
                logEvent("disconnect").put("duration_ms", millis(connectedAt)).put("queries", queries).write();
            }
        });
        thread.shutdown();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        logEvent("protocol-error").put("detail", String.valueOf(cause.getMessage())).write();
        ctx.close();
    }

    private void handle(FrontendDecoder.Message message) {
        if (!channel.isActive()) {
            return;
        }
        ByteBuf body = message.body();
        switch (phase) {
            case STARTUP -> startup(body);
            case SASL_INITIAL -> saslInitial(message.type(), body);
            case SASL_FINAL -> saslFinal(message.type(), body);
            case READY -> ready(message.type(), body);
        }
    }

    // ---- startup and authentication -----------------------------------------------------------------------

    private void startup(ByteBuf body) {
        int code = body.readInt();
        if (code == GSSENC_REQUEST) {
            // no GSSAPI encryption: 'N' tells the client to go on (and ask for TLS instead, if it wants it)
            channel.writeAndFlush(channel.alloc().buffer(1).writeByte('N'));
            return;
        }
        if (code == CANCEL_REQUEST) {
            server.cancel(body.readInt(), body.readInt());
            channel.close();
            return;
        }
        if (code != PROTOCOL_3) {
            fatal("0A000", "unsupported frontend protocol " + (code >> 16) + "." + (code & 0xffff)
                    + ": server supports 3.0");
            return;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        while (body.isReadable()) {
            String name = cString(body);
            if (name.isEmpty()) {
                break;
            }
            parameters.put(name, cString(body));
        }
        user = parameters.get("user");
        Optional.ofNullable(parameters.get("application_name")).ifPresent(v -> settings.put("application_name", v));
        if (user == null || user.isEmpty()) {
            refuse("28000", "no PostgreSQL user name specified in startup packet", "no user name");
            return;
        }
        String database = parameters.getOrDefault("database", user);
        if (!PgServer.DATABASE.equals(database)) {
            refuse("3D000", "database \"" + database + "\" does not exist (the database is named \"" + PgServer.DATABASE
                    + "\")", "no database " + database);
            return;
        }
        if (server.tls() != null && server.tls().required() && !tls) {
            refuse("28000", "TLS required: this server accepts encrypted connections only (sslmode=require or "
                    + "verify-full)", "no TLS");
            return;
        }
        if (parameters.containsKey("replication")) {
            fatal("0A000", "replication is not supported");
            return;
        }
        // Startup parameters are session settings at most: none of them (nor "options") ever reaches Calcite.
        parameters.keySet().removeAll(Set.of("user", "database", "application_name", "client_encoding", "DateStyle",
                "TimeZone", "extra_float_digits"));
        if (!parameters.isEmpty()) {
            logEvent("ignored-startup-parameters").put("detail", String.join(",", parameters.keySet())).write();
        }
        // as PostgreSQL, before authentication: one more session than the limit is refused
        if (!server.join()) {
            refuse("53300", "sorry, too many clients already: this server accepts at most "
                    + server.limits().maxConnections() + " connections at once (rollcall serve --max-connections)",
                    "too many connections");
            return;
        }
        joined = true;
        try {
            account = UsersFile.find(UsersFile.read(server.usersFile()), user).orElse(null);
        } catch (IOException e) {
            refuse("XX000", "the server cannot read its users file", "users file: " + e.getMessage());
            return;
        }
        scram = new Scram.Exchange(account == null ? Scram.impossible() : account.verifier());
        channel.writeAndFlush(Backend.message(alloc(), 'R').int32(10).string(Scram.MECHANISM).byte1(0).done());
        phase = Phase.SASL_INITIAL;
    }

    private void saslInitial(char type, ByteBuf body) {
        if (type != 'p') {
            fatal("08P01", "expected a SASL response");
            return;
        }
        String mechanism = cString(body);
        if (!Scram.MECHANISM.equals(mechanism)) {
            fatal("28000", "SASL mechanism " + mechanism + " is not supported: use " + Scram.MECHANISM);
            return;
        }
        int length = body.readInt();
        String clientFirst = length < 0 ? "" : body.readCharSequence(length, StandardCharsets.UTF_8).toString();
        try {
            String serverFirst = scram.serverFirst(clientFirst);
            channel.writeAndFlush(Backend.message(alloc(), 'R').int32(11)
                    .bytes(serverFirst.getBytes(StandardCharsets.UTF_8)).done());
            phase = Phase.SASL_FINAL;
        } catch (Scram.ScramException e) {
            fatal("08P01", e.getMessage());
        }
    }

    private void saslFinal(char type, ByteBuf body) {
        if (type != 'p') {
            fatal("08P01", "expected a SASL response");
            return;
        }
        String clientFinal = body.readCharSequence(body.readableBytes(), StandardCharsets.UTF_8).toString();
        String serverFinal;
        try {
            serverFinal = scram.serverFinal(clientFinal);
        } catch (Scram.PasswordMismatch e) {
            refuse("28P01", "password authentication failed for user \"" + user + "\"",
                    account == null ? "no such user" : "wrong password");
            return;
        } catch (Scram.ScramException e) {
            fatal("08P01", e.getMessage());
            return;
        }
        if (account == null) {
            // cannot happen (the impossible verifier never matches), but never log in a user who is not in the file
            fatal("28P01", "password authentication failed for user \"" + user + "\"");
            return;
        }
        try {
            // a scoped user's connection reads a copy of the workspace holding only their schools' rows
            connection = RollCallDriver.open(server.workspaceFor(account));
        } catch (StoreException e) {
            refuse("28000", "user \"" + user + "\" cannot log in: " + e.getMessage(), e.getMessage());
            return;
        } catch (SQLException e) {
            refuse("XX000", "the server cannot open its workspace", "workspace: " + e.getMessage());
            return;
        }
        channel.write(Backend.message(alloc(), 'R').int32(12).bytes(serverFinal.getBytes(StandardCharsets.UTF_8)).done());
        channel.write(Backend.message(alloc(), 'R').int32(0).done());
        settings.put("session_authorization", user);
        for (String name : DEFAULTS.keySet()) {
            channel.write(Backend.parameterStatus(alloc(), name, settings.get(name)));
        }
        channel.write(Backend.message(alloc(), 'K').int32(processId).int32(secret).done());
        channel.writeAndFlush(Backend.readyForQuery(alloc(), 'I'));
        phase = Phase.READY;
        connectedAt = System.nanoTime();
        logEvent("connect").put("tls", tls).put("outcome", "ok").write();
    }

    // ---- messages after login --------------------------------------------------------------------------------

    private void ready(char type, ByteBuf body) {
        if (skipUntilSync && type != 'S' && type != 'X') {
            return; // after an error in the extended protocol, messages are discarded until Sync
        }
        busy = type != 'S' && type != 'X' && type != 'H';
        if (busy && timeout == null) {
            startTimer(); // as PostgreSQL: from the first message of the work until ReadyForQuery
        }
        try {
            switch (type) {
                case 'Q' -> {
                    query(cString(body));
                    readyForQuery();
                }
                case 'X' -> channel.close();
                case 'S' -> sync();
                case 'H' -> channel.flush();
                case 'P' -> parse(body);
                case 'B' -> bind(body);
                case 'D' -> describe(body);
                case 'E' -> execute(body);
                case 'C' -> close(body);
                case 'F' -> throw new PgError("0A000", "the function call message is not supported: call functions in"
                        + " a query");
                default -> fatal("08P01", "invalid frontend message type '" + type + "'");
            }
        } catch (PgError | RuntimeException | Error thrown) {
            PgError e = thrown instanceof PgError p ? p : internal(thrown, null);
            channel.write(Backend.error(alloc(), "ERROR", e.sqlState, e.getMessage()));
            channel.flush();
            skipUntilSync = true;
            transactionFailed = inTransaction;
        }
    }

    /**
     * What the client is told when the engine (or this server) fails on a query with an exception or an error that is
     * not an SQL error: an assertion in Calcite's planner, a stack overflow on a deeply nested expression ... The
     * session goes on; the log keeps what was thrown, the client gets no stack trace.
     */
    private PgError internal(Throwable thrown, String sql) {
        logEvent("internal-error").put("sql", sql).put("detail", thrown.toString()).write();
        String what = thrown instanceof StackOverflowError ? "the query is nested too deeply for the engine"
                : "the engine failed on this query (" + thrown.getClass().getSimpleName() + ")";
        return new PgError("XX000", "internal error: " + what + "; nothing was changed and the session goes on");
    }

    /** ReadyForQuery's status: idle, in a transaction block, or in a failed one. */
    private char transactionStatus() {
        return !inTransaction ? 'I' : transactionFailed ? 'E' : 'T';
    }

    // ---- the simple query protocol ---------------------------------------------------------------------------

    private void query(String text) {
        // as PostgreSQL: a simple Query destroys the unnamed statement and portal
        closeStatement("");
        List<String> statements = SqlText.statements(text);
        if (statements.isEmpty()) {
            channel.write(Backend.message(alloc(), 'I').done());
            return;
        }
        for (String sql : statements) {
            long started = System.nanoTime();
            Instant start = Instant.now();
            if (statements.size() > 1) {
                // as PostgreSQL: each statement of a multi-statement Query has its own statement timeout
                stopTimer();
                startTimer();
            }
            try {
                Prepared prepared = prepare(sql, new int[0]);
                if (prepared.parameterTypes.length > 0) {
                    throw new PgError("42P02", "there is no parameter $1 (a simple query has no parameters)");
                }
                Portal portal = new Portal(prepared, new Object[0], new boolean[prepared.columnCount()]);
                try {
                    if (prepared.columns != null) {
                        rowDescription(prepared.columns, portal.binary);
                    }
                    long rows = run(portal, 0);
                    logQuery(sql, start, started, rows, null);
                } finally {
                    portal.close();
                    prepared.close();
                }
            } catch (PgError | RuntimeException | Error thrown) {
                PgError e = thrown instanceof PgError p ? p : internal(thrown, sql);
                logQuery(sql, start, started, -1, e);
                channel.write(Backend.error(alloc(), "ERROR", e.sqlState, e.getMessage()));
                transactionFailed = inTransaction;
                return;
            }
        }
    }

    // ---- the extended query protocol (https://www.postgresql.org/docs/current/protocol-flow.html) -------------

    private void parse(ByteBuf body) throws PgError {
        String name = cString(body);
        String sql = cString(body);
        int[] types = new int[body.readUnsignedShort()];
        for (int i = 0; i < types.length; i++) {
            types[i] = body.readInt();
        }
        if (name.isEmpty()) {
            closeStatement("");
        } else if (statements.containsKey(name)) {
            throw new PgError("42P05", "prepared statement \"" + name + "\" already exists");
        }
        long started = System.nanoTime();
        Instant start = Instant.now();
        try {
            statements.put(name, prepare(sql, types));
        } catch (PgError e) {
            logQuery(sql, start, started, -1, e); // refused or failed before it could run: a query all the same
            throw e;
        }
        channel.write(Backend.message(alloc(), '1').done());
    }

    private void bind(ByteBuf body) throws PgError {
        String portalName = cString(body);
        String statementName = cString(body);
        Prepared prepared = statement(statementName);
        checkNotAborted(prepared.command());
        int[] formats = new int[body.readUnsignedShort()];
        for (int i = 0; i < formats.length; i++) {
            formats[i] = body.readUnsignedShort();
        }
        int count = body.readUnsignedShort();
        if (count != prepared.parameterTypes.length) {
            throw new PgError("08P01", "bind message supplies " + count + " parameters, but prepared statement \""
                    + statementName + "\" requires " + prepared.parameterTypes.length);
        }
        Object[] values = new Object[count];
        for (int i = 0; i < count; i++) {
            int length = body.readInt();
            byte[] bytes = null;
            if (length >= 0) {
                bytes = new byte[length];
                body.readBytes(bytes);
            }
            values[i] = Parameters.decode(prepared.parameterTypes[i], format(formats, i, "parameter"), bytes);
        }
        int columns = prepared.columnCount();
        int[] resultFormats = new int[body.readUnsignedShort()];
        for (int i = 0; i < resultFormats.length; i++) {
            resultFormats[i] = body.readUnsignedShort();
        }
        if (resultFormats.length > 1 && resultFormats.length != columns) {
            throw new PgError("08P01", "bind message has " + resultFormats.length + " result formats but query has "
                    + columns + " columns");
        }
        boolean[] binary = new boolean[columns];
        for (int c = 0; c < columns; c++) {
            binary[c] = format(resultFormats, c, "result") == 1;
        }
        if (portalName.isEmpty()) {
            closePortal("");
        } else if (portals.containsKey(portalName)) {
            throw new PgError("42P03", "cursor \"" + portalName + "\" already exists");
        }
        portals.put(portalName, new Portal(prepared, values, binary));
        channel.write(Backend.message(alloc(), '2').done());
    }

    /** The format code of item {@code i}: none given means text, one applies to all. */
    private static int format(int[] formats, int i, String what) throws PgError {
        int format = formats.length == 0 ? 0 : formats.length == 1 ? formats[0] : formats[i];
        if (format != 0 && format != 1) {
            throw new PgError("08P01", "unsupported format code " + format + " for " + what + " " + (i + 1));
        }
        return format;
    }

    private void describe(ByteBuf body) throws PgError {
        char kind = (char) body.readByte();
        String name = cString(body);
        if (kind == 'S') {
            Prepared prepared = statement(name);
            Backend description = Backend.message(alloc(), 't').int16(prepared.parameterTypes.length);
            for (int type : prepared.parameterTypes) {
                description.int32(type);
            }
            channel.write(description.done());
            rowDescription(prepared.columns, new boolean[prepared.columnCount()]);
        } else if (kind == 'P') {
            Portal portal = portal(name);
            rowDescription(portal.prepared.columns, portal.binary);
        } else {
            throw new PgError("08P01", "invalid DESCRIBE message subtype " + (int) kind);
        }
    }

    private void execute(ByteBuf body) throws PgError {
        String name = cString(body);
        int maxRows = body.readInt();
        Portal portal = portal(name);
        long started = System.nanoTime();
        Instant start = Instant.now();
        try {
            long rows = run(portal, maxRows);
            logQuery(portal.prepared.sql, start, started, rows, null);
        } catch (PgError e) {
            logQuery(portal.prepared.sql, start, started, -1, e);
            throw e;
        }
    }

    private void close(ByteBuf body) throws PgError {
        char kind = (char) body.readByte();
        String name = cString(body);
        if (kind == 'S') {
            closeStatement(name);
        } else if (kind == 'P') {
            closePortal(name);
        } else {
            throw new PgError("08P01", "invalid CLOSE message subtype " + (int) kind);
        }
        channel.write(Backend.message(alloc(), '3').done());
    }

    private void sync() {
        skipUntilSync = false;
        if (!inTransaction) {
            closeAllPortals(); // the implicit transaction of the messages since the last Sync ends here
        }
        readyForQuery();
    }

    private void readyForQuery() {
        stopTimer();
        busy = false;
        cancelPending = false;
        channel.writeAndFlush(Backend.readyForQuery(alloc(), transactionStatus()));
    }

    private Prepared statement(String name) throws PgError {
        Prepared prepared = statements.get(name);
        if (prepared == null) {
            throw new PgError("26000", name.isEmpty() ? "unnamed prepared statement does not exist"
                    : "prepared statement \"" + name + "\" does not exist");
        }
        return prepared;
    }

    private Portal portal(String name) throws PgError {
        Portal portal = portals.get(name);
        if (portal == null) {
            throw new PgError("34000", "portal \"" + name + "\" does not exist");
        }
        return portal;
    }

    private void closeStatement(String name) {
        Prepared prepared = statements.remove(name);
        if (prepared != null) {
            // as PostgreSQL: closing a statement closes the portals made from it
            portals.values().removeIf(portal -> {
                if (portal.prepared == prepared) {
                    portal.close();
                    return true;
                }
                return false;
            });
            prepared.close();
        }
    }

    private void closePortal(String name) {
        Portal portal = portals.remove(name);
        if (portal != null) {
            portal.close();
        }
    }

    private void closeAllPortals() {
        portals.values().forEach(Portal::close);
        portals.clear();
    }

    // ---- statements and portals ------------------------------------------------------------------------------

    /**
     * The one place a client's SQL text becomes a statement, for the simple and the extended protocol alike: a
     * session command (SET, SHOW, BEGIN ...) runs here, a query goes to the engine ({@link #prepareQuery}).
     */
    private Prepared prepare(String sql, int[] clientTypes) throws PgError {
        List<String> words = SqlText.words(sql);
        String command = words.isEmpty() ? "" : words.get(0);
        checkNotAborted(command);
        SqlText.Placeholders placeholders = SqlText.placeholders(sql);
        int[] types = java.util.Arrays.copyOf(clientTypes, Math.max(clientTypes.length, placeholders.count()));
        Prepared prepared = new Prepared(sql, words, placeholders, types);
        if (command.equals("SHOW")) {
            prepared.columns = show(words).columns();
        } else if (!command.isEmpty() && !COMMANDS.contains(command)) {
            if (WRITES.contains(command)) {
                throw new PgError("25006", "cannot execute " + command + " in a read-only transaction");
            }
            prepareQuery(prepared);
        }
        return prepared;
    }

    /**
     * Prepares a query on the engine. PostgreSQL's {@code $n} placeholders become JDBC parameters, never text in
     * the SQL: a value cannot change what the query means, and the engine keeps one plan for all the values a
     * dashboard filter sends. Where the engine cannot infer a parameter's type ({@code select $1}), it is cast to
     * the type the client named (text if none).
     */
    private void prepareQuery(Prepared prepared) throws PgError {
        for (int n : prepared.placeholders.order()) {
            if (n < 0) {
                throw new PgError("42P02", "there is no parameter $0");
            }
        }
        try {
            // PostgreSQL's SQL (catalog queries, :: casts ...) in the engine's; the $n go through as Calcite's dynamic
            // parameters and come back as $n, where the translation put them
            int[] written = prepared.placeholders.order();
            prepared.translated = PgCatalog.translate(connection, user, settings,
                    SqlText.placeholders(prepared.sql, n -> "?").sql(), k -> "$" + (written[k] + 1), prepared.sql);
            prepared.placeholders = SqlText.placeholders(prepared.translated);
            // first as written; where the engine cannot type a parameter (select $1), cast those the client typed;
            // then the others too, as text (PostgreSQL's type for a parameter of unknown type)
            List<IntFunction<String>> attempts = List.of(n -> "?", n -> prepared.parameterTypes[n] == 0 ? "?"
                    : "CAST(? AS " + PgType.sqlName(prepared.parameterTypes[n]) + ")",
                    n -> "CAST(? AS " + PgType.sqlName(prepared.parameterTypes[n]) + ")");
            for (int attempt = 0; prepared.statement == null; attempt++) {
                prepared.placeholder = attempts.get(attempt);
                prepared.engineSql = SqlText.placeholders(prepared.translated, prepared.placeholder).sql();
                try {
                    prepared.statement = connection.prepareStatement(prepared.engineSql);
                } catch (SQLException e) {
                    if (attempt == attempts.size() - 1 || prepared.placeholders.order().length == 0
                            || !PgError.of(e, false).getMessage().contains("Illegal use of dynamic parameter")) {
                        throw e;
                    }
                }
            }
            ParameterMetaData parameters = prepared.statement.getParameterMetaData();
            int[] order = prepared.placeholders.order();
            prepared.parameterJdbcTypes = new int[prepared.parameterTypes.length];
            java.util.Arrays.fill(prepared.parameterJdbcTypes, Types.VARCHAR);
            for (int k = order.length - 1; k >= 0; k--) {
                prepared.parameterJdbcTypes[order[k]] = parameters.getParameterType(k + 1);
            }
            for (int n = 0; n < prepared.parameterTypes.length; n++) {
                if (prepared.parameterTypes[n] == 0) {
                    // the client left the type to the server: it is what the engine inferred
                    prepared.parameterTypes[n] = PgType.of(prepared.parameterJdbcTypes[n]).oid();
                }
            }
            ResultSetMetaData meta = prepared.statement.getMetaData();
            List<String> labels = new ArrayList<>();
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                labels.add(meta.getColumnLabel(c));
            }
            List<String> names = ColumnNames.of(prepared.sql, labels);
            prepared.columns = new ArrayList<>();
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                prepared.columns.add(new Column(names.get(c - 1), meta.getColumnType(c), PgType.of(meta.getColumnType(c))));
            }
        } catch (SQLException e) {
            prepared.close();
            throw PgError.of(e, false);
        }
    }

    /** Runs (or resumes) a portal, sending up to {@code maxRows} rows (0: all); returns the rows sent (-1: none). */
    private long run(Portal portal, int maxRows) throws PgError {
        Prepared prepared = portal.prepared;
        String command = prepared.command();
        checkNotAborted(command);
        if (command.isEmpty()) {
            channel.write(Backend.message(alloc(), 'I').done());
            return -1;
        }
        if (command.equals("SHOW")) {
            List<List<String>> rows = show(prepared.words).rows();
            rows.forEach(row -> {
                Backend message = Backend.message(alloc(), 'D').int16(row.size());
                row.forEach(message::value);
                channel.write(message.done());
            });
            complete("SHOW");
            return rows.size();
        }
        if (prepared.statement == null) {
            command(prepared.sql, prepared.words);
            return -1;
        }
        if (portal.done) {
            complete("SELECT 0");
            return 0;
        }
        if (cancelPending) {
            cancelPending = false;
            throw PgError.of(new SQLException("cancelled while planning"), cancelReason);
        }
        cancelRequested = false;
        try {
            if (portal.rows == null) {
                start(portal);
            }
            running = portal.statement;
            long count = 0;
            List<Column> columns = prepared.columns;
            long limit = server.limits().maxRows();
            while ((maxRows <= 0 || count < maxRows) && portal.rows.next()) {
                if (limit > 0 && portal.sent + count >= limit) {
                    // never a truncated result that looks whole: the query fails, and says how to stay within
                    portal.finish();
                    throw new PgError("54000", "the result has more than " + limit + " rows, this server's limit "
                            + "(rollcall serve --max-rows): add a LIMIT, or a WHERE or GROUP BY that returns fewer rows");
                }
                Backend row = Backend.message(alloc(), 'D').int16(columns.size());
                for (int c = 0; c < columns.size(); c++) {
                    Column column = columns.get(c);
                    if (portal.binary[c]) {
                        row.value(Values.binary(portal.rows, c + 1, column.jdbcType(), column.type()));
                    } else {
                        row.value(Values.text(portal.rows, c + 1, column.jdbcType()));
                    }
                }
                channel.write(row.done());
                if (++count % 256 == 0) {
                    awaitWritable();
                }
            }
            portal.sent += count;
            if (maxRows > 0 && count == maxRows) {
                channel.write(Backend.message(alloc(), 's').done());
            } else {
                portal.finish();
                complete("SELECT " + portal.sent);
            }
            return count;
        } catch (SQLException e) {
            portal.finish();
            throw PgError.of(e, cancelRequested ? cancelReason : null);
        } catch (java.time.DateTimeException | ArithmeticException | IllegalArgumentException e) {
            portal.finish();
            throw new PgError("22P03", "a value cannot be sent in binary format: " + e.getMessage());
        } finally {
            running = null;
        }
    }

    /**
     * Binds the portal's values and runs its query. A statement whose rows another portal is reading, or whose
     * dates and times go into its text ({@link Parameters#literal}), gets a statement of the portal's own.
     */
    private void start(Portal portal) throws SQLException {
        Prepared prepared = portal.prepared;
        int[] order = prepared.placeholders.order();
        int[] types = prepared.parameterTypes;
        boolean inlines = java.util.Arrays.stream(order).anyMatch(n -> Parameters.inlined(types[n]));
        if (inlines) {
            portal.statement = connection.prepareStatement(SqlText.placeholders(prepared.translated, n -> Parameters.inlined(
                    types[n]) ? Parameters.literal(portal.values[n], types[n]) : prepared.placeholder.apply(n)).sql());
            portal.ownStatement = true;
        } else if (prepared.reader == null || prepared.reader.rows == null) {
            prepared.reader = portal;
            portal.statement = prepared.statement;
        } else {
            portal.statement = connection.prepareStatement(prepared.engineSql);
            portal.ownStatement = true;
        }
        int index = 0;
        for (int n : order) {
            if (!Parameters.inlined(types[n])) {
                Parameters.bind(portal.statement, ++index, portal.values[n], prepared.parameterJdbcTypes[n]);
            }
        }
        running = portal.statement;
        portal.rows = portal.statement.executeQuery();
    }

    private void checkNotAborted(String command) throws PgError {
        if (transactionFailed && !Set.of("ROLLBACK", "ABORT", "COMMIT", "END").contains(command)) {
            throw new PgError("25P02", "current transaction is aborted, commands ignored until end of transaction block");
        }
    }

    /** Runs a session command: none of them reaches the engine. */
    private void command(String sql, List<String> words) throws PgError {
        String command = words.get(0);
        switch (command) {
            case "SET" -> set(sql, words);
            case "RESET" -> {
                String name = words.size() > 1 ? words.get(1).toLowerCase(Locale.ROOT) : "";
                if (name.equals("all")) {
                    resetSettings();
                } else if (name.equals("statement_timeout")) {
                    requestedTimeout = 0;
                    settings.put("statement_timeout", Limits.format(server.limits().statementTimeoutMillis()));
                } else if (DEFAULTS.containsKey(canonical(name))) {
                    settings.put(canonical(name), DEFAULTS.get(canonical(name)));
                }
                complete("RESET");
            }
            case "BEGIN", "START" -> {
                inTransaction = true;
                complete(command.equals("BEGIN") ? "BEGIN" : "START TRANSACTION");
            }
            case "COMMIT", "END" -> {
                // as PostgreSQL: COMMIT of a failed transaction block rolls it back
                complete(transactionFailed ? "ROLLBACK" : "COMMIT");
                endTransaction();
            }
            case "ROLLBACK", "ABORT" -> {
                endTransaction();
                complete("ROLLBACK");
            }
            case "DISCARD" -> {
                if (inTransaction) {
                    throw new PgError("25001", "DISCARD ALL cannot run inside a transaction block");
                }
                resetSettings();
                complete("DISCARD " + (words.size() > 1 ? words.get(1) : "ALL"));
            }
            case "DEALLOCATE" -> {
                deallocate(sql);
                complete(words.size() > 1 && words.get(words.size() - 1).equals("ALL") ? "DEALLOCATE ALL" : "DEALLOCATE");
            }
            default -> throw new PgError("XX000", "not a session command: " + command);
        }
    }

    /**
     * DEALLOCATE: closes a prepared statement made with Parse (SQL-level PREPARE is refused, so these are the only
     * ones), as a Close message does; ALL closes every named one.
     */
    private void deallocate(String sql) throws PgError {
        Matcher m = DEALLOCATE.matcher(sql.strip());
        if (!m.matches()) {
            throw new PgError("42601", "syntax error in DEALLOCATE: " + sql);
        }
        String name = m.group(1);
        if (name.startsWith("\"")) {
            name = name.substring(1, name.length() - 1).replace("\"\"", "\"");
        } else if (name.equalsIgnoreCase("ALL")) {
            new ArrayList<>(statements.keySet()).stream().filter(n -> !n.isEmpty()).forEach(this::closeStatement);
            return;
        } else {
            name = name.toLowerCase(Locale.ROOT); // an unquoted name folds to lower case, as PostgreSQL folds it
        }
        if (name.isEmpty() || !statements.containsKey(name)) {
            throw new PgError("26000", "prepared statement \"" + name + "\" does not exist");
        }
        closeStatement(name);
    }

    /** The end of a transaction block closes its portals (the one running this command has no rows open). */
    private void endTransaction() {
        inTransaction = false;
        transactionFailed = false;
        portals.values().forEach(Portal::finish);
    }

    /** Flushes, and waits while the client reads slower than the query produces. */
    private void awaitWritable() {
        channel.flush();
        while (channel.isActive() && !channel.isWritable()) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void rowDescription(List<Column> columns, boolean[] binary) {
        if (columns == null) {
            channel.write(Backend.message(alloc(), 'n').done());
            return;
        }
        Backend description = Backend.message(alloc(), 'T').int16(columns.size());
        for (int c = 0; c < columns.size(); c++) {
            Column column = columns.get(c);
            description.string(column.name()).int32(0).int16(0).int32(column.type().oid())
                    .int16(column.type().length()).int32(-1).int16(binary[c] ? 1 : 0);
        }
        channel.write(description.done());
    }

    /** What SHOW answers: its text columns and rows. */
    private record Shown(List<Column> columns, List<List<String>> rows) {
    }

    private Shown show(List<String> words) throws PgError {
        String name = String.join(" ", words.subList(1, words.size())).toLowerCase(Locale.ROOT);
        if (name.equals("all")) {
            List<List<String>> rows = new ArrayList<>();
            settings.forEach((key, value) -> rows.add(List.of(key, value)));
            return new Shown(List.of(textColumn("name"), textColumn("setting")), rows);
        }
        String key = canonical(switch (name) {
            case "time zone" -> "timezone";
            case "transaction isolation level" -> "transaction_isolation";
            default -> name;
        });
        if (!settings.containsKey(key)) {
            throw new PgError("42704", "unrecognized configuration parameter \"" + name + "\"");
        }
        return new Shown(List.of(textColumn(key)), List.of(java.util.Collections.singletonList(settings.get(key))));
    }

    private static Column textColumn(String name) {
        return new Column(name, Types.VARCHAR, new PgType(PgType.TEXT, -1));
    }

    private void set(String sql, List<String> words) throws PgError {
        if (words.size() > 1 && (words.get(1).equals("TRANSACTION") || words.get(1).equals("SESSION")
                && words.size() > 2 && words.get(2).equals("CHARACTERISTICS"))) {
            complete("SET");
            return;
        }
        Matcher m = SET.matcher(sql.strip());
        if (!m.matches()) {
            throw new PgError("42601", "syntax error in SET: " + sql);
        }
        String name = m.group(1).replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        String key = canonical(name.equals("time zone") ? "timezone" : name);
        String value = m.group(2).replaceAll("^'(.*)'$", "$1").replaceAll("^\"(.*)\"$", "$1");
        if (!SETTABLE.contains(key.toLowerCase(Locale.ROOT))) {
            throw new PgError("42704", "unrecognized configuration parameter \"" + name + "\"");
        }
        if ((key.equals("client_encoding") || key.equals("names"))
                && !value.replace("-", "").equalsIgnoreCase("UTF8") && !value.equalsIgnoreCase("UNICODE")) {
            throw new PgError("0A000", "client_encoding " + value + " is not supported: this server speaks UTF8 only");
        }
        if ((key.equals("default_transaction_read_only") || key.equals("transaction_read_only"))
                && !value.equalsIgnoreCase("on") && !value.equalsIgnoreCase("true")) {
            throw new PgError("25006", "this server is read-only: " + key + " stays on");
        }
        if (key.equals("names")) {
            key = "client_encoding";
            value = "UTF8";
        }
        if (key.equals("statement_timeout")) {
            value = statementTimeout(value);
        }
        settings.put(key, value);
        if (DEFAULTS.containsKey(key)) {
            channel.write(Backend.parameterStatus(alloc(), key, value));
        }
        complete("SET");
    }

    /**
     * SET statement_timeout, as PostgreSQL reads it (a number of milliseconds, or with a unit: {@code '30s'},
     * {@code '5min'}; 0 or DEFAULT: none), capped by the server's limit; returns what SHOW answers from now on.
     */
    private String statementTimeout(String value) throws PgError {
        long cap = server.limits().statementTimeoutMillis();
        long requested = value.equalsIgnoreCase("default") ? 0 : Limits.parseMillis(value, 1);
        if (requested < 0) {
            throw new PgError("22023", "invalid value for parameter \"statement_timeout\": \"" + value + "\"");
        }
        requestedTimeout = requested;
        long effective = server.limits().effectiveTimeout(requested);
        if (effective != requested) {
            channel.write(Backend.notice(alloc(), "01000", "statement_timeout stays at " + Limits.format(cap)
                    + ", this server's limit (rollcall serve --statement-timeout)"));
        }
        return Limits.format(effective);
    }

    private void resetSettings() {
        settings.putAll(initialSettings());
        settings.put("session_authorization", user);
        requestedTimeout = 0;
        settings.put("statement_timeout", Limits.format(server.limits().statementTimeoutMillis()));
    }

    /** Starts timing the work that begins now against the session's statement timeout, if it has one. */
    private void startTimer() {
        long millis = server.limits().effectiveTimeout(requestedTimeout);
        if (millis > 0) {
            timeout = server.after(millis, () -> cancel("statement timeout"));
        }
    }

    private void stopTimer() {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
    }

    /** A parameter name as PostgreSQL spells it in ParameterStatus (DateStyle, TimeZone ...). */
    private String canonical(String name) {
        for (String key : settings.keySet()) {
            if (key.equalsIgnoreCase(name)) {
                return key;
            }
        }
        return name;
    }

    private void complete(String tag) {
        channel.write(Backend.commandComplete(alloc(), tag));
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** Refuses a login: logs the attempt with its SQLSTATE and why, and ends the connection with FATAL. */
    private void refuse(String sqlState, String text, String reason) {
        logEvent("connect").put("tls", tls).put("outcome", sqlState).put("message", reason).write();
        fatal(sqlState, text);
    }

    /** An event of this session's, with who it is (user, client address, application_name). */
    private QueryLog.Event logEvent(String event) {
        return server.log().event(event).put("user", user).put("client", client())
                .put("application_name", settings.get("application_name"));
    }

    /** A statement as received, when and how long it ran, the rows sent (-1: none) and its outcome. */
    private void logQuery(String sql, Instant start, long startedNanos, long rows, PgError error) {
        queries++;
        logEvent("query").put("start", start.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString())
                .put("duration_ms", millis(startedNanos)).put("sql", sql).put("rows", rows < 0 ? null : rows)
                .put("outcome", error == null ? "ok" : error.sqlState)
                .put("message", error == null ? null : error.getMessage()).write();
    }

    private void fatal(String sqlState, String text) {
        channel.writeAndFlush(Backend.error(alloc(), "FATAL", sqlState, text)).addListener(ChannelFutureListener.CLOSE);
    }

    private ByteBufAllocator alloc() {
        return channel.alloc();
    }

    private String client() {
        SocketAddress address = channel == null ? null : channel.remoteAddress();
        if (address instanceof java.net.InetSocketAddress inet) {
            return inet.getHostString() + ":" + inet.getPort();
        }
        return address == null ? "" : address.toString();
    }

    private static String cString(ByteBuf body) {
        int end = body.indexOf(body.readerIndex(), body.writerIndex(), (byte) 0);
        if (end < 0) {
            end = body.writerIndex();
        }
        String value = body.toString(body.readerIndex(), end - body.readerIndex(), StandardCharsets.UTF_8);
        body.readerIndex(Math.min(end + 1, body.writerIndex()));
        return value;
    }

    private static long millis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /** The reported parameters, and the read-only ones a client may SHOW without their being reported. */
    private static Map<String, String> initialSettings() {
        Map<String, String> settings = new LinkedHashMap<>(DEFAULTS);
        settings.put("server_version_num", PgServer.SERVER_VERSION_NUM);
        settings.put("transaction_isolation", "read committed");
        settings.put("transaction_read_only", "on");
        settings.put("max_identifier_length", "63");
        settings.put("search_path", "attendance");   // the attendance schema is where unqualified names resolve
        settings.put("extra_float_digits", "1");
        return settings;
    }

    private static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("server_version", PgServer.SERVER_VERSION);
        defaults.put("server_encoding", "UTF8");
        defaults.put("client_encoding", "UTF8");
        defaults.put("DateStyle", "ISO, MDY");
        defaults.put("TimeZone", "UTC");
        defaults.put("integer_datetimes", "on");
        defaults.put("standard_conforming_strings", "on");
        defaults.put("IntervalStyle", "postgres");
        defaults.put("is_superuser", "off");
        defaults.put("session_authorization", "");
        defaults.put("application_name", "");
        defaults.put("default_transaction_read_only", "on");
        defaults.put("in_hot_standby", "off");
        return defaults;
    }
}
