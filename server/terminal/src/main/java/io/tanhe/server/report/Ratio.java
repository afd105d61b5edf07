package io.tanhe.server.report;

import io.tanhe.engine.graph.ComputationGraph;
import io.tanhe.engine.graph.Node;
import io.tanhe.engine.graph.Term;

import java.util.Optional;

/**
 * A node that is the quotient of two extensive scalar nodes, {@code scale × numerator / denominator}
 * (an intensity such as {@code E / power_supplied}): over any span its value is the quotient of the
 * operands' sums over that span.
 *
 * @param scale the unit conversion the compiler folded into the formula (1 when none)
 */
public record Ratio(String numerator, String denominator, double scale) {

    /** The ratio {@code node} is, if its formula is one. */
    public static Optional<Ratio> of(Node node, ComputationGraph graph) {
        if (node.formula() == null || node.indexed()) {
            return Optional.empty();
        }
        double scale = 1;
        Term t = node.formula();
        while (t instanceof Term.Scale s) {
            scale *= s.factor();
            t = s.inner();
        }
        if (!(t instanceof Term.Arith a) || a.op() != Term.ArithOp.DIV) {
            return Optional.empty();
        }
        Optional<String> num = scalarExtensive(a.left(), graph);
        Optional<String> den = scalarExtensive(a.right(), graph);
        if (num.isEmpty() || den.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Ratio(num.get(), den.get(), scale));
    }

    private static Optional<String> scalarExtensive(Term t, ComputationGraph graph) {
        if (t instanceof Term.Load l && l.key().isEmpty()) {
            return graph.node(l.node()).filter(n -> !n.indexed() && ResultQuery.extensive(n)).map(Node::name);
        }
        return Optional.empty();
    }
}
