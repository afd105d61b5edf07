package io.tanhe.server.store;

import java.util.Objects;

/**
 * Which raw readings to export or scan: a range of measurement time, optionally one point and/or one source.
 *
 * @param range    measurement time range
 * @param pointId  only this point; empty for every point
 * @param sourceId only this source; empty for every source
 */
public record ReadingFilter(TimeRange range, String pointId, String sourceId) {

    public ReadingFilter {
        Objects.requireNonNull(range, "range");
        pointId = pointId == null ? "" : pointId;
        sourceId = sourceId == null ? "" : sourceId;
    }

    /** Every reading measured in {@code range}. */
    public static ReadingFilter of(TimeRange range) {
        return new ReadingFilter(range, "", "");
    }

    public ReadingFilter point(String id) {
        return new ReadingFilter(range, id, sourceId);
    }

    public ReadingFilter source(String id) {
        return new ReadingFilter(range, pointId, id);
    }
}
