package io.tanhe.server.terminal.operations;

import io.tanhe.engine.graph.Node;
import io.tanhe.engine.graph.NodeKind;
import io.tanhe.engine.incremental.IncrementalEvaluator;
import io.tanhe.engine.provenance.ContentHash;
import io.tanhe.engine.provenance.Explanation;
import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.TimeBucket;
import io.tanhe.grammar.diagnostics.Spelling;
import io.tanhe.server.evaluation.EvaluatorFactory;
import io.tanhe.server.evaluation.Replay;
import io.tanhe.server.evaluation.StoredFigures;
import io.tanhe.server.site.PointBinding;
import io.tanhe.server.site.Site;
import io.tanhe.server.store.Store;
import io.tanhe.server.store.StoredResult;
import io.tanhe.server.store.TimeRange;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.Set;
import java.util.TreeSet;

/**
 * The explanation of a figure the terminal stored: the same derivation tree as {@code tanhe explain} gives for a
 * file of observations, rebuilt by replaying the stored readings of the figure's day (with what the day depends on,
 * {@link Replay}) into a fresh evaluator — exactly as the recompute of a closed day computes it — together with the
 * figure's stored revisions, oldest first. A replay that disagrees with the current stored value is flagged: the
 * figure was stored under another methodology, factor or reading than the store now holds.
 */
public final class StoredExplain {
    private final Supplier<Site> site;
    private final Store store;

    public StoredExplain(Supplier<Site> site, Store store) {
        this.site = site;
        this.store = store;
    }

    /**
     * A stored figure explained.
     *
     * @param explanation   the derivation tree of the replayed figure; empty when nothing fed it
     * @param revisions     every value the store has had for the bucket, oldest first, the current one last
     * @param matchesStored the replayed value equals the current stored one (within the store's rounding rule)
     */
    public record Explained(String node, String key, Grain grain, TimeBucket bucket, Optional<Explanation> explanation,
                            List<StoredResult> revisions, boolean matchesStored) {
    }

    /**
     * Explains {@code node[key]} in the {@code grain} bucket holding {@code at}.
     *
     * @throws OperationRefused naming {@code node}, {@code grain} or {@code key} when they are not a stored figure
     */
    public Explained explain(String node, Grain grain, Instant at, String key) {
        Site site = this.site.get(); // one configuration for the whole explanation, though a package may activate meanwhile
        Node n = site.graph().node(node).filter(x -> x.kind() != NodeKind.FACTOR && x.kind() != NodeKind.CONST).orElseThrow(() -> {
            Set<String> names = new TreeSet<>(StoredFigures.nodes(site.graph()));
            return OperationRefused.badInput("node", "no stored node `" + node + "` in " + site.methodology().id()
                    + Spelling.closest(node, names, 3).map(c -> "; did you mean `" + c + "`?").orElse("") + "; nodes: "
                    + String.join(", ", names));
        });
        if (!EvaluatorFactory.GRAINS.contains(grain)) {
            throw OperationRefused.badInput("grain", "the terminal evaluates " + String.join(", ", EvaluatorFactory.GRAINS.stream()
                    .map(Grain::label).toList()) + " buckets; weeks and longer are rolled up from stored days: explain a day of it");
        }
        if (!n.indexed() && !key.isEmpty()) {
            throw OperationRefused.badInput("key", "`" + node + "` is not indexed, so it has no keys; leave `key` out");
        }
        TimeBucket bucket = TimeBucket.of(grain, at, site.zone());
        TimeBucket day = TimeBucket.of(Grain.DAY, at, site.zone());
        IncrementalEvaluator evaluator = EvaluatorFactory.create(site);
        Replay.scan(site, store.readings(), TimeRange.of(day.start(), day.end()), r -> {
            Optional<PointBinding> b = site.binding(r.pointId());
            if (b.isPresent()) {
                try {
                    evaluator.accept(Replay.observation(r, b.get()));
                } catch (RuntimeException e) {
                    // a reading the live pipeline refused too (out of order, a bad unit): it fed no figure
                }
            }
        });
        if (n.indexed() && key.isEmpty() && !evaluator.keys(node).isEmpty()) {
            throw OperationRefused.badInput("key", "`" + node + "` is indexed by " + String.join(",", n.dimensions())
                    + "; give a key: " + String.join(" | ", evaluator.keys(node)));
        }
        if (!key.isEmpty() && !evaluator.keys(node).isEmpty() && !evaluator.keys(node).contains(key)) {
            throw OperationRefused.badInput("key", "`" + key + "` is not a key of `" + node + "` with data; keys: "
                    + String.join(" | ", evaluator.keys(node)));
        }
        Optional<Explanation> explanation = evaluator.explain(node, key, bucket, site.compilation().loaded().sources(), methodology(site));
        List<StoredResult> revisions = store.results().revisions(node, key, grain, bucket.start());
        boolean matches = !revisions.isEmpty() && explanation.map(e -> e.result().value()).filter(v -> v != null)
                .map(v -> io.tanhe.server.store.SameFigure.values(v, revisions.getLast().result().value())).orElse(false);
        return new Explained(node, key, grain, bucket, explanation, revisions, matches);
    }

    private static Explanation.Methodology methodology(Site site) {
        var info = site.graph().info();
        return new Explanation.Methodology(info.id(), info.version(), info.title(), ContentHash.of(site.compilation().loaded()));
    }
}
