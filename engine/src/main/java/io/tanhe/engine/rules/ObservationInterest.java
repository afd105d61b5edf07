package io.tanhe.engine.rules;

import io.tanhe.engine.rules.fact.ObservationFact;
import org.drools.base.base.ValueResolver;
import org.drools.base.common.NetworkNode;
import org.drools.base.rule.EntryPointId;
import org.drools.base.rule.IndexableConstraint;
import org.drools.base.rule.constraint.AlphaNodeFieldConstraint;
import org.drools.base.util.index.ConstraintTypeOperator;
import org.drools.core.common.DefaultFactHandle;
import org.drools.core.common.ReteEvaluator;
import org.drools.core.reteoo.AlphaNode;
import org.drools.core.reteoo.JoinNode;
import org.drools.core.reteoo.JoinRightAdapterNode;
import org.drools.core.reteoo.LeftInputAdapterNode;
import org.drools.core.reteoo.RuleTerminalNode;
import org.drools.mvel.accessors.ClassFieldReader;
import org.drools.core.reteoo.ObjectTypeNode;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSession;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which readings some rule of a session's compiled rules base can match, read from its network: a
 * reading no pattern can match needs no fact in working memory, because no rule will ever see it.
 *
 * <p>Built from the object-type nodes that accept an {@link ObservationFact} (its own, {@code RuleFact},
 * {@code Object}): down each one the alpha nodes (a pattern's tests on the reading alone, e.g.
 * {@code point == "p1", good, value < 0}) are evaluated with the rules base's own constraints; a reading
 * that passes them to any join, rule or query is of interest. One path is read from data instead: the
 * generic rule {@value #THRESHOLD_RULE} joins every reading with the thresholds on its point, so a
 * path used by that rule alone counts only for points some observation threshold targets (the
 * caller says which). Anything the walk does not recognise counts as interest in every reading.
 *
 * <p>Sound only for constraints that depend on the reading alone (not on globals that change); the
 * shipped rules' alpha tests are such. Not thread-safe: one per session.
 */
final class ObservationInterest {
    /** The generic rule whose join with thresholds is decided from the threshold facts. */
    static final String THRESHOLD_RULE = "threshold on observation";
    private static final String GENERIC_PACKAGE = "io.tanhe.engine.rules.generic";

    /** A node of the walk: either a test with children, or the end of a path. */
    private sealed interface Step permits Test, ByPoint, Always, Watched {
    }

    /** An alpha constraint and what lies behind it. */
    private record Test(AlphaNodeFieldConstraint constraint, Step[] next) implements Step {
    }

    /**
     * Sibling tests {@code point == "<literal>"}, looked up by the reading's point instead of tried
     * one by one (as Drools hashes such alpha nodes): what lies behind each literal.
     */
    private record ByPoint(Map<String, Step[]> next) implements Step {
    }

    /** A path into a join, rule or query some rule other than the threshold rule uses. */
    private record Always() implements Step {
    }

    /** A path only the generic threshold rule uses: of interest for points with an observation threshold. */
    private record Watched() implements Step {
    }

    /** Points with an observation threshold: the caller's view of the threshold facts. */
    interface WatchedPoints {
        boolean watched(String point);
    }

    private final Step[] roots;
    private final ValueResolver resolver;
    private final boolean deletesFireNothing;
    private final DefaultFactHandle probe = new DefaultFactHandle();

    private ObservationInterest(Step[] roots, ValueResolver resolver, boolean deletesFireNothing) {
        this.roots = roots;
        this.resolver = resolver;
        this.deletesFireNothing = deletesFireNothing;
    }

    /** Reads the network of {@code session}'s rules base. */
    static ObservationInterest of(KieSession session) {
        ReteEvaluator evaluator = (ReteEvaluator) session;
        Map<?, ObjectTypeNode> nodes = evaluator.getKnowledgeBase().getRete().getObjectTypeNodes(EntryPointId.DEFAULT);
        List<Step> roots = new ArrayList<>();
        for (ObjectTypeNode otn : nodes.values()) {
            if (otn.getObjectType().isAssignableFrom(ObservationFact.class)) {
                roots.addAll(List.of(below(otn)));
            }
        }
        boolean plain = true;
        for (ObjectTypeNode otn : evaluator.getKnowledgeBase().getRete().getObjectTypeNodes()) {
            plain &= joinsOnly(otn);
        }
        return new ObservationInterest(roots.toArray(Step[]::new), evaluator, plain);
    }

    /**
     * True when deleting a fact can make no rule fire: the network is made of tests, joins and rule
     * terminals only (no {@code not}, {@code exists}, {@code accumulate}, {@code from}, timers,
     * queries...), where a delete only takes matches away. Then a delete need not be followed by
     * {@code fireAllRules} at once: the next firing processes it with the same outcome.
     */
    boolean deletesFireNothing() {
        return deletesFireNothing;
    }

    private static boolean joinsOnly(NetworkNode node) {
        NetworkNode[] sinks = node.getSinks();
        if (sinks == null) { // a terminal
            return true;
        }
        for (NetworkNode sink : sinks) {
            // a join's right input arrives through its adapter; not, exists and accumulate have their own
            boolean known = sink instanceof AlphaNode || sink instanceof LeftInputAdapterNode
                    || sink instanceof JoinRightAdapterNode || sink instanceof JoinNode || sink instanceof RuleTerminalNode;
            if (!known || !joinsOnly(sink)) {
                return false;
            }
        }
        return true;
    }

    /** True when some rule can match {@code o}, given which points have an observation threshold. */
    boolean matters(ObservationFact o, WatchedPoints watched) {
        probe.setObject(o);
        try {
            return any(roots, o, watched);
        } finally {
            probe.setObject(null);
        }
    }

    private boolean any(Step[] steps, ObservationFact o, WatchedPoints watched) {
        for (Step s : steps) {
            boolean hit = switch (s) {
                case Always _ -> true;
                case Watched _ -> watched.watched(o.point());
                case Test t -> t.constraint().isAllowed(probe, resolver) && any(t.next(), o, watched);
                case ByPoint b -> {
                    Step[] next = b.next().get(o.point());
                    yield next != null && any(next, o, watched);
                }
            };
            if (hit) {
                return true;
            }
        }
        return false;
    }

    private static Step[] below(NetworkNode node) {
        NetworkNode[] sinks = node.getSinks();
        List<Step> steps = new ArrayList<>(sinks.length);
        Map<String, List<Step>> byPoint = new HashMap<>();
        for (NetworkNode sink : sinks) {
            if (!(sink instanceof AlphaNode a)) {
                steps.add(endOf(sink));
            } else if (pointLiteral(a.getConstraint()) instanceof String literal) {
                byPoint.computeIfAbsent(literal, k -> new ArrayList<>()).addAll(List.of(below(a)));
            } else {
                steps.add(new Test(a.getConstraint(), below(a)));
            }
        }
        if (!byPoint.isEmpty()) {
            Map<String, Step[]> next = new HashMap<>();
            byPoint.forEach((literal, list) -> next.put(literal, list.toArray(Step[]::new)));
            steps.addFirst(new ByPoint(next)); // a HashMap: compares hashes before strings
        }
        return steps.toArray(Step[]::new);
    }

    /** The literal of a test {@code point == "<literal>"} on an {@link ObservationFact}; null for any other test. */
    private static String pointLiteral(AlphaNodeFieldConstraint c) {
        if (!(c instanceof IndexableConstraint ic) || ic.getConstraintType() != ConstraintTypeOperator.EQUAL
                || ic.getField() == null || !(ic.getField().getValue() instanceof String literal)) {
            return null;
        }
        return ic.getFieldExtractor() instanceof ClassFieldReader read && read.getClassName().equals(ObservationFact.class.getName())
                && read.getFieldName().equals("point")
                ? literal : null;
    }

    private static Step endOf(NetworkNode sink) {
        Rule[] rules = sink.getAssociatedRules();
        boolean thresholdOnly = rules.length == 1 && THRESHOLD_RULE.equals(rules[0].getName())
                && GENERIC_PACKAGE.equals(rules[0].getPackageName());
        return thresholdOnly ? new Watched() : new Always();
    }
}
