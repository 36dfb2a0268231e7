package org.rollcall.engine;

import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.prepare.CalcitePrepareImpl;

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

    /** Calcite's preparation, answered from the connection's cache when it has planned the same SQL before. */
    static final class Prepare extends CalcitePrepareImpl {

        @Override
        public <T> CalciteSignature<T> prepareSql(Context context, Query<T> query, Type elementType,
                long maxRowCount) {
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
    }
}
