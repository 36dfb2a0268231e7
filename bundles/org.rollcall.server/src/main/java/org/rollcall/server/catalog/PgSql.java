package org.rollcall.server.catalog;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlCollectionTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImpl;
import org.apache.calcite.sql.pretty.SqlPrettyWriter;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * Translates the PostgreSQL-flavoured SQL clients send into SQL the engine's Calcite parser reads: parsed with
 * Calcite's Babel parser (which reads {@code ::} casts, {@code ~}, {@code ILIKE}, {@code = ANY (...)}, E'' strings),
 * rewritten as a syntax tree ({@link SqlShuttle}), and written back. A few spellings Babel does not read are
 * replaced token by token first, never inside string literals, quoted names or comments. SQL that Babel cannot
 * read goes to the engine as the client sent it, so that its error is the engine's own.
 */
final class PgSql {

    private static final SqlParserPos POS = SqlParserPos.ZERO;

    static final SqlParser.Config PARSER = SqlParser.config().withParserFactory(SqlBabelParserImpl.FACTORY)
            .withConformance(SqlConformanceEnum.BABEL).withQuoting(Quoting.DOUBLE_QUOTE)
            .withUnquotedCasing(Casing.TO_LOWER).withQuotedCasing(Casing.UNCHANGED).withCaseSensitive(false);

    /** The functions of {@link PgFunctions}, by name. */
    static final Set<String> FUNCTIONS = Arrays.stream(PgFunctions.class.getMethods())
            .filter(m -> Modifier.isStatic(m.getModifiers()) && m.getDeclaringClass() == PgFunctions.class)
            .map(Method::getName).collect(Collectors.toUnmodifiableSet());

    private static final Set<String> AGGREGATES = Set.of("count", "sum", "min", "max", "avg", "string_agg",
            "array_agg", "bool_and", "bool_or", "every", "json_agg", "jsonb_agg", "listagg", "json_object_agg");

    /** What {@link Tokens} calls unnest in a select list, which Calcite's parsers read only in FROM. */
    static final String SELECT_LIST_UNNEST = "_pg_unnest";

    private static final Set<String> EXPANDING = Set.of(SELECT_LIST_UNNEST, "generate_subscripts",
            "_pg_expandarray");

    /** What a translation needs to know about the session. */
    record Context(Catalog catalog, CatalogTables tables, String user, Map<String, String> settings,
            Function<String, Boolean> isUserRelation) {
    }

    private PgSql() {
    }

    /**
     * The statement in the engine's SQL, each dynamic parameter written as {@code parameter} of its number (0 for the
     * first {@code ?} of {@code sql}); null when it is not PostgreSQL that Babel reads.
     */
    static String translate(String sql, Context context, IntFunction<String> parameter) {
        String prepared = Tokens.prepare(sql);
        SqlNode node;
        try {
            node = SqlParser.create(prepared, PARSER).parseQuery();
        } catch (SqlParseException e) {
            return null;
        }
        SqlNode shaped = node.accept(new Shapes(context));
        SqlNode rewritten = shaped.accept(new Expressions(context));
        SqlPrettyWriter writer = new SqlPrettyWriter(SqlPrettyWriter.config().withDialect(CalciteSqlDialect.DEFAULT)
                .withAlwaysUseParentheses(false).withClauseStartsLine(false).withIndentation(0)) {
            @Override
            public void dynamicParam(int index) {
                print(parameter.apply(index));
                setNeedWhitespace(true);
            }
        };
        rewritten.unparse(writer, 0, 0);
        return writer.toSqlString().getSql();
    }

    // ---- pass 1: statement shapes ------------------------------------------------------------------------

    /**
     * Per SELECT: a SELECT that inner-joins a catalog table with no rows (triggers, policies, sequences ...)
     * answers no rows, whatever functions it calls, so it becomes an empty SELECT of the same column names;
     * set-returning functions over key arrays in the select list become a join with their elements; catalog
     * tables named without their schema get it; {@code generate_series} in FROM becomes a numbers table.
     */
    private static final class Shapes extends SqlShuttle {
        private final Context context;
        private int aliases;

