package org.rollcall.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits a simple-protocol Query into its statements and names the command each one starts with. */
final class SqlText {

    private SqlText() {
    }

    /** The statements of {@code sql}, split at semicolons outside quotes, comments and dollar-quoted strings. */
    static List<String> statements(String sql) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            int end = i + 1;
            if (c == '\'' || c == '"') {
                end = closing(sql, i + 1, c);
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int newline = sql.indexOf('\n', i);
                end = newline < 0 ? n : newline;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                end = close < 0 ? n : close + 2;
            } else if (c == '$') {
                int tagEnd = sql.indexOf('$', i + 1);
                String tag = tagEnd < 0 ? null : sql.substring(i, tagEnd + 1);
                if (tag != null && tag.matches("\\$[A-Za-z_]?[A-Za-z0-9_]*\\$")) {
                    int close = sql.indexOf(tag, tagEnd + 1);
                    end = close < 0 ? n : close + tag.length();
                }
            } else if (c == ';') {
                add(statements, current);
                current.setLength(0);
                i++;
                continue;
            }
            current.append(sql, i, end);
            i = end;
        }
        add(statements, current);
        return statements;
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
