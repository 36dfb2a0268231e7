package org.rollcall.server;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one {@code rollcall serve} allows: connections at once, the time one statement may take, the rows one result
 * may have. 0 means no limit for each.
 *
 * @param maxConnections       sessions at once; one more is refused with FATAL 53300 (too_many_connections)
 * @param statementTimeoutMillis a statement working longer is cancelled with 57014, as PostgreSQL's statement_timeout
 * @param maxRows              a result with more rows fails with 54000 (program_limit_exceeded), never truncated
 */
public record Limits(int maxConnections, long statementTimeoutMillis, long maxRows) {

    /** The defaults of {@code rollcall serve}: 100 connections (PostgreSQL's max_connections), 5 minutes, 1,000,000 rows. */
    public static final Limits DEFAULT = new Limits(100, 5 * 60_000L, 1_000_000L);
    /** No limit at all. */
    public static final Limits NONE = new Limits(0, 0, 0);

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-z]*)");

    public Limits {
        if (maxConnections < 0 || statementTimeoutMillis < 0 || maxRows < 0) {
            throw new IllegalArgumentException("limits cannot be negative");
        }
    }

    /**
     * A duration as PostgreSQL writes one ({@code 30s}, {@code 5min}, {@code 1h}, {@code 250ms}, {@code 2d}; also
     * {@code 5m}); a number without a unit is in {@code unitless} milliseconds each (PostgreSQL's statement_timeout:
     * 1); -1 where it is not a duration.
     */
    public static long parseMillis(String text, long unitless) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return -1;
        }
        double number = Double.parseDouble(m.group(1));
        long unit = switch (m.group(2)) {
            case "" -> unitless;
            case "ms" -> 1;
            case "s", "sec", "second", "seconds" -> 1000;
            case "m", "min", "minute", "minutes" -> 60_000;
            case "h", "hour", "hours" -> 3_600_000;
            case "d", "day", "days" -> 86_400_000;
            default -> -1;
        };
        return unit < 0 || unit == 0 && number > 0 ? -1 : Math.round(number * unit);
    }

    /** A duration as PostgreSQL's SHOW prints one: {@code 0}, {@code 250ms}, {@code 30s}, {@code 5min}, {@code 1h}. */
    public static String format(long millis) {
        if (millis == 0) {
            return "0";
        }
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "min";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }

    /**
     * The statement timeout of a session that asked for {@code requested} (0: none): at most the server's. A session
     * may shorten the server's limit, never lengthen or lift it.
     */
    long effectiveTimeout(long requested) {
        if (statementTimeoutMillis == 0) {
            return requested;
        }
        return requested == 0 ? statementTimeoutMillis : Math.min(requested, statementTimeoutMillis);
    }
}