        Shapes(Context context) {
            this.context = context;
        }

        @Override
        public SqlNode visit(SqlCall call) {
            if (call instanceof org.apache.calcite.sql.SqlOrderBy orderBy && orderBy.query instanceof SqlSelect select
                    && answersNothing(select)) {
                return empty(select);
            }
            if (call instanceof SqlSelect select) {
                if (answersNothing(select)) {
                    return empty(select);
                }
                expand(select);
                select.setFrom(from(select.getFrom()));
                groupByOrdinals(select);
            }
            return super.visit(call);
        }

        private boolean answersNothing(SqlSelect select) {
            if (select.getFrom() == null || select.getGroup() == null && aggregates(select.getSelectList())) {
                return false;
            }
            for (SqlNode item : select.getSelectList()) {
                if (item instanceof SqlIdentifier id && id.isStar()) {
                    return false;
                }
            }
            return joinsEmpty(select.getFrom());
        }

        private boolean aggregates(SqlNode node) {
            boolean[] found = {false};
            node.accept(new SqlShuttle() {
                @Override
                public SqlNode visit(SqlCall call) {
                    if (call instanceof SqlSelect) {
                        return call;
                    }
                    if (AGGREGATES.contains(call.getOperator().getName().toLowerCase(Locale.ROOT))) {
                        found[0] = true;
                    }
                    return super.visit(call);
                }
            });
            return found[0];
        }

        private boolean joinsEmpty(SqlNode from) {
            if (from instanceof SqlIdentifier id) {
                RowTable table = catalogTable(id);
                return table != null && table.isEmpty();
            }
            if (from instanceof SqlJoin join) {
                return switch (join.getJoinType()) {
                    case INNER, COMMA, CROSS -> joinsEmpty(join.getLeft()) || joinsEmpty(join.getRight());
                    case LEFT -> joinsEmpty(join.getLeft());
                    case RIGHT -> joinsEmpty(join.getRight());
                    default -> false;
                };
            }
            if (from instanceof SqlCall call && call.getKind() == SqlKind.AS) {
                return joinsEmpty(call.operand(0));
            }
            return false;
        }

        /** The catalog table {@code id} names in FROM, or null for a table of the workspace. */
        private RowTable catalogTable(SqlIdentifier id) {
            List<String> names = id.names;
            if (names.size() == 2 && names.get(0).equals("pg_catalog")) {
                return context.tables().pgCatalog.get(names.get(1));
            }
            if (names.size() == 2 && names.get(0).equals("information_schema")) {
                return context.tables().informationSchema.get(names.get(1));
            }
            if (names.size() == 1 && !context.isUserRelation().apply(names.get(0))) {
                return context.tables().pgCatalog.get(names.get(0));
            }
            return null;
        }

        private SqlNode empty(SqlSelect select) {
            List<String> columns = new ArrayList<>();
            Set<String> used = new java.util.HashSet<>();
            int i = 0;
            for (SqlNode item : select.getSelectList()) {
                i++;
                String name;
                if (item.getKind() == SqlKind.AS) {
                    name = ((SqlIdentifier) ((SqlCall) item).operand(1)).getSimple();
                } else if (item instanceof SqlIdentifier id) {
                    name = id.names.get(id.names.size() - 1);
                } else if (item instanceof SqlCall call && call.getOperator() instanceof SqlFunction) {
                    name = call.getOperator().getName().toLowerCase(Locale.ROOT);
                } else {
                    name = "?column?";
                }
                // (Calcite wants distinct names where PostgreSQL repeats ?column?)
                String unique = used.add(name) ? name : name + i;
                columns.add("CAST(NULL AS VARCHAR) AS \"" + unique.replace("\"", "\"\"") + "\"");
            }
            String sql = "SELECT " + String.join(", ", columns) + " FROM (VALUES (0)) AS \"_empty\" (\"_x\") WHERE FALSE";
            try {
                return SqlParser.create(sql, PARSER).parseQuery();
            } catch (SqlParseException e) {
                throw new IllegalStateException(sql, e);
            }
        }

