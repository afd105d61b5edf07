package io.tanhe.server.terminal;

import io.tanhe.server.evaluation.Qualities;
import io.tanhe.server.evaluation.Replay;
import io.tanhe.server.evaluation.EvaluatorFactory;
import io.tanhe.engine.graph.Node;
import io.tanhe.engine.graph.NodeKind;
import io.tanhe.engine.incremental.IncrementalEvaluator;
import io.tanhe.engine.incremental.ResultValue;
import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.Observation;
import io.tanhe.engine.time.Quality;
import io.tanhe.engine.time.TimeBucket;
import io.tanhe.server.site.PointBinding;
import io.tanhe.server.site.Site;
import io.tanhe.server.store.ReadingFilter;
import io.tanhe.server.store.Store;
import io.tanhe.server.store.StoredReading;
import io.tanhe.server.store.StoredResult;
import io.tanhe.server.store.TimeRange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Recomputes every result from the stored raw readings with a fresh evaluator (no rules, no live
 * path) and lists where the store's current results differ: the check that stored figures are exactly
 * what the raw data says, with nothing counted twice or lost. The fresh evaluator holds weeks to years
 * of minutes too, so the weeks, months, quarters and years the terminal rolled up from its stored days
 * are checked against a direct evaluation.
 */
public final class FreshRecomputation {
    private FreshRecomputation() {
    }

    /** Every grain the terminal stores: the evaluated ones and the rolled-up weeks to years. */
    private static final List<Grain> ALL = java.util.stream.Stream.concat(EvaluatorFactory.GRAINS.stream(),
            io.tanhe.server.evaluation.CalendarRollUp.GRAINS.stream()).toList();

    /** A fresh evaluator fed every stored reading, in measurement-time order, holding every grain up to years. */
    public static IncrementalEvaluator evaluate(Site site, Store store) {
        IncrementalEvaluator evaluator = EvaluatorFactory.create(site, ALL.subList(1, ALL.size()));
        List<StoredReading> all = new ArrayList<>();
        store.readings().scan(ReadingFilter.of(TimeRange.of(Instant.EPOCH, Replay.END_OF_TIME)), all::add);
        all.sort(Comparator.comparing(StoredReading::measuredAt));
        for (StoredReading r : all) {
            PointBinding b = site.binding(r.pointId()).orElse(null);
            if (b == null) {
                continue;
            }
            Quality q = Qualities.forAccounting(r.quality());
            evaluator.accept(new Observation(r.measuredAt(), b.input(), b.key(), q == Quality.MISSING ? Double.NaN
                    : r.value().doubleValue(), b.unit(), q));
        }
        return evaluator;
    }

    /** Every difference between the store and a fresh recomputation, as readable lines; empty when they agree. */
    public static List<String> differences(Site site, Store store) {
        IncrementalEvaluator fresh = evaluate(site, store);
        Set<String> nodes = site.graph().nodes().stream().filter(n -> n.kind() != NodeKind.FACTOR && n.kind() != NodeKind.CONST)
                .map(Node::name).collect(Collectors.toSet());
        List<String> out = new ArrayList<>();
        long expected = 0;
        Set<String> recomputed = new java.util.HashSet<>();
        for (Grain g : ALL) {
            for (TimeBucket b : fresh.buckets(g)) {
                for (ResultValue v : fresh.results(g, b.start(), b.end(), nodes)) {
                    if (!v.present() && !v.failed()) {
                        continue;
                    }
                    expected++;
                    recomputed.add(v.label() + " " + g.label() + " " + b.start());
                    List<StoredResult> stored = store.results().current(v.node(), v.key(), g, TimeRange.of(b.start(), b.end()));
                    String where = v.label() + " " + g.label() + " " + b.start();
                    if (stored.size() != 1) {
                        out.add(where + ": " + stored.size() + " stored results, fresh value " + v.value());
                        continue;
                    }
                    var s = stored.get(0).result();
                    double want = v.present() ? v.value() : 0;
                    if (Math.abs(s.value() - want) > 1e-9 * Math.max(1, Math.abs(want))) {
                        out.add(where + ": stored " + s.value() + ", fresh " + want);
                    } else if (v.present() && (s.quality() != v.quality() || Math.abs(s.completeness() - v.completeness()) > 1e-9)) {
                        out.add(where + ": stored " + s.quality() + "/" + s.completeness() + ", fresh " + v.quality() + "/" + v.completeness());
                    }
                }
            }
        }
        if (store.results().count() != expected) {
            List<String> extra = new ArrayList<>();
            store.results().scan(io.tanhe.server.store.ResultFilter.of(TimeRange.of(Instant.EPOCH, Replay.END_OF_TIME)), s -> {
                var r = s.result();
                String where = (r.key().isEmpty() ? r.nodeId() : r.nodeId() + "[" + r.key() + "]") + " " + r.grain().label() + " " + r.bucketStart();
                if (!recomputed.contains(where) && extra.size() < 10) {
                    extra.add(where);
                }
            });
            out.add("the store holds " + store.results().count() + " current results, a fresh recomputation " + expected
                    + "; stored but not recomputed: " + extra);
        }
        return out;
    }
}
