package io.tanhe.engine.time;

import java.time.Instant;

/**
 * Why a bucket carries a {@link Flag}: the interval between two readings concerned and a sentence
 * with the values, e.g. "counter fell from 1234.5 to 1200 kWh without a rollover or a meter
 * replacement; not counted".
 */
public record Anomaly(Flag flag, Instant from, Instant to, String detail) {
}
