package io.tanhe.drivers;

/** Receives readings from sources. Implementations must be thread-safe: sources call from their own threads. */
@FunctionalInterface
public interface ReadingSink {
    void accept(Reading reading);
}
