package io.tanhe.server.uplink.outbox;

import io.tanhe.server.uplink.schedule.Stream;
import io.tanhe.engine.time.Grain;
import io.tanhe.server.hj212.message.DataKind;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;

/**
 * What one outbox message carries: the figures of some indicators for one period, in the units the
 * centre wants. Protocol-neutral: the HJ 212 channel turns it into packets (with a fresh QN at
 * each sending), the HTTPS channel into JSON.
 *
 * @param stream      the outbox stream
 * @param kind        the HJ 212 kind of data (decides the CN)
 * @param grain       the period's grain
 * @param periodStart the period's first instant
 * @param periodEnd   the instant after the period
 * @param dataTime    the period's start in local time (HJ 212 {@code DataTime})
 * @param manual      whether an operator re-sent it (section 7.2.4 (5) manual backfill)
 * @param values      the figures, at least one
 */
public record Upload(Stream stream, DataKind kind, Grain grain, Instant periodStart, Instant periodEnd,
                     LocalDateTime dataTime, boolean manual, List<UploadValue> values) {

    public Upload {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(grain, "grain");
        Objects.requireNonNull(periodStart, "periodStart");
        Objects.requireNonNull(periodEnd, "periodEnd");
        Objects.requireNonNull(dataTime, "dataTime");
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("an upload of " + periodStart + " without values");
        }
    }
}
