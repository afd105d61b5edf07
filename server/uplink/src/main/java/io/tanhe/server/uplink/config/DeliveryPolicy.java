package io.tanhe.server.uplink.config;

import java.time.Duration;

/**
 * How hard the terminal tries: the HJ 212 answer timeout and retry count ([STD17] §6.2 Table 1:
 * 10 s and 3 by default, protocols.md §1.6), the backoff between failed attempts, and how many
 * uploads go out per batch.
 *
 * @param timeout        how long to wait for an answer (9014 or HTTP response) before resending
 * @param retries        how many times a packet is resent before the connection counts as unusable
 * @param backoffInitial wait after the first failure; doubled after each further failure
 * @param backoffMax     the longest wait; keep it below the real-time interval so a recovered centre
 *                       is backfilled in the next upload window at the latest (section 7.2.4 (5))
 * @param batchSize      uploads taken from the outbox per round (and per HTTPS request)
 */
public record DeliveryPolicy(Duration timeout, int retries, Duration backoffInitial, Duration backoffMax, int batchSize) {
    /** The standard's defaults; backoff 5 s up to 5 min; 50 uploads per batch. */
    public static final DeliveryPolicy DEFAULT = new DeliveryPolicy(Duration.ofSeconds(10), 3, Duration.ofSeconds(5),
            Duration.ofMinutes(5), 50);

    /** The wait after {@code failures} consecutive failures (1 for the first). */
    public Duration backoff(int failures) {
        Duration d = backoffInitial;
        for (int i = 1; i < failures && d.compareTo(backoffMax) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(backoffMax) > 0 ? backoffMax : d;
    }
}
