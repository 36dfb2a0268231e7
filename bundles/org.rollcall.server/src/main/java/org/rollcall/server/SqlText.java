package org.rollcall.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/** Splits a simple-protocol Query into its statements, names the command each one starts with, finds placeholders. */
final class SqlText {

    private SqlText() {
    }

    /** The statements of {@code sql}, split at semicolons outside quotes, comments and dollar-quoted strings. */
    static List<String> statements(String sql) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        while (i < sql.length()) {
            if (sql.charAt(i) == ';') {
                add(statements, current);
                current.setLength(0);
                i++;
                continue;
            }
            int end = tokenEnd(sql, i);
            current.append(sql, i, end);
            i = end;
        }
        add(statements, current);
        return statements;
    }

    /**
     * {@code sql} with PostgreSQL's {@code $1, $2 ...} placeholders (outside quotes, comments and dollar-quoted
     * strings) replaced by JDBC's {@code ?}; {@code order} holds, for each {@code ?}, the number of its parameter
     * less one ({@code $2 ... $1} gives {1, 0}).
     */
    record Placeholders(String sql, int[] order) {

        /** How many parameters the statement uses: its highest {@code $n}. */
        int count() {
            int count = 0;
            for (int n : order) {
                count = Math.max(count, n + 1);
            }
            return count;
        }
    }

    static Placeholders placeholders(String sql) {
        return placeholders(sql, n -> "?");
    }

    /** As {@link #placeholders(String)}, each {@code $n} replaced by {@code replacement} of {@code n - 1}. */
    static Placeholders placeholders(String sql, IntFunction<String> replacement) {
        StringBuilder out = new StringBuilder(sql.length());
        List<Integer> order = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            if (sql.charAt(i) == '$' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))
                    && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)) && sql.charAt(i - 1) != '_')) {
                int digits = i + 1;
                while (digits < n && Character.isDigit(sql.charAt(digits))) {
                    digits++;
                }
                int number = Integer.parseInt(sql.substring(i + 1, Math.min(digits, i + 10))) - 1;
                order.add(number);
                out.append(replacement.apply(number));
                i = digits;
                continue;
            }
            int end = tokenEnd(sql, i);
            out.append(sql, i, end);
            i = end;
        }
        return new Placeholders(out.toString(), order.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Where the quoted name, string, comment or dollar-quoted string starting at {@code i} ends (else i + 1). */
    private static int tokenEnd(String sql, int i) {
        int n = sql.length();
        char c = sql.charAt(i);
        if (c == '\'' || c == '"') {
            return closing(sql, i + 1, c);
        } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
            int newline = sql.indexOf('\n', i);
            return newline < 0 ? n : newline;
        } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
            int close = sql.indexOf("*/", i + 2);
            return close < 0 ? n : close + 2;
        } else if (c == '$') {
            int tagEnd = sql.indexOf('$', i + 1);
            String tag = tagEnd < 0 ? null : sql.substring(i, tagEnd + 1);
            if (tag != null && tag.matches("\\$([A-Za-z_][A-Za-z0-9_]*)?\\$")) {
                int close = sql.indexOf(tag, tagEnd + 1);
                return close < 0 ? n : close + tag.length();
            }
        }
        return i + 1;
    }

    private static int closing(String sql, int from, char quote) {
        int i = from;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    private static void add(List<String> statements, StringBuilder statement) {
        String text = statement.toString().strip();
        if (!withoutComments(text).isBlank()) {
            statements.add(text);
        }
    }

    /** The statement's words, upper case, without leading comments: "SHOW", "TIMEZONE" ... */
    static List<String> words(String statement) {
        List<String> words = new ArrayList<>();
        for (String word : withoutComments(statement).strip().split("[\\s(;]+")) {
            if (!word.isEmpty()) {
                words.add(word.toUpperCase(Locale.ROOT));
            }
        }
        return words;
    }

    private static String withoutComments(String text) {
        return text.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\n]*", " ");
    }
}
