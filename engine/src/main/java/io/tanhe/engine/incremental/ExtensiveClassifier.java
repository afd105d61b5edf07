package io.tanhe.engine.incremental;

import io.tanhe.engine.graph.Builtin;
import io.tanhe.engine.graph.NodeKind;
import io.tanhe.engine.graph.Term;
import io.tanhe.engine.graph.Terms;
import io.tanhe.engine.units.Unit;

/**
 * Decides which instances are <em>extensive</em> — in a coarser bucket, the sum of their base
 * buckets — and which are <em>intensive</em> — recomputed there from the coarser values of their
 * operands, never averaged.
 *
 * <p>Extensive is an amount (its unit a positive power of base dimensions: t, GJ, MWh, tCO2) whose
 * formula is linear in what it reads and whose operands that are amounts are sums too, since then
 * summing over time commutes with the formula. Everything else is intensive: ratios and contents,
 * and figures that round, compare, choose or take extremes — {@code reported : tCO2 = round(E, 0)}
 * rounds the hour's E, not each minute's. Factors and constants are never sums.
 */
final class ExtensiveClassifier {
    private final InstanceGraph instances;
    private final boolean[] extensive;

    private ExtensiveClassifier(InstanceGraph instances) {
        this.instances = instances;
        this.extensive = new boolean[instances.size()];
    }

    /** Whether each instance, by id, is extensive. Ids are in topological order, so operands are decided first. */
    static boolean[] classify(InstanceGraph instances) {
        ExtensiveClassifier c = new ExtensiveClassifier(instances);
        for (int id = 0; id < instances.size(); id++) {
            c.extensive[id] = c.extensive(instances.instance(id));
        }
        return c.extensive;
    }

    private boolean extensive(Instance in) {
        if (in.synthetic()) {
            return syntheticExtensive(in);
        }
        if (!isAmount(in)) {
            return false;
        }
        if (in.node().formula() != null && !linear(in.node().formula())) {
            return false;
        }
        for (int op : in.operands()) {
            if (!extensive[op] && operandIsAnAmount(op)) {
                return false; // it reads an amount that is recomputed, so it must be recomputed too
            }
        }
        return true;
    }

    /** Covered time and a lifted sum whose terms all are extensive; a lifted min, max or body is not. */
    private boolean syntheticExtensive(Instance in) {
        if (in.kind() == Instance.Kind.COVERED) {
            return true; // covered time adds up: an hour covers the sum of its minutes' covered times
        }
        if (in.kind() != Instance.Kind.SUM) {
            return false;
        }
        for (int op : in.operands()) {
            if (!extensive[op]) {
                return false;
            }
        }
        return in.operands().length > 0;
    }

    private boolean operandIsAnAmount(int id) {
        Instance op = instances.instance(id);
        if (op.synthetic()) {
            return op.kind() == Instance.Kind.SUM || op.kind() == Instance.Kind.FORMULA;
        }
        return isAmount(op);
    }

    private static boolean isAmount(Instance in) {
        NodeKind kind = in.node().kind();
        return kind != NodeKind.FACTOR && kind != NodeKind.CONST && extensiveUnit(in.node().unit());
    }

    /** Sums, differences, products and quotients of loads and constants: summing over time commutes with it. */
    private static boolean linear(Term t) {
        return switch (t) {
            case Term.Round _, Term.Abs _, Term.Extremum _, Term.If _ -> false;
            case Term.Aggregate a -> a.function() == Builtin.SUM && linear(a.body());
            case Term.Const _, Term.Load _, Term.Available _, Term.Covered _ -> true;
            case Term.Scale _, Term.Neg _, Term.Arith _, Term.Compare _, Term.Logic _, Term.Not _ ->
                    Terms.children(t).stream().allMatch(ExtensiveClassifier::linear);
        };
    }

    private static boolean extensiveUnit(Unit unit) {
        if (unit.dimension().isNone()) {
            return false;
        }
        return unit.dimension().exponents().values().stream().allMatch(e -> e > 0);
    }
}
