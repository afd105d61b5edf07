package io.tanhe.server.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tanhe.drivers.Quality;
import io.tanhe.engine.time.Grain;
import io.tanhe.server.store.ActivationStep;
import io.tanhe.server.store.BucketResult;
import io.tanhe.server.store.ConfigPackage;
import io.tanhe.server.store.MethodologyRef;
import io.tanhe.server.store.QaRecord;
import io.tanhe.server.store.StoredReading;
import io.tanhe.server.store.StoredResult;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The JSON-lines form of what a bundle holds, one object per line: readings (value as written, with its digits),
 * results and revisions, QA records, configuration packages and their activation log. Reading a line back gives
 * the record the store held; a line that does not read says where ({@link BundleFormatException}).
 */
final class Rows {
    static final ObjectMapper JSON = new ObjectMapper();

    private Rows() {
    }

    static ObjectNode reading(StoredReading r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("point", r.pointId());
        o.put("key", r.key());
        o.put("at", r.measuredAt().toString());
        if (r.value() == null) {
            o.putNull("value");
        } else {
            o.put("value", r.value().toString());
        }
        o.put("unit", r.unit());
        o.put("quality", r.quality().name());
        o.put("source", r.sourceId());
        o.put("detail", r.detail());
        o.put("received", r.receivedAt().toString());
        return o;
    }

    static StoredReading reading(JsonNode o, String where) {
        try {
            JsonNode v = o.path("value");
            return new StoredReading(text(o, "point"), o.path("key").asText(""), Instant.parse(text(o, "at")),
                    v.isNull() || v.isMissingNode() ? null : new BigDecimal(v.asText()), o.path("unit").asText(""),
                    Quality.valueOf(text(o, "quality")), text(o, "source"), o.path("detail").asText(""), Instant.parse(text(o, "received")));
        } catch (RuntimeException e) {
            throw new BundleFormatException(where + ": not a reading: " + e.getMessage());
        }
    }

    /** A manual entry: the reading with the operator its detail names ({@code operator=NAME; …}). */
    static ObjectNode manual(StoredReading r) {
        ObjectNode o = reading(r);
        String d = r.detail();
        String operator = d.startsWith("operator=") ? d.substring("operator=".length()).split(";", 2)[0].strip() : "";
        o.put("operator", operator);
        return o;
    }

    static ObjectNode result(StoredResult s) {
        BucketResult r = s.result();
        ObjectNode o = JSON.createObjectNode();
        o.put("node", r.nodeId());
        o.put("key", r.key());
        o.put("grain", r.grain().label());
        o.put("start", r.bucketStart().toString());
        o.put("end", r.bucketEnd().toString());
        o.put("value", r.value());
        o.put("unit", r.unit());
        o.put("quality", r.quality().name());
        o.put("completeness", r.completeness());
        o.put("methodology", r.methodology().id());
        o.put("methodology_version", r.methodology().version());
        o.put("methodology_hash", r.methodology().contentHash());
        o.put("revision", s.revision());
        o.put("revised", r.revisedAt().toString());
        o.put("reason", r.reason());
        return o;
    }

    static StoredResult result(JsonNode o, String where) {
        try {
            BucketResult r = new BucketResult(text(o, "node"), o.path("key").asText(""), Grain.fromLabel(text(o, "grain")),
                    Instant.parse(text(o, "start")), Instant.parse(text(o, "end")), number(o, "value"), o.path("unit").asText(""),
                    io.tanhe.engine.time.Quality.valueOf(text(o, "quality")), number(o, "completeness"),
                    new MethodologyRef(text(o, "methodology"), text(o, "methodology_version"), text(o, "methodology_hash")),
                    Instant.parse(text(o, "revised")), o.path("reason").asText(""));
            return new StoredResult(r, o.path("revision").asInt(1));
        } catch (RuntimeException e) {
            throw new BundleFormatException(where + ": not a result: " + e.getMessage());
        }
    }

    static ObjectNode qa(QaRecord q) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", q.id());
        o.put("kind", q.kind().name());
        o.put("point", q.pointId());
        o.put("from", q.from().toString());
        o.put("to", q.to().toString());
        o.put("reference", q.reference());
        o.put("measured", q.measured());
        o.put("range", q.range());
        o.put("result", q.result());
        o.put("limit", q.limit());
        o.put("source", q.source());
        o.put("note", q.note());
        o.put("recorded", q.recordedAt().toString());
        return o;
    }

    static QaRecord qa(JsonNode o, String where) {
        try {
            return new QaRecord(o.path("id").asLong(), io.tanhe.server.store.QaKind.valueOf(text(o, "kind")), o.path("point").asText(""),
                    Instant.parse(text(o, "from")), Instant.parse(text(o, "to")), o.path("reference").asDouble(Double.NaN),
                    o.path("measured").asDouble(Double.NaN), o.path("range").asDouble(Double.NaN), o.path("result").asDouble(Double.NaN),
                    o.path("limit").asDouble(Double.NaN), text(o, "source"), o.path("note").asText(""), Instant.parse(text(o, "recorded")));
        } catch (RuntimeException e) {
            throw new BundleFormatException(where + ": not a QA record: " + e.getMessage());
        }
    }

    /** A package's record without its content (the .tpkg file is an entry of its own, {@code file}). */
    static ObjectNode configPackage(ConfigPackage p, String file) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", p.id());
        o.put("kind", p.kind());
        o.put("name", p.name());
        o.put("version", p.version());
        o.put("sha256", p.sha256());
        o.put("signatures", p.signatures());
        o.put("uploaded_by", p.uploadedBy());
        o.put("uploaded_at", p.uploadedAt().toString());
        o.put("state", p.state());
        if (p.effectiveFrom() == null) {
            o.putNull("effective_from");
        } else {
            o.put("effective_from", p.effectiveFrom().toString());
        }
        o.put("review_summary", p.reviewSummary());
        o.put("file", file);
        return o;
    }

    /** The package record {@code o} describes, with {@code content} (Base64 of the .tpkg, as the store keeps it). */
    static ConfigPackage configPackage(JsonNode o, String content, String where) {
        try {
            JsonNode eff = o.path("effective_from");
            return new ConfigPackage(o.path("id").asLong(), text(o, "kind"), text(o, "name"), text(o, "version"), content,
                    o.path("sha256").asText(""), o.path("signatures").asText(""), o.path("uploaded_by").asText(""),
                    Instant.parse(text(o, "uploaded_at")), text(o, "state"), eff.isNull() || eff.isMissingNode() ? null : Instant.parse(eff.asText()),
                    "", o.path("review_summary").asText(""));
        } catch (RuntimeException e) {
            throw new BundleFormatException(where + ": not a package record: " + e.getMessage());
        }
    }

    static ObjectNode step(ActivationStep s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", s.id());
        o.put("package", s.packageId());
        o.put("at", s.at().toString());
        o.put("actor", s.actor());
        o.put("from", s.from());
        o.put("to", s.to());
        o.put("detail", s.detail());
        return o;
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.path(field);
        if (!v.isTextual()) {
            throw new IllegalArgumentException("field `" + field + "` is missing or not text");
        }
        return v.asText();
    }

    private static double number(JsonNode o, String field) {
        JsonNode v = o.path(field);
        if (!v.isNumber()) {
            throw new IllegalArgumentException("field `" + field + "` is missing or not a number");
        }
        return v.asDouble();
    }
}
