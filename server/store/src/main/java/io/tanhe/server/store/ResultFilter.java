package io.tanhe.server.store;

import io.tanhe.engine.time.Grain;

import java.util.Objects;
import java.util.Optional;

/**
 * Which current results to export or scan: buckets starting in a range, optionally one node and/or one grain.
 *
 * @param range  bucket start range
 * @param nodeId only this node; empty for every node
 * @param grain  only this grain; null for every grain
 */
public record ResultFilter(TimeRange range, String nodeId, Grain grain) {

    public ResultFilter {
        Objects.requireNonNull(range, "range");
        nodeId = nodeId == null ? "" : nodeId;
    }

    /** Every result whose bucket starts in {@code range}. */
    public static ResultFilter of(TimeRange range) {
        return new ResultFilter(range, "", null);
    }

    public ResultFilter node(String id) {
        return new ResultFilter(range, id, grain);
    }

    public ResultFilter grain(Grain g) {
        return new ResultFilter(range, nodeId, g);
    }

    /** The grain, when the filter names one. */
    public Optional<Grain> onlyGrain() {
        return Optional.ofNullable(grain);
    }
}
