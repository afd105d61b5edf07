package io.tanhe.server.site;

import io.tanhe.engine.time.Grain;
import io.tanhe.server.store.RetentionPolicy;

import java.time.Period;
import java.util.Optional;

/** Reads {@code retention:}: periods that override the store's defaults, refused below the standard's floors. */
final class RetentionReader {
    private RetentionReader() {
    }

    static RetentionPolicy read(SiteNode r, RetentionPolicy defaults) {
        RetentionPolicy policy = defaults;
        Optional<Period> raw = r.period("raw_readings");
        try {
            if (raw.isPresent()) {
                policy = policy.withRawReadings(raw.get());
            }
        } catch (IllegalArgumentException e) {
            r.problem("raw_readings", e.getMessage());
        }
        Optional<SiteNode> results = r.object("results");
        if (results.isPresent()) {
            for (Grain g : Grain.values()) {
                Optional<Period> p = results.get().period(g.label());
                try {
                    if (p.isPresent()) {
                        policy = policy.withResults(g, p.get());
                    }
                } catch (IllegalArgumentException e) {
                    results.get().problem(g.label(), e.getMessage());
                }
            }
        }
        return policy;
    }
}
