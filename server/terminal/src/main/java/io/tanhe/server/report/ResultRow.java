package io.tanhe.server.report;

import io.tanhe.engine.time.Quality;

import java.time.Instant;

/**
 * One figure of one node and key in one bucket, as reports and the API show it.
 *
 * @param revision     the stored revision (1 = never revised); for a bucket summed from days, the highest of theirs
 * @param parts        how many stored buckets it was made of (1 for a stored grain; the days of a month)
 */
public record ResultRow(String node, String key, ReportGrain grain, Instant start, Instant end, double value, String unit,
                        Quality quality, double completeness, int revision, int parts) {

    /** {@code node[key]}, or the node alone for a scalar. */
    public String label() {
        return key.isEmpty() ? node : node + "[" + key + "]";
    }
}
