package io.tanhe.server.site;

import io.tanhe.engine.time.Grain;
import io.tanhe.grammar.config.ConfigNode;
import io.tanhe.server.store.RetentionPolicy;

import java.time.Period;
import java.util.Optional;

/** Reads {@code retention:}: periods that override the store's defaults, refused below the standard's floors. */
final class RetentionReader {
    private RetentionReader() {
    }

    static RetentionPolicy read(ConfigNode r, RetentionPolicy defaults) {
        RetentionPolicy policy = defaults;
        Optional<Period> raw = r.period("raw_readings");
        if (raw.isPresent()) {
            Optional<String> tooShort = RetentionPolicy.rawReadingsProblem(raw.get());
            if (tooShort.isPresent()) {
                r.problem("raw_readings", tooShort.get());
            } else {
                policy = policy.withRawReadings(raw.get());
            }
        }
        Optional<ConfigNode> results = r.object("results");
        if (results.isPresent()) {
            for (Grain g : Grain.values()) {
                Optional<Period> p = results.get().period(g.label());
                if (p.isPresent()) {
                    Optional<String> tooShort = RetentionPolicy.resultsProblem(g, p.get());
                    if (tooShort.isPresent()) {
                        results.get().problem(g.label(), tooShort.get());
                    } else {
                        policy = policy.withResults(g, p.get());
                    }
                }
            }
        }
        return policy;
    }
}
