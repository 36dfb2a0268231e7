package org.rollcall.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.fun.SqlTrimFunction;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;

/**
 * The names PostgreSQL gives result columns. Calcite labels an unnamed expression {@code EXPR$0}; PostgreSQL names
 * {@code count(*)} "count", a cast by its type, {@code x + 1} "?column?" (FigureColname in PostgreSQL's
 * parse_target.c), and BI tools show and key charts by these names. Derived from the parsed select list; explicit
 * aliases and column references keep the engine's label.
 */
final class ColumnNames {

    /** PostgreSQL's name for a column it cannot name. */
    static final String UNNAMED = "?column?";

    /** The lexical policy of the engine's connections (ConnectionPolicy): unquoted names fold to lower case. */
    private static final SqlParser.Config PARSER = SqlParser.config().withCaseSensitive(false)
            .withUnquotedCasing(Casing.TO_LOWER).withQuotedCasing(Casing.UNCHANGED).withQuoting(Quoting.DOUBLE_QUOTE);

    /** PostgreSQL's pg_type names of the SQL type names a cast may use. */
    private static final Map<String, String> TYPE_NAMES = Map.ofEntries(Map.entry("INTEGER", "int4"),
            Map.entry("INT", "int4"), Map.entry("BIGINT", "int8"), Map.entry("SMALLINT", "int2"),
            Map.entry("TINYINT", "int2"), Map.entry("REAL", "float4"), Map.entry("FLOAT", "float8"),
            Map.entry("DOUBLE", "float8"), Map.entry("DECIMAL", "numeric"), Map.entry("NUMERIC", "numeric"),
            Map.entry("VARCHAR", "varchar"), Map.entry("CHAR", "bpchar"), Map.entry("CHARACTER", "bpchar"),
            Map.entry("BOOLEAN", "bool"), Map.entry("DATE", "date"), Map.entry("TIME", "time"),
            Map.entry("TIMESTAMP", "timestamp"), Map.entry("TIMESTAMP_WITH_LOCAL_TIME_ZONE", "timestamptz"),
            Map.entry("TIMESTAMP_TZ", "timestamptz"), Map.entry("BINARY", "bytea"), Map.entry("VARBINARY", "bytea"));

    /** A name and how sure of it PostgreSQL is: 0 none, 1 a guess a better inner name overrides, 2 a real name. */
    private record Name(String text, int strength) {
    }

    private ColumnNames() {
    }

    /**
     * The PostgreSQL name of each result column of {@code sql}, given the engine's {@code labels}; where the select
     * list cannot be read (or does not line up with the labels), the labels, with Calcite's {@code EXPR$n} unnamed.
     */
    static List<String> of(String sql, List<String> labels) {
        List<String> names = new ArrayList<>();
        for (String label : labels) {
            names.add(label.matches("EXPR\\$\\d+") ? UNNAMED : label);
        }
        SqlNode query;
        try {
            query = SqlParser.create(sql, PARSER).parseQuery();
        } catch (SqlParseException | RuntimeException e) {
            return names;
        }
        SqlNode select = top(query);
        if (select instanceof SqlBasicCall values && values.getKind() == SqlKind.VALUES) {
            for (int c = 0; c < names.size(); c++) {
                if (labels.get(c).matches("EXPR\\$\\d+")) {
                    names.set(c, "column" + (c + 1));
                }
            }
            return names;
        }
        if (!(select instanceof SqlSelect s) || s.getSelectList() == null) {
            return names;
        }
        List<SqlNode> items = s.getSelectList().getList();
        long stars = items.stream().filter(i -> i instanceof SqlIdentifier id && id.isStar()).count();
        int starWidth = labels.size() - (items.size() - (int) stars);
        if (stars > 1 || (stars == 0 && items.size() != labels.size()) || starWidth < 0) {
            return names;
        }
        int column = 0;
        for (SqlNode item : items) {
            if (item instanceof SqlIdentifier id && id.isStar()) {
                column += starWidth;
                continue;
            }
            if (item.getKind() != SqlKind.AS && !(item instanceof SqlIdentifier)) {
                names.set(column, name(item).text());
            }
            column++;
        }
        return names;
    }

