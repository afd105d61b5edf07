package io.tanhe.engine.rules.threshold;

/** A threshold with the place it was read from, for messages. */
public record PlacedThreshold(Threshold threshold, String file, int line) {
}
