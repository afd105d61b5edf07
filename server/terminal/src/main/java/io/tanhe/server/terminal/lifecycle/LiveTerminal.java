package io.tanhe.server.terminal.lifecycle;

import io.tanhe.server.site.Site;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** What the lifecycle needs of the running terminal: its configuration, how to change it live, and its counters for the self-test. */
public interface LiveTerminal {

    /** The site as configured now. */
    Site site();

    /**
     * Makes {@code site} the terminal's configuration without a restart: evaluation switches to its factors
     * between two batches (the open buckets are recomputed, changed figures stored with {@code reason}),
     * and every day recomputed from then on uses it.
     */
    void apply(Site site, String reason);

    /** The start of the open window; empty before the first reading. */
    Optional<Instant> openWindowFrom();

    /** The latest measurement time evaluated; empty before the first reading. */
    Optional<Instant> watermark();

    /** Readings durably stored and handed to evaluation so far. */
    long acknowledged();

    /** Readings evaluated so far. */
    long evaluated();

    /** Readings the rules judged invalid or the evaluator could not use, so far. */
    long validationFailures();

    /** Workers that died, by thread name. */
    Map<String, String> deadWorkers();
}
