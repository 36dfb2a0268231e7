package org.rollcall.engine;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The driver's answer to anything that would change the workspace: a workspace changes only through
 * {@code rollcall import}, so that its summaries, metric views and import log stay consistent; through the driver
 * it is only read.
 */
final class ReadOnlyRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** PostgreSQL's read_only_sql_transaction, which BI tools already know. */
    static final String SQL_STATE = "25006";

    /** Statements that write or change the schema, by their first word. */
    private static final Set<String> WRITING_WORDS = Set.of("INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "REPLACE",
            "CREATE", "DROP", "ALTER", "TRUNCATE", "GRANT", "REVOKE", "ATTACH", "DETACH", "VACUUM", "REINDEX", "PRAGMA");

    private static final Pattern FIRST_WORD = Pattern.compile("\\A(?:\\s|--[^\\n]*\\n?|/\\*.*?\\*/|\\()*([A-Za-z]+)",
            Pattern.DOTALL);

    ReadOnlyRefusal(String what) {
        super("RollCall is read-only: " + what + " is refused; a workspace changes only through 'rollcall import'",
                null, false, false);
    }

    /** The refusal for {@code sql} when it is a statement that writes or changes the schema. */
    static ReadOnlyRefusal of(String sql) {
        String word = firstWord(sql);
        return word != null && WRITING_WORDS.contains(word) ? new ReadOnlyRefusal(word) : null;
    }

    /** Refusing a connection or statement setting that would allow writes. */
    static SQLException setting(String what) {
        return new java.sql.SQLFeatureNotSupportedException(new ReadOnlyRefusal(what).getMessage(), SQL_STATE);
    }

    private static String firstWord(String sql) {
        if (sql == null) {
            return null;
        }
        Matcher m = FIRST_WORD.matcher(sql);
        return m.find() ? m.group(1).toUpperCase(Locale.ROOT) : null;
    }

    /** The user's SQLException when {@code failure} was caused by a refusal, else null. */
    static SQLException in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ReadOnlyRefusal refusal) {
                return new SQLException(refusal.getMessage(), SQL_STATE);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
