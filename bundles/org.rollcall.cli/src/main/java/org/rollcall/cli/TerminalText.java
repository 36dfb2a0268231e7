package org.rollcall.cli;

/**
 * Text from a workspace made safe to print: a value holding ESC, BEL or another control character (from an older
 * workspace, another program or the quarantine, which keeps refused lines as they were) would otherwise move the
 * cursor, retitle the window or worse in the terminal of whoever lists it. Control characters are written as
 * {@code \n}, {@code \r}, {@code \t} or {@code \}{@code uXXXX}, and so are the bidirectional overrides that make
 * text display in another order than it reads (U+202A-U+202E, U+2066-U+2069). A backslash stays as it is.
 */
final class TerminalText {

    private TerminalText() {
    }

    /** For a table cell, a message or any one-line value: every control character escaped. */
    static String escaped(String text) {
        return escape(text, false);
    }

    /**
     * For a CSV field or a message: tab and line breaks stay (CSV quotes them, so the value reads back as it was),
     * the other control characters are escaped; no value a RollCall import loaded holds one (it refuses them).
     */
    static String escapedKeepingLines(String text) {
        return escape(text, true);
    }

    private static String escape(String text, boolean keepLineBreaks) {
        if (text == null || text.chars().noneMatch(TerminalText::needsEscape)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!needsEscape(c) || (keepLineBreaks && (c == '\t' || c == '\n' || c == '\r'))) {
                out.append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else {
                out.append(String.format("\\u%04X", (int) c));
            }
        }
        return out.toString();
    }

    private static boolean needsEscape(int c) {
        return Character.isISOControl(c) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }
}
