package org.rollcall.server;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import org.rollcall.store.ScopedCopy;

/**
 * The PostgreSQL wire endpoint in front of a workspace: protocol v3 on Netty, SCRAM-SHA-256 logins from a users
 * file, the simple query protocol, read-only. Each client gets its own {@code RollCallDriver} connection.
 */
public final class PgServer implements AutoCloseable {

    /** The one database name clients connect to. */
    public static final String DATABASE = "rollcall";
    /** What clients read as server_version: a PostgreSQL version whose behaviour the endpoint follows. */
    public static final String SERVER_VERSION = "16.0 (RollCall)";
    /** server_version as a number, as PostgreSQL's server_version_num. */
    public static final String SERVER_VERSION_NUM = "160000";

    private final Path workspace;
    private final Path usersFile;
    private final QueryLog log;
    private final ServerTls tls;
    private final Limits limits;
    /** Sessions that passed the startup packet and hold one of {@link Limits#maxConnections} places. */
    private final AtomicInteger connected = new AtomicInteger();
    /** Ends statements that reach the statement timeout. */
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rollcall-serve-timeout");
        t.setDaemon(true);
        return t;
    });
    private final EventLoopGroup boss = new NioEventLoopGroup(1);
    private final EventLoopGroup workers = new NioEventLoopGroup();
    private final Map<Integer, Session> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger processIds = new AtomicInteger(1000);
    private final SecureRandom random = new SecureRandom();
    private Channel listener;
    private boolean closed;

    private PgServer(Path workspace, Path usersFile, QueryLog log, ServerTls tls, Limits limits) {
        this.workspace = workspace;
        this.usersFile = usersFile;
        this.log = log;
        this.tls = tls;
        this.limits = limits;
    }

    /**
     * Starts listening on {@code host:port} (port 0: any free port); returns once connections are accepted.
     * {@code tls} null: an SSLRequest is answered "no".
     */
    public static PgServer start(Path workspace, Path usersFile, String host, int port, QueryLog log, ServerTls tls,
            Limits limits) throws InterruptedException {
        PgServer server = new PgServer(workspace, usersFile, log, tls, limits);
        try {
            server.listener = new ServerBootstrap().group(server.boss, server.workers)
                    .channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline().addLast(new FrontendDecoder(), server.newSession());
                        }
                    })
                    .bind(host, port).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** Where the server accepts connections. */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    /** Blocks until the server is closed. */
    public void awaitClose() throws InterruptedException {
        listener.closeFuture().sync();
    }

    private Session newSession() {
        Session session;
        do {
            session = new Session(this, processIds.incrementAndGet(), random.nextInt());
        } while (sessions.putIfAbsent(session.processId(), session) != null);
        return session;
    }

    void forget(Session session) {
        sessions.remove(session.processId(), session);
    }

    /** A CancelRequest: cancels the running query of the session with this key, if the secret matches. */
    void cancel(int processId, int secret) {
        Session session = sessions.get(processId);
        if (session != null && session.secret() == secret) {
            boolean running = session.cancel();
            log.event("cancel", session.user(), "", running ? "query cancelled" : "no query running");
        }
    }

    /**
     * Takes one of the server's connection places for a session that is logging in; false when all are taken (the
     * session is refused with 53300). A place taken is given back by {@link #leave}.
     */
    boolean join() {
        int max = limits.maxConnections();
        while (true) {
            int now = connected.get();
            if (max > 0 && now >= max) {
                return false;
            }
            if (connected.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    void leave() {
        connected.decrementAndGet();
    }

    Limits limits() {
        return limits;
    }

    /** Runs {@code task} once after {@code millis}, on the server's timer thread. */
    ScheduledFuture<?> after(long millis, Runnable task) {
        return timer.schedule(task, millis, TimeUnit.MILLISECONDS);
    }

    /** The server's TLS, or null. */
    ServerTls tls() {
        return tls;
    }

    Path workspace() {
        return workspace;
    }

    /**
     * The workspace file a user's connection reads: the workspace itself, or for a user scoped to districts or schools
     * the copy holding only those schools' rows (made beside the users file, in {@code rollcall-scoped/}, and made
     * again after the workspace changes).
     */
    Path workspaceFor(UsersFile.User account) {
        ScopedCopy.Scope scope = new ScopedCopy.Scope(Set.copyOf(account.districts()), Set.copyOf(account.schools()));
        return ScopedCopy.of(workspace, scope, scopedFolder());
    }

    Path scopedFolder() {
        return usersFile.toAbsolutePath().getParent().resolve("rollcall-scoped");
    }

    Path usersFile() {
        return usersFile;
    }

    QueryLog log() {
        return log;
    }

    /** Stops accepting, closes every connection and waits for Netty's threads to end. */
    @Override
    public synchronized void close() {
        // called by the shutdown hook (SIGTERM) and by the thread that waited for the close: the second does nothing
        if (closed) {
            return;
        }
        closed = true;
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
        timer.shutdownNow();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
