package org.rollcall.engine;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.concurrent.TimeUnit;

/**
 * What bounds one statement's executions: {@code cancel()} from another thread, the query timeout and the rows
 * Calcite may hold in memory. The thread working on a query (executing it or fetching its rows) finds its control
 * with {@link #current()}, so SQLite's progress handler and the guards in Calcite's own operators can stop it
 * wherever the work happens. The timeout counts the time spent inside the driver, not the time a client takes
 * between fetches.
 */
final class QueryControl {

    /** Why a query was stopped; each gives the message a user sees. */
    enum Stop {
        CANCELLED, TIMED_OUT, TOO_MANY_ROWS
    }

    /** Thrown where a stopped query's work is interrupted; the driver turns it into the user's SQLException. */
    static final class StoppedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StoppedException(Stop reason) {
            super("query stopped: " + reason, null, false, false);
        }
    }

    private static final ThreadLocal<QueryControl> CURRENT = new ThreadLocal<>();

    /** How many rows a guard lets pass between two looks at the clock. */
    private static final int ROWS_PER_CLOCK_CHECK = 256;

    private final long maxRowsInMemory;
    private volatile int timeoutSeconds;
    private volatile boolean cancelRequested;
    private volatile Stop stopped;
    private volatile long deadlineNanos = Long.MAX_VALUE;
    private long spentNanos;
    private long rowsHeld;
    private int rowsSinceClockCheck;

    QueryControl(long maxRowsInMemory) {
        this.maxRowsInMemory = maxRowsInMemory;
    }

    /** The control of the query this thread is working on, or null outside the driver's statements. */
    static QueryControl current() {
        return CURRENT.get();
    }

    /** A call into Calcite that may throw. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws Throwable;
    }

    /** A new execution: no cancel pending, the whole timeout and the whole row budget ahead. */
    void startExecution() {
        cancelRequested = false;
        stopped = null;
        spentNanos = 0;
        rowsHeld = 0;
    }

    /** Runs part of an execution on this thread under this control; a stop becomes the user's SQLException. */
    <T> T run(Work<T> work) throws Throwable {
        QueryControl outer = CURRENT.get();
        long entered = System.nanoTime();
        int timeout = timeoutSeconds;
        deadlineNanos = timeout > 0 ? entered + TimeUnit.SECONDS.toNanos(timeout) - spentNanos : Long.MAX_VALUE;
        CURRENT.set(this);
        try {
            if (timeout > 0 && spentNanos >= TimeUnit.SECONDS.toNanos(timeout)) {
                stop(Stop.TIMED_OUT);
            }
            return work.run();
        } catch (Throwable e) {
            Stop reason = stopped;
            if (reason != null) {
                throw stoppedException(reason, e);
            }
            throw e;
        } finally {
            spentNanos += System.nanoTime() - entered;
            deadlineNanos = Long.MAX_VALUE;
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** Asks the running execution, if any, to stop; safe from any thread. */
    void cancel() {
        cancelRequested = true;
    }

    void setTimeoutSeconds(int seconds) {
        timeoutSeconds = seconds;
    }

    int timeoutSeconds() {
        return timeoutSeconds;
    }

    /** Whether the query should stop now; cheap enough for SQLite's progress handler. */
    boolean shouldStop() {
        if (stopped != null) {
            return true;
        }
        if (cancelRequested) {
            stopped = Stop.CANCELLED;
            return true;
        }
        if (System.nanoTime() > deadlineNanos) {
            stopped = Stop.TIMED_OUT;
            return true;
        }
        return false;
    }

    /** Called for every row that passes between two of Calcite's operators. */
    void checkRow() {
        if (cancelRequested) {
            stop(Stop.CANCELLED);
        }
        if (++rowsSinceClockCheck >= ROWS_PER_CLOCK_CHECK) {
            rowsSinceClockCheck = 0;
            if (System.nanoTime() > deadlineNanos) {
                stop(Stop.TIMED_OUT);
            }
        }
    }

    /** Called for every row an operator keeps (a sort, a join's hash table, a set operation). */
    void holdRow() {
        if (++rowsHeld > maxRowsInMemory) {
            stop(Stop.TOO_MANY_ROWS);
        }
    }

    private void stop(Stop reason) {
        stopped = reason;
        throw new StoppedException(reason);
    }

    private SQLException stoppedException(Stop reason, Throwable cause) {
        return switch (reason) {
            case CANCELLED -> new SQLException("query cancelled", "57014", cause);
            case TIMED_OUT -> new SQLTimeoutException("query cancelled: timeout of " + timeoutSeconds + " s reached",
                    "57014", cause);
            case TOO_MANY_ROWS -> new SQLException("query stopped: it would hold more than " + maxRowsInMemory
                    + " rows in memory (a join, sort or set operation RollCall evaluates itself); narrow it with "
                    + "filters, or raise the connection property " + ConnectionPolicy.MAX_ROWS_IN_MEMORY, "53200", cause);
        };
    }
}
