package org.rollcall.server.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The few PostgreSQL spellings Calcite's Babel parser does not read, replaced token by token (never inside string
 * literals, quoted names or comments): {@code OPERATOR(pg_catalog.~)} is the operator itself, {@code COLLATE x} is
 * dropped (the engine compares text by code point, as the C collation), a cast to an array type ({@code ::int2[]})
 * is dropped, {@code WITH ORDINALITY} after a function other than UNNEST is dropped, and a reserved word used as a
 * column alias ({@code AS default}) is quoted.
 */
final class Tokens {

    private enum Kind { WORD, QUOTED, STRING, NUMBER, SPACE, OPERATOR, PUNCT }

    private record Token(Kind kind, String text) {

        boolean is(String word) {
            return (kind == Kind.WORD || kind == Kind.OPERATOR || kind == Kind.PUNCT) && text.equalsIgnoreCase(word);
        }
    }

    private static final Set<String> RESERVED_ALIASES = Set.of("default", "user", "value", "position", "year", "month",
            "day", "hour", "minute", "second", "date", "time", "timestamp", "start", "end", "order", "group", "table",
            "column", "key", "language", "role", "result", "current", "schema", "names", "system", "min", "max",
            "count", "sum", "avg", "every", "filter", "window", "range", "rows", "row", "array", "left", "right");

    private static final String OPERATOR_CHARS = "+-*/<>=~!@#%^&|`?";

    private Tokens() {
    }

