package io.tanhe.drivers.failover;

import java.time.Instant;

/**
 * A point changed the device that feeds it (section 7.2.3 (1): switch to the backup and notify).
 *
 * @param pointId the point
 * @param from    the device that fed it until now
 * @param to      the device that feeds it from now on
 * @param at      when the switch happened
 * @param reason  why, e.g. "no good reading from boiler-a for 12s"
 */
public record SourceSwitch(String pointId, String from, String to, Instant at, String reason) {
}
