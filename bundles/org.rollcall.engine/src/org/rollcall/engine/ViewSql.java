package org.rollcall.engine;

import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.rollcall.store.metrics.MetricView;

/**
 * Calcite expands views with its default lexical policy (unquoted names upper-cased), not the connection's.
 * Views are written in RollCall's policy and stored with every identifier quoted, so both agree.
 */
final class ViewSql {

    private static final SqlParser.Config ROLLCALL_LEX = SqlParser.config()
            .withQuoting(Quoting.DOUBLE_QUOTE)
            .withUnquotedCasing(Casing.TO_LOWER)
            .withQuotedCasing(Casing.UNCHANGED)
            .withCaseSensitive(false);

    private ViewSql() {
    }

    static String quoted(MetricView view) {
        return quoted(view.name(), view.sql());
    }

    static String quoted(String name, String sql) {
        try {
            SqlNode node = SqlParser.create(sql, ROLLCALL_LEX).parseQuery();
            return node.toSqlString(CalciteSqlDialect.DEFAULT).getSql();
        } catch (SqlParseException e) {
            throw new IllegalStateException("View " + name + " does not parse: " + e.getMessage(), e);
        }
    }
}
