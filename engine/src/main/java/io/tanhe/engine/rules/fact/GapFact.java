package io.tanhe.engine.rules.fact;

import java.time.Instant;
import java.util.Objects;

/**
 * A stretch without good data for a point. The rules layer's own gap watch inserts an open gap
 * when a point has had no good data for the configured time (section 7.2.3 (1): 10 s) and closes
 * it when good data returns; the evaluator may insert gaps it records as well.
 *
 * @param point  the point or input
 * @param key    the index key, "" for a scalar
 * @param from   the time of the last good value (or of the first value seen, when none was good)
 * @param to     the time good data returned; null while the gap is open
 * @param reason what happened, e.g. "no good data for 10 s"
 */
public record GapFact(String point, String key, Instant from, Instant to, String reason) implements RuleFact {

    public GapFact {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(reason, "reason");
        key = key == null ? "" : key;
    }

    /** True while good data has not returned. */
    public boolean open() {
        return to == null;
    }

    @Override
    public String subject() {
        return RuleFact.subject(point, key);
    }

    @Override
    public Slot slot() {
        return new Slot(GapFact.class, point, key, "");
    }
}
