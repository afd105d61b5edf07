package io.tanhe.server.store.transfer;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.tanhe.drivers.Quality;
import io.tanhe.server.store.StoredReading;

import java.math.BigDecimal;

/**
 * A raw reading as a line of an export file. Every field is text so that the meter's digits
 * ({@code 12.30}) and nanosecond instants pass through unchanged; an empty value means none. The
 * idempotency key is the reading's identity ({@link StoredReading#identity}), written for readers of the
 * file; on import it may be left empty, and when given it must match the identity of the other fields.
 */
@JsonPropertyOrder({"point_id", "key", "measured_at", "value", "unit", "quality", "source_id", "detail", "received_at",
        "idempotency_key"})
record ReadingRow(@JsonProperty("point_id") String pointId,
                  @JsonProperty("key") String key,
                  @JsonProperty("measured_at") String measuredAt,
                  @JsonProperty("value") String value,
                  @JsonProperty("unit") String unit,
                  @JsonProperty("quality") String quality,
                  @JsonProperty("source_id") String sourceId,
                  @JsonProperty("detail") String detail,
                  @JsonProperty("received_at") String receivedAt,
                  @JsonProperty("idempotency_key") String idempotencyKey) {

    static ReadingRow of(StoredReading r) {
        return new ReadingRow(r.pointId(), r.key(), r.measuredAt().toString(), r.value() == null ? "" : r.value().toString(),
                r.unit(), r.quality().name(), r.sourceId(), r.detail(), r.receivedAt().toString(), r.idempotencyKey());
    }

    /** The reading this row describes; throws {@link IllegalArgumentException} naming the bad field. */
    StoredReading toReading() {
        BigDecimal parsed = value == null || value.isEmpty() ? null : Fields.decimal("value", value);
        StoredReading r = new StoredReading(pointId, key, Fields.instant("measured_at", measuredAt), parsed, unit,
                Fields.constant("quality", Quality.class, quality), sourceId, detail,
                Fields.instant("received_at", receivedAt));
        if (idempotencyKey != null && !idempotencyKey.isEmpty() && !idempotencyKey.equals(r.idempotencyKey())) {
            throw new IllegalArgumentException("idempotency_key `" + idempotencyKey + "` does not match the reading's identity `"
                    + r.idempotencyKey() + "` (point_id[key]@measured_at#source_id); correct it or leave it empty");
        }
        return r;
    }
}
