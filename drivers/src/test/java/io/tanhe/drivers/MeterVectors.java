package io.tanhe.drivers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The DL/T 645 and CJ/T 188 vectors of the shared reference (test resource {@code meter_vectors.json}). */
public final class MeterVectors {
    private MeterVectors() {
    }

    /** Every vector of {@code protocol} ({@code DLT645-2007}, {@code DLT645-1997}, {@code CJT188-2004}). */
    public static List<JsonNode> of(String protocol) {
        try (InputStream in = MeterVectors.class.getResourceAsStream("meter_vectors.json")) {
            List<JsonNode> out = new ArrayList<>();
            new ObjectMapper().readTree(in).path("vectors").forEach(v -> {
                if (v.path("protocol").asText().equals(protocol)) {
                    out.add(v);
                }
            });
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The vector whose description starts with {@code prefix}. */
    public static JsonNode described(String protocol, String prefix) {
        return of(protocol).stream().filter(v -> v.path("description").asText().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + protocol + " vector described '" + prefix + "…'"));
    }
}
