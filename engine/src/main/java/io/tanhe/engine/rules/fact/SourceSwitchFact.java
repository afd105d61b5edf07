package io.tanhe.engine.rules.fact;

import java.time.Instant;
import java.util.Objects;

/**
 * A point changed the device that feeds it (section 7.2.3 (1): switch to the backup and notify).
 * The engine's counterpart of the driver layer's failover record, which the engine cannot depend on.
 *
 * @param point    the point
 * @param from     the device that fed it until now
 * @param to       the device that feeds it from now on
 * @param at       when the switch happened (measurement time)
 * @param reason   why, e.g. "no good reading from boiler-a for 12s"
 * @param toBackup true when the point now runs on a backup device, false when it returned to its primary
 */
public record SourceSwitchFact(String point, String from, String to, Instant at, String reason, boolean toBackup)
        implements RuleFact {

    public SourceSwitchFact {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
        reason = reason == null ? "" : reason;
    }

    @Override
    public String subject() {
        return point;
    }

    @Override
    public Slot slot() {
        return new Slot(SourceSwitchFact.class, point, "", "");
    }
}
