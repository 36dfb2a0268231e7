package org.rollcall.reports;

/** A report that cannot run as asked (unknown template, parameter or value, or a failed render), said for users. */
public final class ReportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ReportException(String message) {
        super(message);
    }

    public ReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