        /** GROUP BY 1: PostgreSQL groups by the first output column, Calcite's default conformance by the number 1. */
        private void groupByOrdinals(SqlSelect select) {
            SqlNodeList group = select.getGroup();
            if (group == null) {
                return;
            }
            for (int i = 0; i < group.size(); i++) {
                if (group.get(i) instanceof SqlNumericLiteral ordinal && ordinal.isInteger()) {
                    int n = ordinal.intValue(true);
                    if (n >= 1 && n <= select.getSelectList().size()) {
                        SqlNode item = select.getSelectList().get(n - 1);
                        SqlNode expression = item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(0) : item;
                        group.set(i, expression.clone(expression.getParserPosition()));
                    }
                }
            }
        }

        /** unnest(a), generate_subscripts(a, 1), _pg_expandarray(a) in the select list: joins a's elements. */
        private void expand(SqlSelect select) {
            Map<String, String> aliasOf = new LinkedHashMap<>();
            Map<String, SqlNode> arrays = new LinkedHashMap<>();
            SqlNodeList items = select.getSelectList();
            for (int i = 0; i < items.size(); i++) {
                items.set(i, items.get(i).accept(new SqlShuttle() {
                    @Override
                    public SqlNode visit(SqlCall call) {
                        if (call instanceof SqlSelect) {
                            return call;
                        }
                        if (call.getKind() == SqlKind.DOT && expanding(call.operand(0)) != null) {
                            String field = ((SqlIdentifier) call.operand(1)).getSimple();
                            return element(call.operand(0), field.equals("n") ? "n" : "x");
                        }
                        String name = expanding(call);
                        if (name != null) {
                            return element(call, name.equals("generate_subscripts") ? "n" : "x");
                        }
                        return super.visit(call);
                    }

                    private String expanding(SqlNode node) {
                        if (node instanceof SqlCall call && call.getOperator() instanceof SqlFunction
                                && EXPANDING.contains(call.getOperator().getName().toLowerCase(Locale.ROOT))
                                && !call.getOperandList().isEmpty()) {
                            return call.getOperator().getName().toLowerCase(Locale.ROOT);
                        }
                        return null;
                    }

                    private SqlNode element(SqlNode call, String field) {
                        SqlNode array = ((SqlCall) call).operand(0);
                        String key = array.toString();
                        String alias = aliasOf.computeIfAbsent(key, k -> "_k" + (++aliases));
                        arrays.putIfAbsent(alias, array);
                        return new SqlIdentifier(List.of(alias, field), POS);
                    }
                }));
            }
            SqlNode from = select.getFrom();
            for (Map.Entry<String, SqlNode> array : arrays.entrySet()) {
                SqlNode elements = SqlStdOperatorTable.AS.createCall(POS,
                        new SqlIdentifier(List.of("pg_catalog", CatalogTables.ARRAY_ELEMENTS), POS),
                        new SqlIdentifier(array.getKey(), POS));
                SqlNode on = SqlStdOperatorTable.EQUALS.createCall(POS,
                        new SqlIdentifier(List.of(array.getKey(), "arr"), POS), array.getValue());
                from = new SqlJoin(POS, from, SqlLiteral.createBoolean(false, POS), JoinType.INNER.symbol(POS),
                        elements, org.apache.calcite.sql.JoinConditionType.ON.symbol(POS), on);
            }
            select.setFrom(from);
        }

