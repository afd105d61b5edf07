package io.tanhe.server.terminal;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to run a terminal.
 *
 * @param dataDir       where the store lives (created when absent)
 * @param flushInterval how often changed buckets are written (wall time)
 * @param queueCapacity readings waiting for evaluation before intake blocks
 * @param rules         whether to run the rules layer (alerts, validation)
 * @param recomputeIdle how often the recompute job looks for closed days to recompute when it has
 *                      nothing to do (late data wakes it at once)
 */
public record TerminalSettings(Path dataDir, Duration flushInterval, int queueCapacity,
                               boolean rules, Duration recomputeIdle) {

    public static TerminalSettings defaults(Path dataDir) {
        return new TerminalSettings(dataDir, Duration.ofSeconds(1), 100_000, true, Duration.ofSeconds(10));
    }

    public TerminalSettings withFlushInterval(Duration interval) {
        return new TerminalSettings(dataDir, interval, queueCapacity, rules, recomputeIdle);
    }

    public TerminalSettings withRules(boolean on) {
        return new TerminalSettings(dataDir, flushInterval, queueCapacity, on, recomputeIdle);
    }

    public TerminalSettings withQueueCapacity(int capacity) {
        return new TerminalSettings(dataDir, flushInterval, capacity, rules, recomputeIdle);
    }

    public TerminalSettings withRecomputeIdle(Duration idle) {
        return new TerminalSettings(dataDir, flushInterval, queueCapacity, rules, idle);
    }
}
