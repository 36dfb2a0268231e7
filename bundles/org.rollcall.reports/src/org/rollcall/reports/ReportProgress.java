package org.rollcall.reports;

/** Receives progress while a report runs, for a progress bar or an Eclipse Job. */
@FunctionalInterface
public interface ReportProgress {

    /** Reports nothing. */
    ReportProgress NONE = (phase, done, total) -> { };

    /** {@code total} is 0 or less while the end is not known (rows fetched, pages written). */
    void update(String phase, long done, long total);

    /**
     * True once the caller wants the report stopped (an Eclipse Job cancelled): the runner stops at BIRT's next step
     * (a query, a row, a page), removes what it wrote and throws a {@link ReportException}.
     */
    default boolean cancelled() {
        return false;
    }
}
