package io.tanhe.drivers.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tanhe.drivers.Quality;
import io.tanhe.drivers.Reading;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a JSON document into readings, one per {@link JsonPointMapping}. Shared by the MQTT and
 * HTTP sources. A bad document never throws: every mapped point gets a
 * {@link Quality#COMM_ERROR} reading whose detail says what was wrong and where.
 * Numbers keep the digits they were sent with ({@code 12.30} stays {@code 12.30}).
 */
public final class JsonReadingMapper {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private final String sourceId;

    /** @param sourceId the source id written into every reading */
    public JsonReadingMapper(String sourceId) {
        this.sourceId = sourceId;
    }

    /**
     * Maps a raw payload.
     *
     * @param fallbackTime the measurement time of points whose mapping has no timestamp pointer
     *                     (arrival time for MQTT, scheduled poll time for HTTP)
     */
    public List<Reading> map(byte[] payload, List<JsonPointMapping> mappings, Instant fallbackTime) {
        JsonNode document;
        try {
            document = JSON.readTree(payload);
        } catch (IOException e) {
            return failAll(mappings, fallbackTime, "payload is not JSON: " + firstLine(e));
        }
        if (document == null || document.isMissingNode()) {
            return failAll(mappings, fallbackTime, "payload is empty");
        }
        List<Reading> readings = new ArrayList<>(mappings.size());
        for (JsonPointMapping mapping : mappings) {
            readings.add(mapOne(document, mapping, fallbackTime));
        }
        return List.copyOf(readings);
    }

    /** One failed reading per mapping, for failures that happen before there is a document (HTTP errors). */
    public List<Reading> failAll(List<JsonPointMapping> mappings, Instant at, Quality quality, String detail) {
        return mappings.stream()
                .map(m -> Reading.failed(m.pointId(), at, m.unit(), quality, sourceId, detail))
                .toList();
    }

    private List<Reading> failAll(List<JsonPointMapping> mappings, Instant at, String detail) {
        return failAll(mappings, at, Quality.COMM_ERROR, detail);
    }

    private Reading mapOne(JsonNode document, JsonPointMapping mapping, Instant fallbackTime) {
        Instant at = fallbackTime;
        if (mapping.timestamp() != null) {
            JsonNode node = document.at(mapping.timestamp());
            if (node.isMissingNode() || node.isNull()) {
                return commError(mapping, at, "no timestamp at " + mapping.timestamp());
            }
            try {
                at = mapping.timestampFormat().parse(node);
            } catch (IllegalArgumentException e) {
                return commError(mapping, at, "timestamp at " + mapping.timestamp() + ": " + e.getMessage());
            }
        }
        String unit = unitOf(document, mapping);
        JsonNode valueNode = document.at(mapping.value());
        if (valueNode.isMissingNode()) {
            return commError(mapping, at, "no value at " + mapping.value());
        }
        BigDecimal value = decimalOf(valueNode);
        if (value == null) {
            return commError(mapping, at, "value at " + mapping.value() + " is not a number: " + abbreviate(valueNode.toString()));
        }
        if (mapping.qualityPointer() != null) {
            JsonNode flag = document.at(mapping.qualityPointer());
            String flagText = flag.isValueNode() ? flag.asText() : flag.toString();
            if (!mapping.goodQualities().contains(flagText)) {
                return Reading.failed(mapping.pointId(), at, unit, Quality.DEVICE_ERROR, sourceId,
                        "device quality at " + mapping.qualityPointer() + " is " + abbreviate(flagText)
                                + ", not one of " + mapping.goodQualities());
            }
        }
        return Reading.measured(mapping.pointId(), at, value, unit, sourceId);
    }

    private static String unitOf(JsonNode document, JsonPointMapping mapping) {
        if (mapping.unitPointer() != null) {
            JsonNode node = document.at(mapping.unitPointer());
            if (node.isTextual() && !node.asText().isBlank()) {
                return node.asText();
            }
        }
        return mapping.unit();
    }

    private static BigDecimal decimalOf(JsonNode node) {
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            try {
                return new BigDecimal(node.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private Reading commError(JsonPointMapping mapping, Instant at, String detail) {
        return Reading.failed(mapping.pointId(), at, mapping.unit(), Quality.COMM_ERROR, sourceId, detail);
    }

    private static String firstLine(IOException e) {
        String message = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        String line = message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
        return abbreviate(line);
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