        private SqlNode from(SqlNode from) {
            if (from == null) {
                return null;
            }
            if (from instanceof SqlIdentifier id) {
                if (id.names.size() == 1 && !context.isUserRelation().apply(id.names.get(0))
                        && (context.tables().pgCatalog.containsKey(id.names.get(0)))) {
                    return new SqlIdentifier(List.of("pg_catalog", id.names.get(0)), id.getParserPosition());
                }
                return from;
            }
            if (from instanceof SqlJoin join) {
                join.setLeft(from(join.getLeft()));
                join.setOperand(3, from(join.getRight()));
                return join;
            }
            if (from instanceof SqlCall call && call.getKind() == SqlKind.AS) {
                call.setOperand(0, from(call.operand(0)));
                return call;
            }
            if (from instanceof SqlCall call && call.getKind() == SqlKind.COLLECTION_TABLE
                    && call.operand(0) instanceof SqlCall function
                    && function.getOperator().getName().equalsIgnoreCase("generate_series")
                    && function.getOperandList().size() == 2) {
                SqlSelect numbers = new SqlSelect(POS, null,
                        SqlNodeList.of(new SqlIdentifier("n", POS)),
                        new SqlIdentifier(List.of("pg_catalog", CatalogTables.SERIES), POS),
                        SqlStdOperatorTable.BETWEEN.createCall(POS, new SqlIdentifier("n", POS), function.operand(0),
                                function.operand(1)),
                        null, null, null, null, null, null, null);
                return numbers;
            }
            return from;
        }
    }

    // ---- pass 2: expressions ---------------------------------------------------------------------------------

    private static final class Expressions extends SqlShuttle {
        private final Context context;

        Expressions(Context context) {
            this.context = context;
        }

        @Override
        public SqlNode visit(SqlLiteral literal) {
            // E'' strings come back with a character set the engine's SQLite dialect would have to cast to
            if (literal instanceof SqlCharStringLiteral && literal.getValueAs(org.apache.calcite.util.NlsString.class)
                    .getCharsetName() != null) {
                return SqlLiteral.createCharString(literal.getValueAs(String.class), POS);
            }
            return literal;
        }

        @Override
        public SqlNode visit(SqlIdentifier id) {
            if (id.names.size() == 1 && id.isSimple()) {
                switch (id.getSimple().toLowerCase(Locale.ROOT)) {
                    case "current_catalog":
                        return text(context.catalog().database);
                    case "current_user", "session_user", "user", "current_role":
                        return text(context.user());
                    default:
                        break;
                }
            }
            return id;
        }

