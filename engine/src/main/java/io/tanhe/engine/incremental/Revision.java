package io.tanhe.engine.incremental;

import io.tanhe.engine.time.TimeBucket;

import java.time.Instant;

/**
 * A value of a bucket that had already closed and changed afterwards — through a late
 * observation or a factor change. The earlier value stays retrievable with when and why.
 *
 * @param oldValue  NaN when there was no value before
 * @param newValue  NaN when there is no value now
 * @param revisedAt the measurement-time watermark when the change happened (never the wall clock)
 * @param reason    what caused it, e.g. "late observation coal_burned[unit1] at 2022-06-01T10:00:00Z"
 */
public record Revision(String node, String key, TimeBucket bucket, double oldValue, double newValue,
                       Instant revisedAt, String reason) {
}
