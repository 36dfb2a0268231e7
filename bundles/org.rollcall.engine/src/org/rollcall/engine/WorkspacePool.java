package org.rollcall.engine;

import java.nio.file.Path;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.rollcall.store.Workspace;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The SQLite connections behind one RollCall connection. Calcite asks its data source for a connection for
 * every table lookup, column lookup and query; a fresh SQLite connection parses the whole store schema (all
 * metric views) on its first statement, which cost more than the query itself. Keeping a few open connections
 * makes that a one-time cost per RollCall connection.
 */
final class WorkspacePool {

    private static final AtomicInteger POOLS = new AtomicInteger();

    /** One housekeeping thread for all pools, instead of one per RollCall connection. */
    private static final ScheduledExecutorService HOUSEKEEPING = housekeeping();

    private WorkspacePool() {
    }

    /** A pool of read-only connections on {@code workspaceFile}; closing it closes them all. */
    static HikariDataSource open(Path workspaceFile) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("rollcall-" + POOLS.incrementAndGet());
        // SQLite opens the file read-only; the pool must agree, since sqlite-jdbc refuses to change the flag later.
        config.setDataSource(new InterruptibleSqlite(Workspace.dataSource(workspaceFile, true)));
        config.setReadOnly(true);
        config.setMinimumIdle(0);
        config.setMaximumPoolSize(4);
        config.setIdleTimeout(TimeUnit.MINUTES.toMillis(2));
        config.setConnectionTimeout(TimeUnit.SECONDS.toMillis(30));
        // Fail in connect, naming the file, rather than at the first query.
        config.setInitializationFailTimeout(1);
        config.setScheduledExecutor(HOUSEKEEPING);
        config.setRegisterMbeans(false);
        return new HikariDataSource(config);
    }

    private static ScheduledExecutorService housekeeping() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "rollcall-pool-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
