package org.rollcall.store.spi;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.rollcall.model.Table;

/**
 * Tables computed in Java from a workspace's data, kept current with its summaries: after every import (and when a
 * workspace is built) the store empties each derivation's tables and asks it to fill them again, inside the same
 * transaction as the import, so that they never disagree with the data they were computed from. This is how work too
 * heavy for a query (an intervention's matched comparison group and bootstrap intervals, a regression) is done once
 * and then read through SQL by the driver, reports and the workbench.
 *
 * <p>Contributed with {@link java.util.ServiceLoader}: a jar lists its implementations in
 * {@code META-INF/services/org.rollcall.store.spi.Derivation}. Inside OSGi the contributing bundle also declares
 * {@code Eclipse-RegisterBuddy: org.rollcall.store} so that the store's class loader sees that file.
 */
public interface Derivation {

    /** A short, stable name (for messages and ordering), e.g. {@code intervention-effects}. */
    String name();

    /**
     * The tables this derivation fills, with their columns, descriptions and keys (they appear in the attendance
     * schema with these descriptions). The store creates them when missing and empties them before {@link #fill}.
     */
    List<Table> tables();

    /**
     * Fills {@link #tables()} from the workspace's data (canonical tables, summaries and materialized metric views,
     * already current). Runs inside the caller's transaction: do not commit or roll back.
     *
     * @param connection the workspace, read-write, in an open transaction
     * @param progress told how far the derivation has come
     */
    void fill(Connection connection, DerivationProgress progress) throws SQLException;
}