        @Override
        public SqlNode visit(SqlCall original) {
            if (original.getKind() == SqlKind.CAST) {
                SqlNode cast = cast(original);
                if (cast != null) {
                    return cast;
                }
            }
            if (original.getKind() == SqlKind.ITEM && original.operand(0) instanceof SqlCall inner
                    && inner.getOperator().getName().equalsIgnoreCase("current_schemas")) {
                List<String> schemas = schemas(inner);
                int index = ((SqlNumericLiteral) original.operand(1)).intValue(true);
                return index >= 1 && index <= schemas.size() ? text(schemas.get(index - 1)) : nullText();
            }
            SqlNode visited = super.visit(original);
            if (visited instanceof org.apache.calcite.sql.fun.SqlCase when) {
                // PostgreSQL types a CASE of text literals as text; Calcite's CHAR(n) would pad 'view' to 'table'
                SqlNodeList thens = when.getThenOperands();
                for (int i = 0; i < thens.size(); i++) {
                    thens.set(i, varchar(thens.get(i)));
                }
                when.setOperand(3, varchar(when.getElseOperand()));
                return when;
            }
            if (!(visited instanceof SqlCall call) || call instanceof SqlSelect) {
                return visited;
            }
            String name = call.getOperator().getName();
            String lower = name.toLowerCase(Locale.ROOT);
            List<SqlNode> args = call.getOperandList();
            switch (call.getKind()) {
                case EQUALS, NOT_EQUALS -> {
                    // PostgreSQL reads 't' and 'f' as booleans (SQLAlchemy: ix.indisprimary = 'f'); Calcite does not
                    for (int i = 0; i < 2; i++) {
                        if (args.get(i) instanceof SqlIdentifier column
                                && context.tables().booleanColumns().contains(column.names.get(column.names.size() - 1))
                                && args.get(1 - i) instanceof SqlCharStringLiteral value) {
                            Boolean truth = truth(value.getValueAs(String.class));
                            if (truth != null) {
                                call.setOperand(1 - i, SqlLiteral.createBoolean(truth, POS));
                            }
                        }
                    }
                    return call;
                }
                case LIKE -> {
                    if (lower.contains("ilike")) {
                        SqlNode like = SqlStdOperatorTable.LIKE.createCall(POS, lower(args.get(0)), lower(args.get(1)));
                        return lower.startsWith("not") ? SqlStdOperatorTable.NOT.createCall(POS, like) : like;
                    }
                    return call;
                }
                case POSIX_REGEX_CASE_SENSITIVE, POSIX_REGEX_CASE_INSENSITIVE -> {
                    SqlNode match = pg("pg_regex_match", args.get(0), args.get(1),
                            SqlLiteral.createBoolean(call.getKind() == SqlKind.POSIX_REGEX_CASE_INSENSITIVE, POS));
                    return lower.startsWith("negated") ? SqlStdOperatorTable.NOT.createCall(POS, match) : match;
                }
                case SOME -> {
                    SqlNode array = args.get(1);
                    if (array instanceof SqlCall a && a.getKind() == SqlKind.ARRAY_VALUE_CONSTRUCTOR) {
                        return SqlStdOperatorTable.IN.createCall(POS, args.get(0),
                                new SqlNodeList(a.getOperandList(), POS));
                    }
                    if (array instanceof SqlSelect || array.getKind() == SqlKind.ORDER_BY
                            || array.getKind() == SqlKind.UNION) {
                        return call;
                    }
                    return pg("pg_array_has", array, SqlStdOperatorTable.CAST.createCall(POS, args.get(0),
                            type(SqlTypeName.VARCHAR)));
                }
                case ITEM -> {
                    return pg("pg_array_item", args.get(0), args.get(1));
                }
                case DOT -> {
                    // (keys).x of pgjdbc's _pg_expandarray, whose elements the select below already joined
                    if (args.get(1) instanceof SqlIdentifier field && field.getSimple().equals("x")) {
                        return args.get(0);
                    }
                    return call;
                }
                case ARRAY_QUERY_CONSTRUCTOR -> {
                    // array(select ... from unnest(reloptions)): catalog arrays of options are always empty
                    return nullText();
                }
                default -> {
                }
            }
            if (!(call.getOperator() instanceof SqlFunction)) {
                return call;
            }
            switch (lower) {
                case "current_schema":
                    return text(context.catalog().defaultSchema);
                case "current_database":
                    return text(context.catalog().database);
                case "version":
                    return text("PostgreSQL " + context.settings().getOrDefault("server_version", "16.0")
                            + " on x86_64-pc-linux-gnu, RollCall attendance analytics (Apache Calcite)");
                case "current_schemas":
                    return SqlStdOperatorTable.ARRAY_VALUE_CONSTRUCTOR.createCall(POS,
                            schemas(call).stream().map(PgSql::text).toList());
                case "current_setting":
                    if (args.get(0) instanceof SqlCharStringLiteral setting) {
                        String value = context.settings().entrySet().stream()
                                .filter(e -> e.getKey().equalsIgnoreCase(setting.getValueAs(String.class)))
                                .map(Map.Entry::getValue).findFirst().orElse(null);
                        return value == null ? nullText() : text(value);
                    }
                    return call;
                case "date_trunc":
                    if (args.size() == 2 && args.get(0) instanceof SqlCharStringLiteral unit) {
                        TimeUnitRange range = timeUnit(unit.getValueAs(String.class));
                        if (range != null) {
                            return SqlStdOperatorTable.FLOOR.createCall(POS, args.get(1),
                                    SqlLiteral.createSymbol(range, POS));
                        }
                    }
                    return call;
                case "date_part":
                    if (args.size() == 2 && args.get(0) instanceof SqlCharStringLiteral unit) {
                        TimeUnitRange range = timeUnit(unit.getValueAs(String.class));
                        if (range != null) {
                            return SqlStdOperatorTable.EXTRACT.createCall(POS, SqlLiteral.createSymbol(range, POS),
                                    args.get(1));
                        }
                    }
                    return call;
                case "now":
                    return SqlStdOperatorTable.CURRENT_TIMESTAMP.createCall(POS);
                case "pg_partition_ancestors":
                    // a relation that is no partition is its own only ancestor
                    return SqlStdOperatorTable.CAST.createCall(POS, args.get(0), type(SqlTypeName.INTEGER));
                case "string_agg":
                    return SqlStdOperatorTable.LISTAGG.createCall(call.getFunctionQuantifier(), POS, args);
                default:
                    break;
            }
            if (FUNCTIONS.contains(lower)) {
                return pg(lower, args.toArray(SqlNode[]::new));
            }
            return call;
        }

