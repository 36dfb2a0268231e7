package org.rollcall.engine;

import java.util.List;
import java.util.Set;

import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcRules;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlKind;

/**
 * Calcite's JDBC convention for the SQLite store, except that filters and projections using an operator SQLite
 * lacks stay in Calcite: Calcite's JDBC rules push every built-in operator, and SQLite then fails on
 * {@code SIMILAR TO} with a syntax error.
 */
final class SqliteConvention extends JdbcConvention {

    /**
     * Operators Calcite knows that SQLite has no spelling for (sqlite.org/lang_expr.html, lang_corefunc.html):
     * {@code SIMILAR TO}, {@code EXTRACT} (SQLite has strftime), {@code OVERLAPS}, {@code TIMESTAMPADD}, {@code TIMESTAMPDIFF} and
     * {@code FLOOR}/{@code CEIL} to a time unit.
     */
    private static final Set<SqlKind> MISSING_IN_SQLITE = Set.of(SqlKind.SIMILAR, SqlKind.EXTRACT,
            SqlKind.OVERLAPS, SqlKind.TIMESTAMP_ADD, SqlKind.TIMESTAMP_DIFF);

    SqliteConvention(SqlDialect dialect, Expression expression, String name) {
        super(dialect, expression, name);
    }

    @Override
    public void register(RelOptPlanner planner) {
        for (RelOptRule rule : JdbcRules.rules(this)) {
            if (rule instanceof JdbcRules.JdbcFilterRule filter) {
                planner.addRule(filter.config.withRuleFactory(SqliteFilterRule::new).toRule());
            } else if (rule instanceof JdbcRules.JdbcProjectRule project) {
                planner.addRule(project.config.withRuleFactory(SqliteProjectRule::new).toRule());
            } else {
                planner.addRule(rule);
            }
        }
        planner.addRule(CoreRules.FILTER_SET_OP_TRANSPOSE);
        planner.addRule(CoreRules.PROJECT_REMOVE);
    }

    /**
     * Whether SQLite can evaluate every call in {@code node}. Window functions stay in Calcite: a JDBC projection
     * holding one made the planner fail (an AssertionError: a LogicalWindow in the JDBC convention).
     */
    static boolean sqliteCanEvaluate(RexNode node) {
        return !RexUtil.find(MISSING_IN_SQLITE).anyContain(List.of(node)) && !hasTimeUnitRounding(node)
                && !RexOver.containsOver(node);
    }

    private static boolean hasTimeUnitRounding(RexNode node) {
        if (node instanceof RexCall call) {
            if ((call.getKind() == SqlKind.FLOOR || call.getKind() == SqlKind.CEIL) && call.getOperands().size() == 2) {
                return true;
            }
            return call.getOperands().stream().anyMatch(SqliteConvention::hasTimeUnitRounding);
        }
        return false;
    }

    /** Pushes a filter to SQLite only when SQLite can evaluate its condition. */
    static final class SqliteFilterRule extends JdbcRules.JdbcFilterRule {
        SqliteFilterRule(Config config) {
            super(config);
        }

        @Override
        public boolean matches(RelOptRuleCall call) {
            Filter filter = call.rel(0);
            return sqliteCanEvaluate(filter.getCondition()) && super.matches(call);
        }
    }

    /** Pushes a projection to SQLite only when SQLite can evaluate every expression. */
    static final class SqliteProjectRule extends JdbcRules.JdbcProjectRule {
        SqliteProjectRule(Config config) {
            super(config);
        }

        @Override
        public boolean matches(RelOptRuleCall call) {
            Project project = call.rel(0);
            return project.getProjects().stream().allMatch(SqliteConvention::sqliteCanEvaluate) && super.matches(call);
        }
    }
}