    /** The query whose select list names the columns: the first of a UNION, the body of a WITH, inside ORDER BY. */
    private static SqlNode top(SqlNode node) {
        if (node instanceof SqlOrderBy orderBy) {
            return top(orderBy.query);
        }
        if (node instanceof SqlWith with) {
            return top(with.body);
        }
        if (node instanceof SqlBasicCall call && (node.getKind() == SqlKind.UNION || node.getKind() == SqlKind.INTERSECT
                || node.getKind() == SqlKind.EXCEPT)) {
            return top(call.operand(0));
        }
        return node;
    }

    private static Name name(SqlNode node) {
        if (node instanceof SqlIdentifier id) {
            return id.isStar() ? new Name(UNNAMED, 0) : new Name(id.names.get(id.names.size() - 1), 2);
        }
        if (node instanceof SqlLiteral literal) {
            // PostgreSQL reads TRUE and DATE '...' as casts of a string, named by their type
            String type = literal.getTypeName().getName();
            return switch (type) {
                case "BOOLEAN" -> new Name("bool", 1);
                case "DATE", "TIME", "TIMESTAMP" -> new Name(type.toLowerCase(Locale.ROOT), 1);
                default -> type.startsWith("INTERVAL") ? new Name("interval", 1) : new Name(UNNAMED, 0);
            };
        }
        if (node instanceof SqlSelect subquery) {
            // a scalar subquery is named by its own first column
            SqlNodeList items = subquery.getSelectList();
            if (items != null && !items.isEmpty()) {
                SqlNode first = items.get(0);
                return new Name(first.getKind() == SqlKind.AS ? alias(first) : name(first).text(), 2);
            }
            return new Name(UNNAMED, 0);
        }
        if (node instanceof SqlOrderBy || node instanceof SqlWith) {
            return name(top(node));
        }
        if (!(node instanceof SqlCall call)) {
            return new Name(UNNAMED, 0);
        }
        switch (call.getKind()) {
            case AS:
                return new Name(alias(call), 2);
            case CAST: {
                Name inner = name(call.operand(0));
                return inner.strength() <= 1 && call.operand(1) instanceof SqlDataTypeSpec type
                        ? new Name(typeName(type), 1) : inner;
            }
            case CASE: {
                Name inner = name(((SqlCase) call).getElseOperand());
                return inner.strength() <= 1 ? new Name("case", 1) : inner;
            }
            case OVER, FILTER, WITHIN_GROUP, WITHIN_DISTINCT:
                return name(call.operand(0));
            case COALESCE:
                return new Name("coalesce", 2);
            case NULLIF:
                return new Name("nullif", 2);
            case GREATEST:
                return new Name("greatest", 2);
            case LEAST:
                return new Name("least", 2);
            case EXISTS:
                return new Name("exists", 2);
            case ROW:
                return new Name("row", 2);
            case ARRAY_VALUE_CONSTRUCTOR, ARRAY_QUERY_CONSTRUCTOR:
                return new Name("array", 2);
            case SCALAR_QUERY:
                return name(call.operand(0));
            case TRIM: {
                Object flag = call.operand(0) instanceof SqlLiteral l ? l.getValue() : null;
                return new Name(flag == SqlTrimFunction.Flag.LEADING ? "ltrim"
                        : flag == SqlTrimFunction.Flag.TRAILING ? "rtrim" : "btrim", 2);
            }
            default:
                break;
        }
        if (call.getOperator() instanceof SqlUnresolvedFunction function) {
            List<String> names = function.getNameAsId().names;
            return new Name(names.get(names.size() - 1), 2);
        }
        if (call.getOperator() instanceof SqlFunction function) {
            return new Name(function.getName().toLowerCase(Locale.ROOT), 2);
        }
        return new Name(UNNAMED, 0);
    }

    private static String alias(SqlNode as) {
        SqlNode alias = ((SqlCall) as).operand(1);
        return alias instanceof SqlIdentifier id ? id.getSimple() : alias.toString();
    }

    private static String typeName(SqlDataTypeSpec type) {
        String name = type.getTypeName().names.get(type.getTypeName().names.size() - 1);
        return TYPE_NAMES.getOrDefault(name.toUpperCase(Locale.ROOT).replace(' ', '_'), name.toLowerCase(Locale.ROOT));
    }
}