        private List<String> schemas(SqlCall currentSchemas) {
            boolean implicit = !currentSchemas.getOperandList().isEmpty()
                    && currentSchemas.operand(0) instanceof SqlLiteral flag && Boolean.TRUE.equals(flag.getValue());
            return implicit ? List.of("pg_catalog", context.catalog().defaultSchema)
                    : List.of(context.catalog().defaultSchema);
        }

        /** A PostgreSQL cast: reg* types become OIDs or names, PostgreSQL's type names the engine's. */
        private SqlNode cast(SqlCall call) {
            SqlNode operand = call.operand(0).accept(this);
            SqlDataTypeSpec spec = (SqlDataTypeSpec) call.operand(1);
            if (spec.getTypeNameSpec() instanceof SqlCollectionTypeNameSpec) {
                return operand;
            }
            List<String> typeNames = spec.getTypeNameSpec().getTypeName().names;
            String type = typeNames.get(typeNames.size() - 1).toLowerCase(Locale.ROOT);
            String literal = operand instanceof SqlCharStringLiteral s ? s.getValueAs(String.class)
                    : operand instanceof SqlNumericLiteral n ? n.toValue() : null;
            switch (type) {
                case "regclass":
                    if (literal != null) {
                        return number(literal.matches("\\d+") ? Integer.parseInt(literal) : regclass(literal));
                    }
                    return pg("pg_regclass_name", operand);
                case "regtype":
                    if (literal != null) {
                        return number(literal.matches("\\d+") ? Integer.parseInt(literal)
                                : Catalog.type(literal.replaceAll("^pg_catalog\\.", "")).map(Catalog.Type::oid)
                                        .orElse(0));
                    }
                    return pg("format_type", operand, nullInteger());
                case "regnamespace":
                    if (literal != null) {
                        return number(literal.matches("\\d+") ? Integer.parseInt(literal)
                                : context.catalog().schemas.stream().filter(s -> s.name().equals(literal))
                                        .map(Catalog.Schema::oid).findFirst().orElse(0));
                    }
                    return pg("pg_regnamespace_name", operand);
                case "regproc", "regprocedure", "regoper", "regrole":
                    return literal != null && literal.matches("\\d+") ? number(Integer.parseInt(literal))
                            : literal != null ? number(0) : operand;
                default:
                    break;
            }
            SqlTypeName target = switch (type) {
                case "oid", "int4", "int", "integer", "xid" -> SqlTypeName.INTEGER;
                case "int8", "bigint" -> SqlTypeName.BIGINT;
                case "int2", "smallint" -> SqlTypeName.SMALLINT;
                case "text", "name", "varchar", "char", "bpchar", "character", "citext" -> SqlTypeName.VARCHAR;
                case "bool", "boolean" -> SqlTypeName.BOOLEAN;
                case "float8", "double" -> SqlTypeName.DOUBLE;
                case "float4", "real" -> SqlTypeName.REAL;
                case "numeric", "decimal" -> SqlTypeName.DECIMAL;
                case "date" -> SqlTypeName.DATE;
                case "timestamp", "timestamptz" -> SqlTypeName.TIMESTAMP;
                default -> null;
            };
            if (target == null) {
                return operand == call.operand(0) ? call : SqlStdOperatorTable.CAST.createCall(POS, operand, spec);
            }
            if (target == SqlTypeName.VARCHAR && spec.getTypeNameSpec().getTypeName().names.size() == 1
                    && spec.getTypeNameSpec() instanceof org.apache.calcite.sql.SqlBasicTypeNameSpec basic
                    && basic.getPrecision() >= 0) {
                return SqlStdOperatorTable.CAST.createCall(POS, operand, spec);
            }
            if (target == SqlTypeName.DECIMAL && spec.getTypeNameSpec() instanceof org.apache.calcite.sql.SqlBasicTypeNameSpec basic
                    && basic.getPrecision() >= 0) {
                // numeric(p, s) keeps its precision and scale (a bare DECIMAL would round to an integer)
                return SqlStdOperatorTable.CAST.createCall(POS, operand, new SqlDataTypeSpec(
                        new org.apache.calcite.sql.SqlBasicTypeNameSpec(target, basic.getPrecision(), basic.getScale(),
                                POS), POS));
            }
            return SqlStdOperatorTable.CAST.createCall(POS, operand, type(target));
        }

