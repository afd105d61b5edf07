package io.tanhe.server.terminal;

import io.tanhe.server.site.SiteLoader;

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
 * @param siteLoader    reads site files pushed to the running terminal (and the pushed version the next start runs);
 *                      null: site files cannot be pushed (docs/lifecycle.md "Site file changes")
 */
public record TerminalSettings(Path dataDir, Duration flushInterval, int queueCapacity,
                               boolean rules, Duration recomputeIdle, SiteLoader siteLoader) {

    public static TerminalSettings defaults(Path dataDir) {
        return new TerminalSettings(dataDir, Duration.ofSeconds(1), 100_000, true, Duration.ofSeconds(10), null);
    }

    public TerminalSettings withSiteLoader(SiteLoader loader) {
        return new TerminalSettings(dataDir, flushInterval, queueCapacity, rules, recomputeIdle, loader);
    }

    public TerminalSettings withFlushInterval(Duration interval) {
        return new TerminalSettings(dataDir, interval, queueCapacity, rules, recomputeIdle, siteLoader);
    }

    public TerminalSettings withRules(boolean on) {
        return new TerminalSettings(dataDir, flushInterval, queueCapacity, on, recomputeIdle, siteLoader);
    }

    public TerminalSettings withQueueCapacity(int capacity) {
        return new TerminalSettings(dataDir, flushInterval, capacity, rules, recomputeIdle, siteLoader);
    }

    public TerminalSettings withRecomputeIdle(Duration idle) {
        return new TerminalSettings(dataDir, flushInterval, queueCapacity, rules, idle, siteLoader);
    }
}
