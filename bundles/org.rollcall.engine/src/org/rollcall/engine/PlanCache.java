package org.rollcall.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.interpreter.BindableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.runtime.Bindable;
import org.apache.calcite.sql.SqlKind;

/**
 * Plans of the statements already prepared on a workspace, keyed by their SQL text. Planning a query costs Calcite
 * from 15 ms to 2 s, more than SQLite needs to answer most metric views; BI tools send the same SQL again and again
 * (every dashboard refresh, every connection of their pool), so the connections to one version of a workspace file
 * share their plans (kept for the next connection after the last one closes), and when several ask for the same new
 * plan at once one plans it and the others wait for it: 32 connections opening together no longer plan every view
 * 32 times over on two cores. A plan reads its
 * tables through the schema of the connection running it, so a shared plan runs on each connection's own SQLite
 * connections; plans that also read live sources (whose tables depend on the source's state when planned) stay
 * with their connection. The workspace is read-only and a changed file is another version, so a plan never goes
 * stale.
 */
final class PlanCache {

    /** Plans kept per workspace version (and per connection, for its own plans); the least recently used goes. */
    static final int PLANS_PER_WORKSPACE = 256;

    /** The plans of the connections open on one version of a workspace file. */
    private static final class Plans {
        final Map<Key, Future<CalcitePrepare.CalciteSignature<?>>> shared = lru();
        int connections;
    }

    /** A workspace file as it is now: an import replaces or rewrites it, which makes another version. */
    private record Version(Path file, long lastModified, long size) {
    }

    private record Key(String sql, List<String> schemaPath, Type elementType, long maxRowCount) {
    }

    /** Workspace versions whose plans are kept once no connection is open on them (a BI tool reconnecting). */
    static final int IDLE_WORKSPACES_KEPT = 4;

