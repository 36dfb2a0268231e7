package org.rollcall.sources;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads dates in a mapping's patterns (tried in order), then ISO-8601, strictly: 2/30/2025 is an error, not
 * March 2. A file holds few distinct dates, so each distinct text is parsed once.
 */
final class DateParser {

    private static final int CACHE_LIMIT = 50_000;

    private final List<DateTimeFormatter> formatters = new ArrayList<>();
    private final String expected;
    private final Map<String, String> isoByText = new HashMap<>();

    DateParser(List<String> patterns) {
        for (String pattern : patterns) {
            formatters.add(formatter(pattern));
        }
        formatters.add(DateTimeFormatter.ISO_LOCAL_DATE);
        List<String> shown = new ArrayList<>(patterns);
        shown.add("yyyy-MM-dd");
        expected = String.join(" or ", shown);
    }

    /** A strict formatter: 'y' is the proleptic year so that STRICT resolution needs no era. */
    static DateTimeFormatter formatter(String pattern) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern.replace('y', 'u'))
                .toFormatter(Locale.US).withResolverStyle(ResolverStyle.STRICT);
    }

    /** The ISO text of the date, or null if the text is no date in any of the patterns. */
    String iso(String text) {
        String iso = isoByText.get(text);
        if (iso == null) {
            iso = parse(text);
            if (iso != null && isoByText.size() < CACHE_LIMIT) {
                isoByText.put(text, iso);
            }
        }
        return iso;
    }

    private String parse(String text) {
        for (DateTimeFormatter formatter : formatters) {
            try {
                return LocalDate.parse(text, formatter).toString();
            } catch (DateTimeParseException tryNext) {
                // next pattern
            }
        }
        return null;
    }

    /** The accepted patterns, for messages. */
    String expected() {
        return expected;
    }
}