    static String prepare(String sql) {
        List<Token> tokens = tokenize(sql);
        List<Token> out = new ArrayList<>();
        String clause = "";
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind == Kind.WORD && Set.of("select", "from", "join", "where", "on", "group", "having", "order")
                    .contains(t.text.toLowerCase(Locale.ROOT))) {
                clause = t.text.toLowerCase(Locale.ROOT);
            }
            // unnest(x) outside FROM (a set-returning function in the select list) -> _pg_unnest(x)
            if (t.is("unnest") && !clause.equals("from") && !clause.equals("join")) {
                int paren = next(tokens, i + 1);
                if (paren < tokens.size() && tokens.get(paren).is("(")) {
                    out.add(new Token(Kind.WORD, PgSql.SELECT_LIST_UNNEST));
                    continue;
                }
            }
            // OPERATOR(pg_catalog.~) -> ~
            if (t.is("OPERATOR")) {
                int j = next(tokens, i + 1);
                if (j < tokens.size() && tokens.get(j).is("(")) {
                    int k = next(tokens, j + 1);
                    if (k < tokens.size() && tokens.get(k).kind == Kind.WORD) {
                        int dot = next(tokens, k + 1);
                        if (dot < tokens.size() && tokens.get(dot).is(".")) {
                            k = next(tokens, dot + 1);
                        }
                    }
                    int close = next(tokens, k + 1);
                    if (k < tokens.size() && tokens.get(k).kind == Kind.OPERATOR && close < tokens.size()
                            && tokens.get(close).is(")")) {
                        out.add(new Token(Kind.SPACE, " "));
                        out.add(tokens.get(k));
                        out.add(new Token(Kind.SPACE, " "));
                        i = close;
                        continue;
                    }
                }
            }
            // pg_catalog.unnest -> unnest (a keyword to Calcite, so never qualified)
            if (t.is("pg_catalog")) {
                int dot = next(tokens, i + 1);
                int word = next(tokens, dot + 1);
                if (dot < tokens.size() && tokens.get(dot).is(".") && word < tokens.size()
                        && tokens.get(word).is("unnest")) {
                    i = dot;
                    continue;
                }
            }
            // COLLATE name[.name] -> (nothing)
            if (t.is("COLLATE")) {
                int j = next(tokens, i + 1);
                if (j < tokens.size() && (tokens.get(j).kind == Kind.WORD || tokens.get(j).kind == Kind.QUOTED)) {
                    int dot = next(tokens, j + 1);
                    if (dot < tokens.size() && tokens.get(dot).is(".")) {
                        int name = next(tokens, dot + 1);
                        if (name < tokens.size()) {
                            j = name;
                        }
                    }
                    i = j;
                    continue;
                }
            }
            // x::type -> CAST(x AS type) (Babel's :: binds looser than = and AND); x::type[] -> x
            if (t.is("::")) {
                int operand = operandStart(out);
                int j = next(tokens, i + 1);
                if (operand >= 0 && j < tokens.size()
                        && (tokens.get(j).kind == Kind.WORD || tokens.get(j).kind == Kind.QUOTED)) {
                    List<Token> type = new ArrayList<>();
                    type.add(tokens.get(j));
                    int last = j;
                    int dot = next(tokens, last + 1);
                    if (dot < tokens.size() && tokens.get(dot).is(".") && next(tokens, dot + 1) < tokens.size()) {
                        last = next(tokens, dot + 1);
                        type.add(tokens.get(dot));
                        type.add(tokens.get(last));
                    }
                    int word = next(tokens, last + 1);
                    if (word < tokens.size() && (tokens.get(word).is("precision") || tokens.get(word).is("varying"))) {
                        type.add(new Token(Kind.SPACE, " "));
                        type.add(tokens.get(word));
                        last = word;
                    }
                    int paren = next(tokens, last + 1);
                    if (paren < tokens.size() && tokens.get(paren).is("(")) {
                        int close = paren;
                        while (close < tokens.size() && !tokens.get(close).is(")")) {
                            close++;
                        }
                        if (close < tokens.size()) {
                            type.addAll(tokens.subList(paren, close + 1));
                            last = close;
                        }
                    }
                    boolean array = false;
                    int open = next(tokens, last + 1);
                    int shut = next(tokens, open + 1);
                    if (open < tokens.size() && tokens.get(open).is("[") && shut < tokens.size()
                            && tokens.get(shut).is("]")) {
                        array = true;
                        last = shut;
                    }
                    List<Token> value = new ArrayList<>(out.subList(operand, out.size()));
                    out.subList(operand, out.size()).clear();
                    if (array) {
                        out.addAll(value);
                    } else {
                        out.add(new Token(Kind.WORD, "CAST"));
                        out.add(new Token(Kind.PUNCT, "("));
                        out.addAll(value);
                        out.add(new Token(Kind.SPACE, " "));
                        out.add(new Token(Kind.WORD, "AS"));
                        out.add(new Token(Kind.SPACE, " "));
                        out.addAll(type);
                        out.add(new Token(Kind.PUNCT, ")"));
                    }
                    i = last;
                    continue;
                }
            }
            // f(...) WITH ORDINALITY, f not UNNEST -> f(...)
            if (t.is("WITH")) {
                int j = next(tokens, i + 1);
                if (j < tokens.size() && tokens.get(j).is("ORDINALITY") && !afterUnnest(out)) {
                    i = j;
                    continue;
                }
            }
            // AS default -> AS "default"
            if (t.is("AS")) {
                int j = next(tokens, i + 1);
                if (j < tokens.size() && tokens.get(j).kind == Kind.WORD
                        && RESERVED_ALIASES.contains(tokens.get(j).text.toLowerCase(Locale.ROOT))) {
                    int after = next(tokens, j + 1);
                    boolean call = after < tokens.size() && tokens.get(after).is("(");
                    if (!call) {
                        out.add(t);
                        out.add(new Token(Kind.SPACE, " "));
                        out.add(new Token(Kind.QUOTED, "\"" + tokens.get(j).text.toLowerCase(Locale.ROOT) + "\""));
                        i = j;
                        continue;
                    }
                }
            }
            out.add(t);
        }
        StringBuilder sb = new StringBuilder(sql.length());
        out.forEach(t -> sb.append(t.text));
        return sb.toString();
    }

    /**
     * Where the operand of a {@code ::} that follows {@code out} starts: a literal, a (qualified) name, a
     * parenthesized expression or a function call, an array subscript, a parameter; -1 when there is none.
     */
    private static int operandStart(List<Token> out) {
        int i = out.size() - 1;
        while (i >= 0 && out.get(i).kind == Kind.SPACE) {
            i--;
        }
        if (i < 0) {
            return -1;
        }
        Token last = out.get(i);
        if (last.is(")") || last.is("]")) {
            String open = last.is(")") ? "(" : "[";
            String close = last.text;
            int depth = 0;
            for (int k = i; k >= 0; k--) {
                if (out.get(k).is(close)) {
                    depth++;
                } else if (out.get(k).is(open)) {
                    depth--;
                    if (depth == 0) {
                        int before = k - 1;
                        while (before >= 0 && out.get(before).kind == Kind.SPACE) {
                            before--;
                        }
                        if (before >= 0 && (out.get(before).kind == Kind.WORD || out.get(before).kind == Kind.QUOTED
                                || out.get(before).is(")") || out.get(before).is("]"))
                                && !isKeyword(out.get(before))) {
                            // a function call, a subscript: its name or array is part of the operand
                            List<Token> head = out.subList(0, before + 1);
                            int start = operandStart(new ArrayList<>(head));
                            return start < 0 ? k : start;
                        }
                        return k;
                    }
                }
            }
            return -1;
        }
        if (last.kind == Kind.STRING || last.kind == Kind.NUMBER || last.is("?")) {
            return i; // a literal, or a parameter ($n reaches the translation as ?)
        }
        if (last.kind == Kind.WORD || last.kind == Kind.QUOTED) {
            int start = i;
            while (start >= 2 && out.get(start - 1).is(".")
                    && (out.get(start - 2).kind == Kind.WORD || out.get(start - 2).kind == Kind.QUOTED)) {
                start -= 2;
            }
            return start;
        }
        return -1;
    }

    /** Words after which a parenthesis opens an expression, not a call's arguments. */
    private static boolean isKeyword(Token t) {
        return t.kind == Kind.WORD && Set.of("select", "where", "and", "or", "not", "on", "in", "when", "then", "else",
                "case", "as", "from", "by", "having", "is", "exists", "any", "some", "all", "between", "like", "ilike",
                "return", "values", "join", "using", "distinct", "end").contains(t.text.toLowerCase(Locale.ROOT));
    }

    /** True when the tokens end with {@code UNNEST ( ... )}. */
    private static boolean afterUnnest(List<Token> out) {
        int depth = 0;
        for (int i = out.size() - 1; i >= 0; i--) {
            Token t = out.get(i);
            if (t.kind == Kind.SPACE) {
                continue;
            }
            if (t.is(")")) {
                depth++;
            } else if (t.is("(")) {
                depth--;
                if (depth == 0) {
                    for (int k = i - 1; k >= 0; k--) {
                        if (out.get(k).kind != Kind.SPACE) {
                            return out.get(k).is("UNNEST");
                        }
                    }
                    return false;
                }
            } else if (depth == 0) {
                return false;
            }
        }
        return false;
    }

    private static int next(List<Token> tokens, int from) {
        int i = from;
        while (i < tokens.size() && tokens.get(i).kind == Kind.SPACE) {
            i++;
        }
        return i;
    }

    private static List<Token> tokenize(String sql) {
        List<Token> tokens = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            int end;
            Kind kind;
            if (Character.isWhitespace(c)) {
                end = i + 1;
                while (end < n && Character.isWhitespace(sql.charAt(end))) {
                    end++;
                }
                kind = Kind.SPACE;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int newline = sql.indexOf('\n', i);
                end = newline < 0 ? n : newline;
                kind = Kind.SPACE;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                end = close < 0 ? n : close + 2;
                kind = Kind.SPACE;
            } else if (c == '\'') {
                end = closing(sql, i + 1, '\'', false);
                kind = Kind.STRING;
            } else if ((c == 'E' || c == 'e') && i + 1 < n && sql.charAt(i + 1) == '\''
                    && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)) && sql.charAt(i - 1) != '_')) {
                end = closing(sql, i + 2, '\'', true);
                kind = Kind.STRING;
            } else if (c == '"') {
                end = closing(sql, i + 1, '"', false);
                kind = Kind.QUOTED;
            } else if (c == '$' && i + 1 < n && (sql.charAt(i + 1) == '$' || Character.isLetter(sql.charAt(i + 1)))) {
                int tagEnd = sql.indexOf('$', i + 1);
                String tag = tagEnd < 0 ? null : sql.substring(i, tagEnd + 1);
                if (tag != null && tag.matches("\\$[A-Za-z_]?[A-Za-z0-9_]*\\$")) {
                    int close = sql.indexOf(tag, tagEnd + 1);
                    end = close < 0 ? n : close + tag.length();
                    kind = Kind.STRING;
                } else {
                    end = i + 1;
                    kind = Kind.PUNCT;
                }
            } else if (Character.isLetter(c) || c == '_') {
                end = i + 1;
                while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_'
                        || sql.charAt(end) == '$')) {
                    end++;
                }
                kind = Kind.WORD;
            } else if (Character.isDigit(c)) {
                end = i + 1;
                while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '.')) {
                    end++;
                }
                kind = Kind.NUMBER;
            } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
                end = i + 2;
                kind = Kind.PUNCT;
            } else if (OPERATOR_CHARS.indexOf(c) >= 0) {
                end = i + 1;
                while (end < n && OPERATOR_CHARS.indexOf(sql.charAt(end)) >= 0
                        && !sql.startsWith("--", end) && !sql.startsWith("/*", end)) {
                    end++;
                }
                kind = Kind.OPERATOR;
            } else {
                end = i + 1;
                kind = Kind.PUNCT;
            }
            tokens.add(new Token(kind, sql.substring(i, end)));
            i = end;
        }
        return tokens;
    }

    private static int closing(String sql, int from, char quote, boolean backslashEscapes) {
        int i = from;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
                continue;
            }
            if (c == quote) {
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
}
