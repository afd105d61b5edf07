package io.tanhe.cli;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The request bodies the API commands ({@code qa add}, {@code manual enter}) send. */
class ApiCommandsTest {

    @Test
    void aBodyKeepsTheFieldsInOrderAndLeavesOutOptionsNotGiven() {
        Map<String, Object> body = ApiCommands.body("kind", "span_calibration", "reference", null, "measured", "15.6", "note", "");
        assertEquals(List.of("kind", "measured", "note"), List.copyOf(body.keySet()));
        assertEquals("15.6", body.get("measured"));
        assertEquals("", body.get("note"), "an empty text is given, not left out");
    }

    @Test
    void aFieldWithoutItsValueIsAMistakeOfTheCaller() {
        assertThrows(IllegalArgumentException.class, () -> ApiCommands.body("kind"));
    }
}
