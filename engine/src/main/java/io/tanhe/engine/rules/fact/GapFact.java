package io.tanhe.engine.rules.fact;

import java.time.Instant;
import java.util.Objects;

/**
 * A stretch without good data for a point. The rules layer's own gap watch inserts a live gap
 * when a point has had no good data for the configured time (section 7.2.3 (1): 10 s), open until
 * good data returns; the generic rules alert on those. The evaluator may insert the gaps it
 * records ({@code live} false) for custom rules; they never touch the live gap alert.
 *
 * @param point  the point or input
 * @param key    the index key, "" for a scalar
 * @param from   the time of the last good value (or of the first value seen, when none was good)
 * @param to     the time good data returned; null while the gap is open
 * @param reason what happened, e.g. "no good data for 10 s"
 * @param live   true for the rules layer's own gap watch, false for a gap the evaluator recorded
 */
public record GapFact(String point, String key, Instant from, Instant to, String reason, boolean live)
        implements RuleFact {

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
        return new Slot(GapFact.class, point, key, live ? "live" : "recorded");
    }
}
