package io.tanhe.engine.rules;

import io.tanhe.engine.rules.fact.BucketResultFact;
import io.tanhe.engine.rules.fact.ObservationFact;
import io.tanhe.engine.rules.fact.RuleFact;
import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.Quality;
import org.drools.base.base.ValueResolver;
import org.drools.base.common.NetworkNode;
import org.drools.base.rule.EntryPointId;
import org.drools.base.rule.IndexableConstraint;
import org.drools.base.rule.accessor.ReadAccessor;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which readings and bucket results some rule of a session's compiled rules base can match, read from
 * its network: a fact no pattern can match needs no place in working memory, because no rule will ever
 * see it.
 *
 * <p>Built from the object-type nodes that accept the fact's type ({@link ObservationFact} or
 * {@link BucketResultFact}: its own, {@code RuleFact}, {@code Object}): down each one the alpha nodes
 * (a pattern's tests on the fact alone, e.g. {@code point == "p1", good, value < 0} or
 * {@code node in ("coal_burned", "gas_burned"), grain == Grain.DAY}) are evaluated with the rules base's
 * own constraints; a fact that passes them to any join, rule or query is of interest. One path per type
 * is read from data instead: the generic rules {@value #THRESHOLD_RULE} and {@value #RESULT_THRESHOLD_RULE}
 * join every fact with the thresholds on its point (or node and grain), so a path used by that rule
 * alone counts only for what some threshold targets (the caller says which). Anything the walk does not
 * recognise counts as interest in every fact that reaches it: a node of a type it does not know (a
 * window, or a type a later Drools adds) is logged once per type at INFO, and every fact that reaches it
 * goes into the session, as without this filter.
 *
 * <p>It reads Drools' internal network classes, as they are in Drools {@value #CHECKED_DROOLS}; a
 * Drools upgrade fails FactInterestTest's pin until the tests have been rerun against it.
 *
 * <p>Sound only for constraints that depend on the fact alone (not on globals that change); the
 * shipped rules' alpha tests are such. Not thread-safe: one per session.
 */
final class FactInterest {
    /** The generic rule whose join of readings with thresholds is decided from the threshold facts. */
    static final String THRESHOLD_RULE = "threshold on observation";
    /** The generic rule whose join of bucket results with thresholds is decided from the threshold facts. */
    static final String RESULT_THRESHOLD_RULE = "threshold on bucket result";
    private static final String GENERIC_PACKAGE = "io.tanhe.engine.rules.generic";
    /** The Drools version whose network classes the walk was checked against (FactInterestTest). */
    static final String CHECKED_DROOLS = "10.2.0";
    private static final Logger LOG = LoggerFactory.getLogger(FactInterest.class);
    /** Node types already logged as unknown in this process: once each, not at every session or reload. */
    private static final Set<Class<?>> REPORTED = ConcurrentHashMap.newKeySet();

    /** A node of the walk: either a test with children, or the end of a path. */
    private sealed interface Step permits Test, ByName, Always, Watched {
    }

    /** An alpha constraint and what lies behind it. */
    private record Test(AlphaNodeFieldConstraint constraint, Step[] next) implements Step {
    }

    /**
     * Sibling tests {@code point == "<literal>"} (of a reading) or {@code node == "<literal>"} (of a
     * result), looked up by the fact's point or node instead of tried one by one (as Drools hashes such
     * alpha nodes): what lies behind each literal.
     */
    private record ByName(Map<String, Step[]> next) implements Step {
    }

    /** A path into a join, rule or query some rule other than the threshold rule uses. */
    private record Always() implements Step {
    }

    /**
     * A path only a generic threshold rule uses: of interest for points with an observation threshold,
     * or for the nodes and grains a bucket threshold targets.
     */
    private record Watched() implements Step {
    }

    /** Points with an observation threshold: the caller's view of the threshold facts. */
    interface WatchedPoints {
        boolean watched(String point);
    }

    /** Nodes and grains a bucket threshold targets (any key): the caller's view of the threshold facts. */
    interface WatchedResults {
        boolean watched(String node, Grain grain);
    }

    private final Step[] roots;
    private final Step[] resultRoots;
    private final ValueResolver resolver;
    private final boolean deletesFireNothing;
    private final Set<Class<?>> unknownNodes;
    private final DefaultFactHandle probe = new DefaultFactHandle();

    private FactInterest(Step[] roots, Step[] resultRoots, ValueResolver resolver, boolean deletesFireNothing,
                         Set<Class<?>> unknownNodes) {
        this.roots = roots;
        this.resultRoots = resultRoots;
        this.resolver = resolver;
        this.deletesFireNothing = deletesFireNothing;
        this.unknownNodes = Set.copyOf(unknownNodes);
    }

    /** Reads the network of {@code session}'s rules base. */
    static FactInterest of(KieSession session) {
        ReteEvaluator evaluator = (ReteEvaluator) session;
        Map<?, ObjectTypeNode> nodes = evaluator.getKnowledgeBase().getRete().getObjectTypeNodes(EntryPointId.DEFAULT);
        List<Step> roots = new ArrayList<>();
        List<Step> resultRoots = new ArrayList<>();
        Set<Class<?>> unknown = new LinkedHashSet<>();
        for (ObjectTypeNode otn : nodes.values()) {
            if (otn.getObjectType().isAssignableFrom(ObservationFact.class)) {
                roots.addAll(List.of(below(otn, READINGS, unknown)));
            }
            if (otn.getObjectType().isAssignableFrom(BucketResultFact.class)) {
                resultRoots.addAll(List.of(below(otn, RESULTS, unknown)));
            }
        }
        boolean plain = true;
        for (ObjectTypeNode otn : evaluator.getKnowledgeBase().getRete().getObjectTypeNodes()) {
            plain &= joinsOnly(otn);
        }
        for (Class<?> type : unknown) {
            if (REPORTED.add(type)) {
                LOG.info("rules: network node {} is of no type the fact filter knows (checked against Drools {}, running {}):"
                        + " every reading or bucket result that reaches it goes into the session", type.getName(), CHECKED_DROOLS,
                        droolsVersion());
            }
        }
        return new FactInterest(roots.toArray(Step[]::new), resultRoots.toArray(Step[]::new), evaluator, plain, unknown);
    }

    /**
     * The node types met below a reading's or a result's object-type node that the walk does not know,
     * where it takes every fact as of interest (empty for the shipped rules).
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
            return any(roots, o, o.point(), watched, null);
        } finally {
            probe.setObject(null);
        }
    }

    /** True when some rule can match {@code r}, given which nodes and grains have a bucket threshold. */
    boolean matters(BucketResultFact r, WatchedResults watched) {
        probe.setObject(r);
        try {
            return any(resultRoots, r, r.node(), null, watched);
        } finally {
            probe.setObject(null);
        }
    }

    /** {@code name} is the fact's point or node; one of {@code points} and {@code results} is given, for its type. */
    private boolean any(Step[] steps, RuleFact f, String name, WatchedPoints points, WatchedResults results) {
        for (Step s : steps) {
            boolean hit = switch (s) {
                case Always _ -> true;
                case Watched _ -> points != null ? points.watched(name) : results.watched(name, ((BucketResultFact) f).grain());
                case Test t -> t.constraint().isAllowed(probe, resolver) && any(t.next(), f, name, points, results);
                case ByName b -> {
                    Step[] next = b.next().get(name);
                    yield next != null && any(next, f, name, points, results);
                }
            };
            if (hit) {
                return true;
            }
        }
        return false;
    }

    /**
     * What the walk needs to know of a fact type: its class, the field it is looked up by, its generic threshold rule,
     * and a sample fact whose name is {@link #SAMPLE_NAME} (its other text fields differ from it).
     */
    private record Kind(Class<? extends RuleFact> type, String nameField, String thresholdRule, RuleFact sample) {
    }

    /** Changed by trimming, case or any other rewriting, so that only a plain read of the name returns it. */
    private static final String SAMPLE_NAME = " Fact-Interest\u0001Sample ";
    private static final Kind READINGS = new Kind(ObservationFact.class, "point", THRESHOLD_RULE,
            new ObservationFact(SAMPLE_NAME, "k", Instant.EPOCH, 0, "t", Quality.MEASURED, "s"));
    private static final Kind RESULTS = new Kind(BucketResultFact.class, "node", RESULT_THRESHOLD_RULE,
            new BucketResultFact(SAMPLE_NAME, "k", Grain.HOUR, Instant.EPOCH, Instant.EPOCH.plusSeconds(3600), 0, "t", Quality.MEASURED, 1));

    private static Step[] below(NetworkNode node, Kind kind, Set<Class<?>> unknown) {
        NetworkNode[] sinks = node.getSinks();
        List<Step> steps = new ArrayList<>(sinks.length);
        Map<String, List<Step>> byName = new HashMap<>();
        for (NetworkNode sink : sinks) {
            if (sink instanceof AlphaNode a) {
                if (nameLiteral(a.getConstraint(), kind) instanceof String literal) {
                    byName.computeIfAbsent(literal, k -> new ArrayList<>()).addAll(List.of(below(a, kind, unknown)));
                } else {
                    steps.add(new Test(a.getConstraint(), below(a, kind, unknown)));
                }
            } else if (sink instanceof LeftInputAdapterNode || sink instanceof RightInputAdapterNode<?>) {
                steps.add(endOf(sink, kind)); // a pattern's facts enter a rule's joins here: the end of its alpha tests
            } else {
                unknown.add(sink.getClass());
                steps.add(new Always());
            }
        }
        if (!byName.isEmpty()) {
            Map<String, Step[]> next = new HashMap<>();
            byName.forEach((literal, list) -> next.put(literal, list.toArray(Step[]::new)));
            steps.addFirst(new ByName(next)); // a HashMap: compares hashes before strings
        }
        return steps.toArray(Step[]::new);
    }

    /** The literal of a test {@code point == "<literal>"} (readings) or {@code node == "<literal>"} (results); null for any other test. */
    private static String nameLiteral(AlphaNodeFieldConstraint c, Kind kind) {
        if (!(c instanceof IndexableConstraint ic) || ic.getConstraintType() != ConstraintTypeOperator.EQUAL
                || ic.getField() == null || !(ic.getField().getValue() instanceof String literal)) {
            return null;
        }
        boolean readsName = ic.getFieldExtractor() instanceof ClassFieldReader read
                ? read.getClassName().equals(kind.type().getName()) && read.getFieldName().equals(kind.nameField())
                : readsName(ic.getFieldExtractor(), kind);
        return readsName ? literal : null;
    }

    /**
     * Whether a test of the executable model (precompiled rules), which reads its field through a lambda, reads the
     * fact's name: it returns the sample fact's name unchanged. A reader of another type or field fails or returns
     * something else.
     */
    private static boolean readsName(ReadAccessor read, Kind kind) {
        try {
            return SAMPLE_NAME.equals(read.getValue(null, kind.sample()));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Step endOf(NetworkNode sink, Kind kind) {
        Rule[] rules = sink.getAssociatedRules();
        boolean thresholdOnly = rules.length == 1 && kind.thresholdRule().equals(rules[0].getName())
                && GENERIC_PACKAGE.equals(rules[0].getPackageName());
        return thresholdOnly ? new Watched() : new Always();
    }
}
