package io.tanhe.server.store.transfer;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.Quality;
import io.tanhe.server.store.BucketResult;
import io.tanhe.server.store.MethodologyRef;
import io.tanhe.server.store.StoredResult;

/**
 * A current result as a line of an export file. The value is written with Java's shortest exact
 * text of a double, so it reads back as the same double. {@code revision} is informational: an import
 * writes the figure, and the importing store numbers its own revisions.
 */
@JsonPropertyOrder({"node_id", "key", "grain", "bucket_start", "bucket_end", "value", "unit", "quality", "completeness",
        "methodology_id", "methodology_version", "methodology_hash", "revision", "revised_at", "reason"})
record ResultRow(@JsonProperty("node_id") String nodeId,
                 @JsonProperty("key") String key,
                 @JsonProperty("grain") String grain,
                 @JsonProperty("bucket_start") String bucketStart,
                 @JsonProperty("bucket_end") String bucketEnd,
                 @JsonProperty("value") String value,
                 @JsonProperty("unit") String unit,
                 @JsonProperty("quality") String quality,
                 @JsonProperty("completeness") String completeness,
                 @JsonProperty("methodology_id") String methodologyId,
                 @JsonProperty("methodology_version") String methodologyVersion,
                 @JsonProperty("methodology_hash") String methodologyHash,
                 @JsonProperty("revision") String revision,
                 @JsonProperty("revised_at") String revisedAt,
                 @JsonProperty("reason") String reason) {

    static ResultRow of(StoredResult stored) {
        BucketResult r = stored.result();
        return new ResultRow(r.nodeId(), r.key(), r.grain().label(), r.bucketStart().toString(), r.bucketEnd().toString(),
                Double.toString(r.value()), r.unit(), r.quality().name(), Double.toString(r.completeness()),
                r.methodology().id(), r.methodology().version(), r.methodology().contentHash(),
                Integer.toString(stored.revision()), r.revisedAt().toString(), r.reason());
    }

    BucketResult toResult() {
        Grain g;
        try {
            g = Grain.fromLabel(Fields.present("grain", grain));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("grain: " + e.getMessage());
        }
        return new BucketResult(nodeId, key, g, Fields.instant("bucket_start", bucketStart),
                Fields.instant("bucket_end", bucketEnd), Fields.number("value", value), unit,
                Fields.constant("quality", Quality.class, quality), Fields.number("completeness", completeness),
                new MethodologyRef(methodologyId, methodologyVersion, methodologyHash),
                Fields.instant("revised_at", revisedAt), reason);
    }
}