    /** Shared plans by workspace version, the least recently opened first; guarded by itself. */
    private static final Map<Version, Plans> WORKSPACES = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Version, Plans> eldest) {
            return size() > IDLE_WORKSPACES_KEPT && eldest.getValue().connections == 0;
        }
    };

    /** Open RollCall connections, by the root schema Calcite hands the planner. */
    private static final Map<CalciteSchema, ConnectionPlans> CONNECTIONS = new ConcurrentHashMap<>();

    /** A connection's share of the workspace's plans, and its own. */
    private record ConnectionPlans(Plans workspace, Map<Key, Future<CalcitePrepare.CalciteSignature<?>>> own) {
    }

    /** Set while planning when the plan reads a schema other than the workspace's own. */
    private static final ThreadLocal<Boolean> CONNECTION_SPECIFIC = new ThreadLocal<>();

    private PlanCache() {
    }

    private static <V> Map<Key, V> lru() {
        return Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, V> eldest) {
                return size() > PLANS_PER_WORKSPACE;
            }
        });
    }

    /** Starts caching plans for the connection with this root schema on {@code workspace}; closing stops it. */
    static AutoCloseable register(CalciteSchema rootSchema, Path workspace) {
        Version version;
        try {
            version = new Version(workspace, Files.getLastModifiedTime(workspace).toMillis(), Files.size(workspace));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + workspace + ": " + e.getMessage(), e);
        }
        Plans plans;
        synchronized (WORKSPACES) {
            plans = WORKSPACES.computeIfAbsent(version, v -> new Plans());
            plans.connections++;
        }
        CONNECTIONS.put(rootSchema, new ConnectionPlans(plans, lru()));
        return () -> {
            CONNECTIONS.remove(rootSchema);
            synchronized (WORKSPACES) {
                plans.connections--;
            }
        };
    }

    /**
     * Calcite's preparation, answered from the cache when the workspace has planned the same SQL before; plans
     * refuse writes and carry guards on the operators Calcite evaluates itself ({@link OperatorGuard}).
     */
    static final class Prepare extends CalcitePrepareImpl {

        @Override
        public <T> CalciteSignature<T> prepareSql(Context context, Query<T> query, Type elementType,
                long maxRowCount) {
            ReadOnlyRefusal refusal = ReadOnlyRefusal.of(query.sql);
            if (refusal != null) {
                // before parsing: Calcite's parser knows no DDL and would answer with a syntax error
                throw refusal;
            }
            CalciteSchema root = context.getMutableRootSchema();
            ConnectionPlans connection = query.sql == null ? null : CONNECTIONS.get(root);
            if (connection == null) {
                return super.prepareSql(context, query, elementType, maxRowCount);
            }
            Key key = new Key(query.sql, context.getDefaultSchemaPath(), elementType, maxRowCount);
            Future<CalciteSignature<?>> own = connection.own().get(key);
            if (own != null) {
                return forConnection(await(own), root);
            }
            FutureTask<CalciteSignature<?>> planning = new FutureTask<>(() -> plan(context, query, elementType,
                    maxRowCount, connection, key));
            Future<CalciteSignature<?>> shared = connection.workspace().shared.putIfAbsent(key, planning);
            if (shared == null) {
                planning.run();
                shared = planning;
            }
            try {
                return forConnection(await(shared), root);
            } catch (RuntimeException e) {
                connection.workspace().shared.remove(key, shared);
                throw e;
            }
        }

        /** Plans the query; a plan that cannot be shared moves to the connection's own cache. */
        private <T> CalciteSignature<?> plan(Context context, Query<T> query, Type elementType, long maxRowCount,
                ConnectionPlans connection, Key key) {
            CONNECTION_SPECIFIC.remove();
            try {
                CalciteSignature<T> signature = super.prepareSql(context, query, elementType, maxRowCount);
                if (Boolean.TRUE.equals(CONNECTION_SPECIFIC.get()) || !onlyValues(signature.internalParameters)) {
                    FutureTask<CalciteSignature<?>> done = new FutureTask<>(() -> signature);
                    done.run();
                    connection.own().put(key, done);
                    connection.workspace().shared.remove(key);
                }
                return signature;
            } finally {
                CONNECTION_SPECIFIC.remove();
            }
        }

        /** Whether a plan's parameters are plain values (Calcite stashes the SQL conformance, an enum). */
        private static boolean onlyValues(Map<String, Object> parameters) {
            return parameters.values().stream().allMatch(v -> v == null || v instanceof String || v instanceof Number
                    || v instanceof Boolean || v instanceof Enum<?>);
        }

        @SuppressWarnings("unchecked")
        private static <T> CalciteSignature<T> forConnection(CalciteSignature<?> plan, CalciteSchema root) {
            CalciteSignature<T> typed = (CalciteSignature<T>) plan;
            if (plan.rootSchema == root) {
                return typed;
            }
            // the same plan, reading its tables through this connection's schemas (the data context's root)
            Bindable<T> sameCode = typed::enumerable;
            return new CalciteSignature<>(plan.sql, plan.parameters, plan.internalParameters, plan.rowType,
                    plan.columns, plan.cursorFactory, root, plan.getCollationList(), -1, sameCode, plan.statementType);
        }

        private static CalciteSignature<?> await(Future<CalciteSignature<?>> plan) {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return plan.get();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    } catch (ExecutionException e) {
                        Throwable cause = e.getCause();
                        if (cause instanceof RuntimeException runtime) {
                            throw runtime;
                        }
                        if (cause instanceof Error error) {
                            throw error;
                        }
                        throw new IllegalStateException(cause);
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        protected CalcitePreparingStmt getPreparingStmt(Context context, Type elementType,
                CalciteCatalogReader catalogReader, RelOptPlanner planner) {
            EnumerableRel.Prefer prefer = elementType == Object[].class ? EnumerableRel.Prefer.ARRAY
                    : EnumerableRel.Prefer.CUSTOM;
            Convention resultConvention = enableBindable ? BindableConvention.INSTANCE : EnumerableConvention.INSTANCE;
            return new CalcitePreparingStmt(this, context, catalogReader, context.getTypeFactory(),
                    context.getRootSchema(), prefer, createCluster(planner, new RexBuilder(context.getTypeFactory())),
                    resultConvention, createConvertletTable()) {
                @Override
                protected PreparedResult implement(RelRoot root) {
                    if (root.kind.belongsTo(SqlKind.DML)) {
                        throw new ReadOnlyRefusal(root.kind.sql);
                    }
                    if (RelOptUtil.findAllTables(root.rel).stream()
                            .anyMatch(t -> !t.getQualifiedName().get(0).equals(AttendanceSchema.NAME))) {
                        CONNECTION_SPECIFIC.set(Boolean.TRUE);
                    }
                    return super.implement(root.withRel(OperatorGuard.insert(root.rel)));
                }
            };
        }
    }
}
