package io.tanhe.engine.factors;

import com.fasterxml.jackson.core.JsonToken;
import java.util.List;
import java.util.Map;

/**
 * A JSON/YAML document tree that remembers where each node starts, so that a problem can point at
 * line:column. Jackson's own tree model drops locations.
 */
sealed interface LocatedNode {

    Location location();

    /** "a string", "a list"…, for wrong-type messages. */
    String kind();

    /** One-based line and column; 0 when the parser could not tell. */
    record Location(int line, int column) {
        static final Location UNKNOWN = new Location(0, 0);
    }

    /** A mapping; fields keep document order. */
    record Mapping(Location location, Map<String, Field> fields) implements LocatedNode {
        public String kind() {
            return "a mapping";
        }
    }

    record Field(String name, Location nameLocation, LocatedNode value) {
    }

    record Sequence(Location location, List<LocatedNode> items) implements LocatedNode {
        public String kind() {
            return "a list";
        }
    }

    /**
     * A scalar with its raw text, so that numbers keep the digits as written.
     *
     * @param token one of Jackson's scalar tokens (string, int, float, true, false, null)
     */
    record Scalar(Location location, JsonToken token, String text) implements LocatedNode {
        public String kind() {
            return switch (token) {
                case VALUE_STRING -> "a string";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
                case VALUE_TRUE, VALUE_FALSE -> "true/false";
                case VALUE_NULL -> "null";
                default -> token.name();
            };
        }

        boolean isNull() {
            return token == JsonToken.VALUE_NULL;
        }

        boolean isNumber() {
            return token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT;
        }
    }
}