        private int regclass(String name) {
            String[] parts = name.replace("\"", "").split("\\.");
            String schema = parts.length > 1 ? parts[0] : null;
            String relation = parts[parts.length - 1];
            Catalog catalog = context.catalog();
            return catalog.relation(schema, relation).map(Catalog.Relation::oid)
                    .or(() -> catalog.primaryKeys().filter(k -> k.name().equals(relation)).map(Catalog.Constraint::indexOid)
                            .findFirst())
                    .orElseThrow(() -> new IllegalArgumentException("relation \"" + name + "\" does not exist"));
        }
    }

    /** PostgreSQL's spellings of a boolean ('t', 'f', 'yes', 'off' ...), or null. */
    private static Boolean truth(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "t", "true", "y", "yes", "on", "1" -> true;
            case "f", "false", "n", "no", "off", "0" -> false;
            default -> null;
        };
    }

    private static TimeUnitRange timeUnit(String unit) {
        return switch (unit.toLowerCase(Locale.ROOT).strip()) {
            case "year", "years" -> TimeUnitRange.YEAR;
            case "quarter" -> TimeUnitRange.QUARTER;
            case "month", "months" -> TimeUnitRange.MONTH;
            case "week", "weeks" -> TimeUnitRange.WEEK;
            case "day", "days" -> TimeUnitRange.DAY;
            case "hour", "hours" -> TimeUnitRange.HOUR;
            case "minute", "minutes" -> TimeUnitRange.MINUTE;
            case "second", "seconds" -> TimeUnitRange.SECOND;
            case "dow" -> TimeUnitRange.DOW;
            case "doy" -> TimeUnitRange.DOY;
            case "isodow" -> TimeUnitRange.ISODOW;
            case "epoch" -> TimeUnitRange.EPOCH;
            case "decade" -> TimeUnitRange.DECADE;
            case "century" -> TimeUnitRange.CENTURY;
            default -> null;
        };
    }

    private static SqlNode pg(String function, SqlNode... args) {
        SqlUnresolvedFunction operator = new SqlUnresolvedFunction(
                new SqlIdentifier(List.of("pg_catalog", function), POS), null, null, null, null,
                SqlFunctionCategory.USER_DEFINED_FUNCTION);
        return new SqlBasicCall(operator, List.of(args), POS);
    }

    private static SqlNode varchar(SqlNode node) {
        return node instanceof SqlCharStringLiteral
                ? SqlStdOperatorTable.CAST.createCall(POS, node, type(SqlTypeName.VARCHAR)) : node;
    }

    private static SqlNode lower(SqlNode node) {
        return SqlStdOperatorTable.LOWER.createCall(POS, node);
    }

    static SqlNode text(String value) {
        return SqlLiteral.createCharString(value, POS);
    }

    private static SqlNode number(int value) {
        return SqlLiteral.createExactNumeric(String.valueOf(value), POS);
    }

    private static SqlNode nullText() {
        return SqlStdOperatorTable.CAST.createCall(POS, SqlLiteral.createNull(POS), type(SqlTypeName.VARCHAR));
    }

    private static SqlNode nullInteger() {
        return SqlStdOperatorTable.CAST.createCall(POS, SqlLiteral.createNull(POS), type(SqlTypeName.INTEGER));
    }

    private static SqlDataTypeSpec type(SqlTypeName name) {
        return new SqlDataTypeSpec(new org.apache.calcite.sql.SqlBasicTypeNameSpec(name, POS), POS);
    }
}
