package org.rollcall.server;

import java.sql.SQLException;

/** An error to send as ErrorResponse: a SQLSTATE and a message meant for the person at the BI tool. */
final class PgError extends Exception {

    final String sqlState;

    PgError(String sqlState, String message) {
        super(message);
        this.sqlState = sqlState;
    }

    /** The PostgreSQL SQLSTATE for an engine error (https://www.postgresql.org/docs/current/errcodes-appendix.html). */
    static PgError of(SQLException e, boolean cancelled) {
        return of(e, cancelled ? "user request" : null);
    }

    /**
     * As {@link #of(SQLException, boolean)}; {@code cancelReason} non-null: the statement was cancelled for that reason
     * ("user request", "statement timeout"), 57014 as PostgreSQL says it.
     */
    static PgError of(SQLException e, String cancelReason) {
        String message = message(e);
        if (cancelReason != null) {
            return new PgError("57014", "canceling statement due to " + cancelReason);
        }
        String state;
        if (chainHas(e, "SqlParseException") || message.contains("Encountered") || message.contains("parse failed")) {
            state = "42601";
        } else if (message.matches("(?s).*(Object|Table) '[^']*' not found.*")) {
            state = "42P01";
        } else if (message.matches("(?s).*Column '[^']*' not found.*")) {
            state = "42703";
        } else if (message.contains("No match found for function signature")) {
            state = "42883";
        } else if (message.toLowerCase().contains("read-only") || message.toLowerCase().contains("readonly")) {
            state = "25006";
        } else if (chainHas(e, "CalciteContextException") || chainHas(e, "SqlValidatorException")) {
            state = "42000";
        } else {
            state = "XX000";
        }
        return new PgError(state, message);
    }

    /** The most specific message in the chain, on one line, without Calcite's "Error while executing SQL" prefix. */
    private static String message(Throwable e) {
        String best = String.valueOf(e.getMessage());
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                best = t.getMessage();
            }
        }
        best = best.replaceFirst("(?s)^Error while executing SQL \".*?\": ", "");
        int newline = best.indexOf('\n');
        if (newline > 0) {
            best = best.substring(0, newline).strip();
        }
        return best;
    }

    private static boolean chainHas(Throwable e, String simpleName) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().equals(simpleName)) {
                return true;
            }
        }
        return false;
    }
}
