package io.tanhe.server.report;

import io.tanhe.engine.graph.ComputationGraph;
import io.tanhe.engine.graph.Node;
import io.tanhe.engine.graph.NodeKind;
import io.tanhe.engine.time.Grain;
import io.tanhe.server.store.MethodologyRef;
import io.tanhe.server.store.ResultStore;
import io.tanhe.server.store.TimeRange;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An emissions report (section 7.2.3 (3)): per bucket of the chosen grain, every emission source
 * (emission node and key) with its class (combustion, purchased electricity…) and scope, then the
 * methodology's totals, each with its quality and completeness, read from the store.
 *
 * @param site        the site id
 * @param methodology the methodology the site runs (the figures carry their own in the store)
 * @param zone        the zone bucket times are shown in
 * @param grain       the bucket length
 * @param range       the buckets' start range
 * @param buckets     bucket start → its lines, sources by class then name, totals last
 */
public record Report(String site, MethodologyRef methodology, ZoneId zone, Grain grain, TimeRange range,
                     Map<Instant, List<ReportLine>> buckets) {

    /** Reads the report from the store. */
    public static Report build(String site, MethodologyRef methodology, ComputationGraph graph, ResultStore store, ZoneId zone,
                               Grain grain, TimeRange range) {
        ResultQuery query = new ResultQuery(graph, store, zone);
        Map<Instant, List<ReportLine>> buckets = new TreeMap<>();
        List<Node> emissions = new ArrayList<>(graph.nodesOf(NodeKind.EMISSION));
        emissions.sort(Comparator.comparing((Node n) -> n.emissionClass().ordinal()).thenComparing(Node::name));
        for (Node n : emissions) {
            for (ResultRow r : query.results(n.name(), "", grain, range)) {
                buckets.computeIfAbsent(r.start(), s -> new ArrayList<>())
                        .add(new ReportLine(n.emissionClass(), n.scope(), r.label(), n.label(), r));
            }
        }
        for (Node n : graph.nodesOf(NodeKind.TOTAL)) {
            for (ResultRow r : query.results(n.name(), "", grain, range)) {
                buckets.computeIfAbsent(r.start(), s -> new ArrayList<>()).add(new ReportLine(null, null, r.label(), n.label(), r));
            }
        }
        return new Report(site, methodology, zone, grain, range, buckets);
    }
}
