package io.tanhe.server.hj212;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every HJ 212 vector of the shared reference (copied into test resources with their sources):
 * positive packets decode with the expected fields and re-encode to the same bytes (CRC in upper
 * case), negative ones fail with the expected error.
 */
class ProtocolVectorsTest {

    @TestFactory
    List<DynamicTest> everyHj212VectorBehavesAsDocumented() throws IOException {
        JsonNode root;
        try (InputStream in = getClass().getResourceAsStream("/hj212/vectors.json")) {
            root = new ObjectMapper().readTree(in);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode v : root.get("vectors")) {
            String text = v.get("hex_or_text").asText();
            JsonNode expected = v.get("expected");
            String name = v.get("description").asText();
            if (!text.startsWith("##")) {
                tests.add(DynamicTest.dynamicTest(name, () -> assertEquals(expected.get("crc_hj212_utf8_unsigned").asText(),
                        Hj212Crc.hex(Hj212Crc.of(text.getBytes(StandardCharsets.UTF_8))))));
            } else if (expected.path("negative").asBoolean()) {
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    Hj212FormatException e = assertThrows(Hj212FormatException.class, () -> Hj212Codec.decode(text));
                    assertEquals(expected.get("error").asText(), e.problem());
                    assertEquals(expected.get("error_offset").asInt(), e.offset());
                }));
            } else {
                tests.add(DynamicTest.dynamicTest(name, () -> checkPositive(text, expected)));
            }
        }
        assertTrue(tests.size() >= 7, "vectors file lost entries: " + tests.size());
        return tests;
    }

    private static void checkPositive(String text, JsonNode expected) throws Hj212FormatException {
        DecodedPacket p = Hj212Codec.decode(text);
        DataSegment s = p.segment();
        assertEquals(expected.get("crc").asText(), p.crcText().toUpperCase(Locale.ROOT));
        assertEquals(expected.get("data_length").asInt(), Integer.parseInt(p.declaredLength()));
        if (expected.has("Flag")) {
            assertEquals(expected.get("Flag").asInt(), s.flag().orElseThrow().value());
        }
        if (expected.has("flag_decoded")) {
            JsonNode f = expected.get("flag_decoded");
            assertEquals(f.get("version_bits").asInt(), s.flag().orElseThrow().version());
            assertEquals(f.get("D").asInt() == 1, s.flag().orElseThrow().split());
            assertEquals(f.get("A").asInt() == 1, s.flag().orElseThrow().ackRequested());
        }
        for (String header : List.of("QN", "ST", "CN", "PW", "MN")) {
            if (expected.has(header)) {
                assertEquals(expected.get(header).asText(), headerValue(s, header));
            }
        }
        expected.path("CP").fields().forEachRemaining(e -> assertEquals(e.getValue().asText(), s.cp().value(e.getKey()).orElseThrow()));
        if (expected.has("w01001-Rtd")) {
            assertEquals(expected.get("w01001-Rtd").asText(), s.cp().value("w01001-Rtd").orElseThrow());
        }
        String upper = text.substring(0, text.length() - 6) + text.substring(text.length() - 6).toUpperCase(Locale.ROOT);
        assertEquals(upper, Hj212Codec.encodeText(s));
    }

    private static String headerValue(DataSegment s, String name) {
        return switch (name) {
            case "QN" -> s.qn().orElseThrow().text();
            case "ST" -> s.st();
            case "CN" -> s.cn();
            case "PW" -> s.pw();
            default -> s.mn();
        };
    }
}
