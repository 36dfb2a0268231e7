package org.rollcall.engine;

import java.util.ArrayList;
import java.util.List;

import org.apache.calcite.adapter.enumerable.EnumerableHashJoin;
import org.apache.calcite.adapter.enumerable.EnumerableIntersect;
import org.apache.calcite.adapter.enumerable.EnumerableMinus;
import org.apache.calcite.adapter.enumerable.EnumerableNestedLoopJoin;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.EnumerableSort;
import org.apache.calcite.adapter.enumerable.EnumerableUnion;
import org.apache.calcite.adapter.enumerable.EnumerableWindow;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;

/**
 * Guards between the operators Calcite evaluates in Java (joins it cannot push to SQLite, sorts, set operations):
 * every row passing one checks the query's cancel flag and timeout, and every row an operator keeps counts against
 * the query's row budget. Without them a Java join or sort never looks up from its loop: cancel and timeouts
 * waited for it, and a large one filled the heap. Plans that run wholly inside SQLite get no guard.
 */
public final class OperatorGuard {

    private OperatorGuard() {
    }

    /**
     * Called from the code Calcite generates for a guarded input: the rows of {@code input}, checked against the
     * running query's control; {@code kept} when the consuming operator holds every row it reads.
     */
    public static <T> Enumerable<T> guard(Enumerable<T> input, boolean kept) {
        QueryControl control = QueryControl.current();
        if (control == null) {
            return input;
        }
        return new AbstractEnumerable<T>() {
            @Override
            public Enumerator<T> enumerator() {
                Enumerator<T> rows = input.enumerator();
                return new Enumerator<T>() {
                    @Override
                    public T current() {
                        return rows.current();
                    }

                    @Override
                    public boolean moveNext() {
                        control.checkRow();
                        boolean more = rows.moveNext();
                        if (more && kept) {
                            control.holdRow();
                        }
                        return more;
                    }

                    @Override
                    public void reset() {
                        rows.reset();
                    }

                    @Override
                    public void close() {
                        rows.close();
                    }
                };
            }
        };
    }

    /** {@code plan} with a guard on every input of an operator Calcite evaluates in Java. */
    static RelNode insert(RelNode plan) {
        if (!(plan instanceof EnumerableRel) || plan.getInputs().isEmpty()) {
            return plan;
        }
        List<RelNode> inputs = new ArrayList<>();
        boolean guarded = false;
        for (int i = 0; i < plan.getInputs().size(); i++) {
            RelNode input = insert(plan.getInput(i));
            if (input instanceof EnumerableRel) {
                input = new GuardedInput(input.getCluster(), input.getTraitSet(), input, keepsRows(plan, i));
                guarded = true;
            }
            inputs.add(input);
        }
        return guarded ? plan.copy(plan.getTraitSet(), inputs) : plan;
    }

    /**
     * Whether {@code operator} keeps every row of its input {@code ordinal}: a sort and a window all of theirs, a
     * hash or nested-loop join its right input, set operations (other than UNION ALL) each input.
     */
    private static boolean keepsRows(RelNode operator, int ordinal) {
        if (operator instanceof EnumerableSort || operator instanceof EnumerableWindow
                || operator instanceof EnumerableMinus || operator instanceof EnumerableIntersect) {
            return true;
        }
        if (operator instanceof EnumerableUnion union) {
            return !union.all;
        }
        if (operator instanceof EnumerableHashJoin || operator instanceof EnumerableNestedLoopJoin) {
            return ordinal == 1;
        }
        return false;
    }

    /** The guard as a plan node: its code wraps the input's rows in {@link OperatorGuard#guard}. */
    static final class GuardedInput extends SingleRel implements EnumerableRel {
        private final boolean kept;

        GuardedInput(RelOptCluster cluster, RelTraitSet traits, RelNode input, boolean kept) {
            super(cluster, traits, input);
            this.kept = kept;
        }

        @Override
        public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
            return new GuardedInput(getCluster(), traitSet, sole(inputs), kept);
        }

        @Override
        public RelWriter explainTerms(RelWriter pw) {
            return super.explainTerms(pw).item("kept", kept);
        }

        @Override
        public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
            BlockBuilder builder = new BlockBuilder();
            Result input = implementor.visitChild(this, 0, (EnumerableRel) getInput(), pref);
            Expression rows = builder.append("rows", input.block);
            builder.add(Expressions.return_(null, Expressions.call(OperatorGuard.class, "guard", rows,
                    Expressions.constant(kept))));
            return implementor.result(input.physType, builder.toBlock());
        }
    }
}
