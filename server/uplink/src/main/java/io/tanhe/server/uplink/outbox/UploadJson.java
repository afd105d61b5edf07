package io.tanhe.server.uplink.outbox;

import io.tanhe.server.uplink.schedule.Stream;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tanhe.engine.time.Grain;
import io.tanhe.server.hj212.DataFlag;
import io.tanhe.server.hj212.message.DataKind;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The outbox payload of an {@link Upload}: compact JSON, values as decimal text so no digit changes
 * between the store and the wire. Values are rows {@code [code, value, unit, flag]}.
 */
public final class UploadJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private UploadJson() {
    }

    /** The payload text of {@code u}. */
    public static String write(Upload u) {
        ObjectNode o = JSON.createObjectNode();
        o.put("stream", u.stream().key());
        o.put("kind", u.kind().name());
        o.put("grain", u.grain().label());
        o.put("start", u.periodStart().toString());
        o.put("end", u.periodEnd().toString());
        o.put("data_time", u.dataTime().toString());
        o.put("manual", u.manual());
        ArrayNode values = o.putArray("values");
        for (UploadValue v : u.values()) {
            values.addArray().add(v.code()).add(v.value().toPlainString()).add(v.unit()).add(v.flag().name());
        }
        return o.toString();
    }

    /**
     * Reads a payload written by {@link #write}.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static Upload read(String payload) {
        try {
            JsonNode o = JSON.readTree(payload);
            Stream stream = stream(o.path("stream").asText());
            List<UploadValue> values = new ArrayList<>();
            for (JsonNode row : o.path("values")) {
                values.add(new UploadValue(row.get(0).asText(), new BigDecimal(row.get(1).asText()), row.get(2).asText(),
                        DataFlag.valueOf(row.get(3).asText())));
            }
            return new Upload(stream, DataKind.valueOf(o.path("kind").asText()), Grain.fromLabel(o.path("grain").asText()),
                    Instant.parse(o.path("start").asText()), Instant.parse(o.path("end").asText()),
                    LocalDateTime.parse(o.path("data_time").asText()), o.path("manual").asBoolean(), values);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not an upload payload (" + e.getMessage() + "): "
                    + payload.substring(0, Math.min(80, payload.length())), e);
        }
    }

    private static Stream stream(String key) {
        for (Stream s : Stream.values()) {
            if (s.key().equals(key)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown stream '" + key + "'");
    }
}
