package io.tanhe.server.report;

import io.tanhe.engine.graph.ComputationGraph;
import io.tanhe.engine.graph.Node;
import io.tanhe.engine.graph.NodeKind;
import io.tanhe.server.store.FindingStore;
import io.tanhe.server.store.MethodologyRef;
import io.tanhe.server.store.StoredFinding;
import io.tanhe.server.store.ResultStore;
import io.tanhe.server.store.TimeRange;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An emissions report (section 7.2.3 (3)): per bucket of the chosen grain, every emission source
 * (emission node and key) with its class (combustion, purchased electricity…) and scope, then the
 * methodology's totals, each with its quality and completeness, read from the store; beside them the
 * production quantities and intensities the methodology declares (an intensity is a node dividing an
 * emission or total by a production quantity, e.g. tCO2/MWh supplied).
 *
 * @param site        the site id
 * @param methodology the methodology the site runs (the figures carry their own in the store)
 * @param zone        the zone bucket times are shown in
 * @param grain       the bucket length
 * @param range       the buckets' start range
 * @param buckets     bucket start → its lines, sources by class then name, totals last
 * @param measures    bucket start → its production and intensity lines (empty when the methodology declares none)
 * @param methods     both methods for the boundaries the site compares ({@link BothMethods#NONE} unless added by {@link #withMethods})
 * @param findings    the verification findings whose period overlaps the range (none unless added by {@link #withFindings})
 */
public record Report(String site, MethodologyRef methodology, ZoneId zone, ReportGrain grain, TimeRange range,
                     Map<Instant, List<ReportLine>> buckets, Map<Instant, List<ReportLine>> measures,
                     BothMethods methods, List<StoredFinding> findings) {
    /** The most findings a report lists. */
    static final int MAX_FINDINGS = 10_000;

    public Report {
        findings = List.copyOf(findings);
    }

    /** Reads the report from the store. */
    public static Report build(String site, MethodologyRef methodology, ComputationGraph graph, ResultStore store, ZoneId zone,
                               ReportGrain grain, TimeRange range) {
        ResultQuery query = new ResultQuery(graph, store, zone);
        Map<Instant, List<ReportLine>> buckets = new TreeMap<>();
        List<Node> emissions = new ArrayList<>(graph.nodesOf(NodeKind.EMISSION));
        emissions.sort(Comparator.comparing((Node n) -> n.emissionClass().ordinal()).thenComparing(Node::name));
        for (Node n : emissions) {
            for (ResultRow r : query.results(n.name(), "", grain, range)) {
                buckets.computeIfAbsent(r.start(), s -> new ArrayList<>())
                        .add(ReportLine.source(n.emissionClass(), n.scope(), r.label(), n.label(), r));
            }
        }
        for (Node n : graph.nodesOf(NodeKind.TOTAL)) {
            for (ResultRow r : query.results(n.name(), "", grain, range)) {
                buckets.computeIfAbsent(r.start(), s -> new ArrayList<>()).add(ReportLine.total(r.label(), n.label(), r));
            }
        }
        Map<Instant, List<ReportLine>> measures = new TreeMap<>();
        Map<Node, Ratio> intensities = intensities(graph);
        Set<String> production = new LinkedHashSet<>();
        intensities.values().forEach(r -> production.add(r.denominator()));
        for (String name : production) {
            Node n = graph.node(name).orElseThrow();
            for (ResultRow r : query.results(name, "", grain, range)) {
                measures.computeIfAbsent(r.start(), s -> new ArrayList<>())
                        .add(new ReportLine(ReportLine.Kind.PRODUCTION, null, null, r.label(), n.label(), r, null));
            }
        }
        intensities.forEach((n, ratio) -> {
            for (ResultRow r : query.results(n.name(), "", grain, range)) {
                measures.computeIfAbsent(r.start(), s -> new ArrayList<>())
                        .add(new ReportLine(ReportLine.Kind.INTENSITY, null, null, r.label(), n.label(), r, ratio));
            }
        });
        return new Report(site, methodology, zone, grain, range, buckets, measures, BothMethods.NONE, List.of());
    }

    /** This report with both methods for the boundaries {@code site} compares (docs/cems.md), read from {@code store}. */
    public Report withMethods(io.tanhe.server.site.Site site, io.tanhe.server.store.Store store) {
        return new Report(this.site, methodology, zone, grain, range, buckets, measures,
                BothMethods.of(site, store.results(), store.qa(), grain, range), findings);
    }

    /** This report with the verification findings whose period overlaps its range, read from {@code store}. */
    public Report withFindings(FindingStore store) {
        return new Report(site, methodology, zone, grain, range, buckets, measures, methods,
                store.between(range, Optional.empty(), MAX_FINDINGS));
    }

    /** The intensity nodes of {@code graph}: ratios whose numerator is an emission or a total, in declaration order. */
    public static Map<Node, Ratio> intensities(ComputationGraph graph) {
        Map<Node, Ratio> out = new java.util.LinkedHashMap<>();
        for (Node n : graph.nodesOf(NodeKind.VALUE)) {
            Optional<Ratio> r = Ratio.of(n, graph);
            r.filter(x -> graph.node(x.numerator()).map(m -> m.kind() == NodeKind.EMISSION || m.kind() == NodeKind.TOTAL)
                    .orElse(false)).ifPresent(x -> out.put(n, x));
        }
        return out;
    }
}
