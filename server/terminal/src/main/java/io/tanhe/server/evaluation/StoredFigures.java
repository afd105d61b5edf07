package io.tanhe.server.evaluation;

import io.tanhe.engine.graph.ComputationGraph;
import io.tanhe.engine.graph.Node;
import io.tanhe.engine.graph.NodeKind;
import io.tanhe.engine.incremental.ResultValue;
import io.tanhe.engine.time.Quality;
import io.tanhe.server.store.BucketResult;
import io.tanhe.server.store.MethodologyRef;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which figures of an evaluation the terminal stores and how each becomes a {@link BucketResult}:
 * inputs (amounts), values, emissions and totals, not factors and constants (their values are in the
 * factor library). A value that cannot be computed is stored as 0 with quality MISSING and
 * completeness 0, its reason naming the problem, so a report shows the gap instead of hiding it.
 * Shared by the live writer and the recompute of closed days, so both store the same figures.
 */
public final class StoredFigures {
    private StoredFigures() {
    }

    /** The nodes whose values are stored. */
    public static Set<String> nodes(ComputationGraph graph) {
        return graph.nodes().stream().filter(n -> n.kind() != NodeKind.FACTOR && n.kind() != NodeKind.CONST)
                .map(Node::name).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The result to store for {@code v}; empty when it is neither present nor failed (nothing fed it).
     *
     * @param reason why it is written; a failed value's reason is its problem instead
     */
    public static Optional<BucketResult> of(ResultValue v, MethodologyRef methodology, Instant revisedAt, String reason) {
        if (v.present()) {
            return Optional.of(BucketResult.of(v.node(), v.key(), v.bucket(), v.value(), v.unit().text(), v.quality(),
                    v.completeness(), methodology, revisedAt, reason));
        }
        if (v.failed()) {
            return Optional.of(BucketResult.of(v.node(), v.key(), v.bucket(), 0, v.unit().text(), Quality.MISSING, 0,
                    methodology, revisedAt, "cannot be computed: " + v.problemText()));
        }
        return Optional.empty();
    }
}
