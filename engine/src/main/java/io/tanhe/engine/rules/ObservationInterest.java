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
import org.drools.core.reteoo.RightInputAdapterNode;
import org.drools.core.reteoo.RuleTerminalNode;
import org.drools.mvel.accessors.ClassFieldReader;
import org.drools.core.reteoo.ObjectTypeNode;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
 * caller says which). Anything the walk does not recognise counts as interest in every reading: a node
 * of a type it does not know (a window, or a type a later Drools adds) is logged once per type at INFO,
 * and every reading that reaches it goes into the session, as without this filter.
 *
 * <p>It reads Drools' internal network classes, as they are in Drools {@value #CHECKED_DROOLS}; a
 * Drools upgrade fails ObservationInterestTest's pin until the test has been rerun against it.
 *
 * <p>Sound only for constraints that depend on the reading alone (not on globals that change); the
 * shipped rules' alpha tests are such. Not thread-safe: one per session.
 */
final class ObservationInterest {
    /** The generic rule whose join with thresholds is decided from the threshold facts. */
    static final String THRESHOLD_RULE = "threshold on observation";
    private static final String GENERIC_PACKAGE = "io.tanhe.engine.rules.generic";
    /** The Drools version whose network classes the walk was checked against (ObservationInterestTest). */
    static final String CHECKED_DROOLS = "10.2.0";
    private static final Logger LOG = LoggerFactory.getLogger(ObservationInterest.class);
    /** Node types already logged as unknown in this process: once each, not at every session or reload. */
    private static final Set<Class<?>> REPORTED = ConcurrentHashMap.newKeySet();

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
    private final Set<Class<?>> unknownNodes;
    private final DefaultFactHandle probe = new DefaultFactHandle();

    private ObservationInterest(Step[] roots, ValueResolver resolver, boolean deletesFireNothing, Set<Class<?>> unknownNodes) {
        this.roots = roots;
        this.resolver = resolver;
        this.deletesFireNothing = deletesFireNothing;
        this.unknownNodes = Set.copyOf(unknownNodes);
    }

    /** Reads the network of {@code session}'s rules base. */
    static ObservationInterest of(KieSession session) {
        ReteEvaluator evaluator = (ReteEvaluator) session;
        Map<?, ObjectTypeNode> nodes = evaluator.getKnowledgeBase().getRete().getObjectTypeNodes(EntryPointId.DEFAULT);
        List<Step> roots = new ArrayList<>();
        Set<Class<?>> unknown = new LinkedHashSet<>();
        for (ObjectTypeNode otn : nodes.values()) {
            if (otn.getObjectType().isAssignableFrom(ObservationFact.class)) {
                roots.addAll(List.of(below(otn, unknown)));
            }
        }
        boolean plain = true;
        for (ObjectTypeNode otn : evaluator.getKnowledgeBase().getRete().getObjectTypeNodes()) {
            plain &= joinsOnly(otn);
        }
        for (Class<?> type : unknown) {
            if (REPORTED.add(type)) {
                LOG.info("rules: network node {} is of no type the reading filter knows (checked against Drools {}, running {}):"
                        + " every reading that reaches it goes into the session", type.getName(), CHECKED_DROOLS, droolsVersion());
            }
        }
        return new ObservationInterest(roots.toArray(Step[]::new), evaluator, plain, unknown);
    }

    /**
     * The node types met below an observation's object-type node that the walk does not know, where it
     * takes every reading as of interest (empty for the shipped rules).
     */
    Set<Class<?>> unknownNodes() {
        return unknownNodes;
    }

    /**
     * The version of the Drools core on the class path, from its jar's Maven properties (else its manifest);
     * {@code unknown} when neither says.
     */
    static String droolsVersion() {
        try (InputStream in = ObjectTypeNode.class.getResourceAsStream("/META-INF/maven/org.drools/drools-core/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null) {
                    return v;
                }
            }
        } catch (IOException e) {
            LOG.debug("reading the Drools core's pom.properties: {}", e.toString());
        }
        String manifest = ObjectTypeNode.class.getPackage().getImplementationVersion();
        return manifest == null ? "unknown" : manifest;
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

    private static Step[] below(NetworkNode node, Set<Class<?>> unknown) {
        NetworkNode[] sinks = node.getSinks();
        List<Step> steps = new ArrayList<>(sinks.length);
        Map<String, List<Step>> byPoint = new HashMap<>();
        for (NetworkNode sink : sinks) {
            if (sink instanceof AlphaNode a) {
                if (pointLiteral(a.getConstraint()) instanceof String literal) {
                    byPoint.computeIfAbsent(literal, k -> new ArrayList<>()).addAll(List.of(below(a, unknown)));
                } else {
                    steps.add(new Test(a.getConstraint(), below(a, unknown)));
                }
            } else if (sink instanceof LeftInputAdapterNode || sink instanceof RightInputAdapterNode<?>) {
                steps.add(endOf(sink)); // a pattern's facts enter a rule's joins here: the end of its alpha tests
            } else {
                unknown.add(sink.getClass());
                steps.add(new Always());
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
