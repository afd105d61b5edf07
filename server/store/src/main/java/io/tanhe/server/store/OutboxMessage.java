package io.tanhe.server.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A message waiting to be delivered to one data centre.
 *
 * @param centreId       the data centre
 * @param indicatorKey   what it reports (e.g. an HJ 212 pollutant code or result node); messages of one
 *                       centre and indicator are delivered in period order
 * @param periodStart    the start of the period it reports
 * @param periodEnd      the end of the period
 * @param payload        the encoded message
 * @param idempotencyKey unique per message: enqueuing it twice stores it once
 */
public record OutboxMessage(String centreId, String indicatorKey, Instant periodStart, Instant periodEnd,
                            String payload, String idempotencyKey) {

    public OutboxMessage {
        Limits.required("centreId", centreId, Limits.ID);
        Limits.required("indicatorKey", indicatorKey, Limits.ID);
        Objects.requireNonNull(periodStart, "periodStart");
        Objects.requireNonNull(periodEnd, "periodEnd");
        Limits.required("payload", payload, Limits.DOCUMENT);
        Limits.required("idempotencyKey", idempotencyKey, Limits.KEY);
    }
}
