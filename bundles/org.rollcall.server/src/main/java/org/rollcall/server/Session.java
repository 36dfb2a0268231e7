package org.rollcall.server;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.rollcall.engine.RollCallDriver;
import org.rollcall.server.catalog.PgCatalog;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * One client connection: startup, SCRAM-SHA-256 login, then the simple query protocol over one read-only
 * {@link RollCallDriver} connection. Messages are handled in order on the session's own thread, so a long query
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
            "REFRESH", "CALL", "DO", "IMPORT", "SECURITY", "PREPARE", "EXECUTE", "DEALLOCATE", "LISTEN", "NOTIFY");
    private static final Set<String> QUERIES = Set.of("SELECT", "WITH", "VALUES", "TABLE", "EXPLAIN");
    private static final Pattern SET = Pattern.compile(
            "(?is)SET\\s+(?:SESSION\\s+|LOCAL\\s+)?(TIME\\s+ZONE|[A-Za-z_][A-Za-z0-9_.]*)\\s*(?:\\s+TO\\s+|=|\\s)\\s*(.*?)\\s*");

    private enum Phase { STARTUP, SASL_INITIAL, SASL_FINAL, READY }

    private final PgServer server;
    private final int processId;
    private final int secret;
    private final ExecutorService thread;
    private final Map<String, String> settings = initialSettings();
    private Channel channel;
    private Phase phase = Phase.STARTUP;
    private String user;
    private UsersFile.User account;
    private Scram.Exchange scram;
    private Connection connection;
    private boolean inTransaction;
    private boolean transactionFailed;
    private boolean skipUntilSync;
    private volatile Statement running;
    private volatile boolean cancelRequested;

    Session(PgServer server, int processId, int secret) {
        this.server = server;
        this.processId = processId;
        this.secret = secret;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "rollcall-serve-" + processId);
            t.setDaemon(true);
            return t;
        });
    }

    int processId() {
        return processId;
    }

    int secret() {
        return secret;
    }

    /** Called from a CancelRequest: stops the running statement, if any (the engine passes it down to SQLite). */
    void cancel() {
        Statement statement = running;
        if (statement != null) {
            cancelRequested = true;
            try {
                statement.cancel();
            } catch (SQLException e) {
                server.log().event("cancel-failed", user, client(), e.getMessage(), -1);
            }
        }
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
        if (!onSessionThread(() -> {
            try {
                handle(message);
            } catch (RuntimeException e) {
                server.log().event("internal-error", user, client(), e.toString(), -1);
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
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    // closing a read-only connection loses nothing
                }
                server.log().event("disconnect", user, client(), "", -1);
            }
        });
        thread.shutdown();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        server.log().event("protocol-error", user, client(), String.valueOf(cause.getMessage()), -1);
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
        if (code == SSL_REQUEST || code == GSSENC_REQUEST) {
            // TLS and GSSAPI encryption come in a later slice: 'N' tells the client to go on in clear.
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
        if (user == null || user.isEmpty()) {
            fatal("28000", "no PostgreSQL user name specified in startup packet");
            return;
        }
        String database = parameters.getOrDefault("database", user);
        if (!PgServer.DATABASE.equals(database)) {
            fatal("3D000", "database \"" + database + "\" does not exist (the database is named \"" + PgServer.DATABASE
                    + "\")");
            return;
        }
        if (parameters.containsKey("replication")) {
            fatal("0A000", "replication is not supported");
            return;
        }
        // Startup parameters are session settings at most: none of them (nor "options") ever reaches Calcite.
        Optional.ofNullable(parameters.get("application_name")).ifPresent(v -> settings.put("application_name", v));
        parameters.keySet().removeAll(Set.of("user", "database", "application_name", "client_encoding", "DateStyle",
                "TimeZone", "extra_float_digits"));
        if (!parameters.isEmpty()) {
            server.log().event("ignored-startup-parameters", user, client(), String.join(",", parameters.keySet()), -1);
        }
        try {
            account = UsersFile.find(UsersFile.read(server.usersFile()), user).orElse(null);
        } catch (IOException e) {
            server.log().event("users-file-error", user, client(), e.getMessage(), -1);
            fatal("XX000", "the server cannot read its users file");
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
            server.log().event("login-failed", user, client(), account == null ? "no such user" : "wrong password", -1);
            fatal("28P01", "password authentication failed for user \"" + user + "\"");
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
        if (account.scoped()) {
            server.log().event("login-refused", user, client(), "scoped user", -1);
            fatal("0A000", "user \"" + user + "\" is scoped to districts or schools: scoped users are not supported yet");
            return;
        }
        try {
            connection = RollCallDriver.open(server.workspace());
        } catch (SQLException e) {
            server.log().event("workspace-error", user, client(), e.getMessage(), -1);
            fatal("XX000", "the server cannot open its workspace");
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
        server.log().event("connect", user, client(), "application_name=" + settings.getOrDefault("application_name", ""), -1);
    }

    // ---- queries -------------------------------------------------------------------------------------------

    private void ready(char type, ByteBuf body) {
        switch (type) {
            case 'Q' -> {
                query(cString(body));
                channel.writeAndFlush(Backend.readyForQuery(alloc(), transactionStatus()));
            }
            case 'X' -> channel.close();
            case 'S' -> {
                skipUntilSync = false;
                channel.writeAndFlush(Backend.readyForQuery(alloc(), transactionStatus()));
            }
            case 'H' -> channel.flush();
            case 'P', 'B', 'D', 'E', 'C', 'F' -> {
                if (!skipUntilSync) {
                    skipUntilSync = true;
                    channel.writeAndFlush(Backend.error(alloc(), "ERROR", "0A000",
                            "the extended query protocol (Parse/Bind/Execute) is not supported yet: use simple queries"
                                    + " (pgjdbc: preferQueryMode=simple)"));
                }
            }
            default -> fatal("08P01", "invalid frontend message type '" + type + "'");
        }
    }

    /** ReadyForQuery's status: idle, in a transaction block, or in a failed one. */
    private char transactionStatus() {
        return !inTransaction ? 'I' : transactionFailed ? 'E' : 'T';
    }

    private void query(String text) {
        List<String> statements = SqlText.statements(text);
        if (statements.isEmpty()) {
            channel.write(Backend.message(alloc(), 'I').done());
            return;
        }
        for (String statement : statements) {
            long started = System.nanoTime();
            try {
                long rows = statement(statement);
                server.log().event("query", user, client(), statement + " (" + millis(started) + " ms)", rows);
            } catch (PgError e) {
                server.log().event("query-error", user, client(), statement + " (" + e.sqlState + ": " + e.getMessage()
                        + ")", -1);
                channel.write(Backend.error(alloc(), "ERROR", e.sqlState, e.getMessage()));
                transactionFailed = inTransaction;
                return;
            }
        }
    }

    /** Runs one statement, writing its messages; returns the rows it sent (-1 for a command). */
    private long statement(String sql) throws PgError {
        List<String> words = SqlText.words(sql);
        String command = words.get(0);
        if (transactionFailed && !Set.of("ROLLBACK", "ABORT", "COMMIT", "END").contains(command)) {
            throw new PgError("25P02", "current transaction is aborted, commands ignored until end of transaction block");
        }
        if (command.startsWith("(") || QUERIES.contains(command)) {
            return select(sql);
        }
        switch (command) {
            case "SHOW" -> {
                return show(String.join(" ", words.subList(1, words.size())).toLowerCase(Locale.ROOT));
            }
            case "SET" -> set(sql, words);
            case "RESET" -> {
                String name = words.size() > 1 ? words.get(1).toLowerCase(Locale.ROOT) : "";
                if (name.equals("all")) {
                    settings.putAll(initialSettings());
                    settings.put("session_authorization", user);
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
                inTransaction = false;
                transactionFailed = false;
            }
            case "ROLLBACK", "ABORT" -> {
                inTransaction = false;
                transactionFailed = false;
                complete("ROLLBACK");
            }
            case "DISCARD" -> {
                if (inTransaction) {
                    throw new PgError("25001", "DISCARD ALL cannot run inside a transaction block");
                }
                settings.putAll(initialSettings());
                settings.put("session_authorization", user);
                complete("DISCARD " + (words.size() > 1 ? words.get(1) : "ALL"));
            }
            default -> {
                if (WRITES.contains(command)) {
                    throw new PgError("25006", "cannot execute " + command + " in a read-only transaction");
                }
                return select(sql);
            }
        }
        return -1;
    }

    private long select(String sql) throws PgError {
        try (Statement statement = connection.createStatement()) {
            cancelRequested = false;
            running = statement;
            try (ResultSet rows = statement.executeQuery(PgCatalog.translate(connection, user, settings, sql))) {
                ResultSetMetaData meta = rows.getMetaData();
                int columns = meta.getColumnCount();
                int[] types = new int[columns];
                Backend description = Backend.message(alloc(), 'T').int16(columns);
                for (int c = 1; c <= columns; c++) {
                    types[c - 1] = meta.getColumnType(c);
                    PgType type = PgType.of(types[c - 1]);
                    description.string(meta.getColumnLabel(c)).int32(0).int16(0).int32(type.oid()).int16(type.length())
                            .int32(-1).int16(0);
                }
                channel.write(description.done());
                long count = 0;
                while (rows.next()) {
                    Backend row = Backend.message(alloc(), 'D').int16(columns);
                    for (int c = 1; c <= columns; c++) {
                        row.value(text(rows, c, types[c - 1]));
                    }
                    channel.write(row.done());
                    if (++count % 256 == 0) {
                        awaitWritable();
                    }
                }
                complete("SELECT " + count);
                return count;
            }
        } catch (SQLException e) {
            throw PgError.of(e, cancelRequested);
        } finally {
            running = null;
        }
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

    /** A value in PostgreSQL's text format. */
    private static String text(ResultSet rows, int column, int type) throws SQLException {
        switch (type) {
            case Types.BOOLEAN, Types.BIT -> {
                boolean value = rows.getBoolean(column);
                return rows.wasNull() ? null : value ? "t" : "f";
            }
            case Types.DOUBLE, Types.FLOAT, Types.REAL -> {
                double value = rows.getDouble(column);
                if (rows.wasNull()) {
                    return null;
                }
                if (Double.isNaN(value)) {
                    return "NaN";
                }
                if (Double.isInfinite(value)) {
                    return value > 0 ? "Infinity" : "-Infinity";
                }
                // the shortest text that reads back as the same double, as PostgreSQL 12+ prints float8
                String plain = BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
                return plain.equals("-0") ? "-0" : plain;
            }
            case Types.DECIMAL, Types.NUMERIC -> {
                BigDecimal value = rows.getBigDecimal(column);
                return value == null ? null : value.toPlainString();
            }
            default -> {
                return rows.getString(column);
            }
        }
    }

    private long show(String name) throws PgError {
        if (name.equals("all")) {
            channel.write(Backend.message(alloc(), 'T').int16(2).string("name").int32(0).int16(0).int32(25).int16(-1)
                    .int32(-1).int16(0).string("setting").int32(0).int16(0).int32(25).int16(-1).int32(-1).int16(0)
                    .done());
            settings.forEach((key, value) -> channel.write(Backend.message(alloc(), 'D').int16(2).value(key).value(value)
                    .done()));
            complete("SHOW");
            return settings.size();
        }
        String key = canonical(switch (name) {
            case "time zone" -> "timezone";
            case "transaction isolation level" -> "transaction_isolation";
            default -> name;
        });
        if (!settings.containsKey(key)) {
            throw new PgError("42704", "unrecognized configuration parameter \"" + name + "\"");
        }
        channel.write(Backend.message(alloc(), 'T').int16(1).string(key)
                .int32(0).int16(0).int32(25).int16(-1).int32(-1).int16(0).done());
        channel.write(Backend.message(alloc(), 'D').int16(1).value(settings.get(key)).done());
        complete("SHOW");
        return 1;
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
        settings.put(key, value);
        if (DEFAULTS.containsKey(key)) {
            channel.write(Backend.parameterStatus(alloc(), key, value));
        }
        complete("SET");
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

    private void fatal(String sqlState, String text) {
        channel.writeAndFlush(Backend.error(alloc(), "FATAL", sqlState, text)).addListener(ChannelFutureListener.CLOSE);
    }

    private ByteBufAllocator alloc() {
        return channel.alloc();
    }

    private String client() {
        SocketAddress address = channel == null ? null : channel.remoteAddress();
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
