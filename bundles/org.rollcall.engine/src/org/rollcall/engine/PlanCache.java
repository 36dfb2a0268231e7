package org.rollcall.engine;

import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.interpreter.BindableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.SqlKind;

/**
 * Plans of the statements a connection has already prepared, keyed by their SQL text. Planning a query costs
 * Calcite about 15 ms however small the query, more than SQLite needs to answer most metric views; BI tools
 * send the same SQL again and again (every dashboard refresh), so each connection keeps its plans and reuses
 * them. A connection's workspace is read-only and its schema fixed, so a plan never goes stale while the
 * connection is open; the cache goes with the connection.
 */
final class PlanCache {

    /** Plans kept per connection; the least recently used goes first. */
    static final int PLANS_PER_CONNECTION = 256;

    /** Open RollCall connections, by the root schema Calcite hands the planner. */
    private static final Map<CalciteSchema, Map<Key, CalcitePrepare.CalciteSignature<?>>> CONNECTIONS =
            new ConcurrentHashMap<>();

    private record Key(String sql, List<String> schemaPath, Type elementType, long maxRowCount) {
    }

    private PlanCache() {
    }

    /** Starts caching plans for the connection with this root schema; closing the result stops it. */
    static AutoCloseable register(CalciteSchema rootSchema) {
        CONNECTIONS.put(rootSchema, new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, CalcitePrepare.CalciteSignature<?>> eldest) {
                return size() > PLANS_PER_CONNECTION;
            }
        });
        return () -> CONNECTIONS.remove(rootSchema);
    }

    /**
     * Calcite's preparation, answered from the connection's cache when it has planned the same SQL before; plans
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
            Map<Key, CalciteSignature<?>> plans = query.sql == null ? null
                    : CONNECTIONS.get(context.getMutableRootSchema());
            if (plans == null) {
                return super.prepareSql(context, query, elementType, maxRowCount);
            }
            Key key = new Key(query.sql, context.getDefaultSchemaPath(), elementType, maxRowCount);
            synchronized (plans) {
                @SuppressWarnings("unchecked")
                CalciteSignature<T> cached = (CalciteSignature<T>) plans.get(key);
                if (cached != null) {
                    return cached;
                }
            }
            CalciteSignature<T> signature = super.prepareSql(context, query, elementType, maxRowCount);
            synchronized (plans) {
                plans.put(key, signature);
            }
            return signature;
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
                    return super.implement(root.withRel(OperatorGuard.insert(root.rel)));
                }
            };
        }
    }
}
