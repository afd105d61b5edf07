package io.tanhe.engine.factors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tanhe.engine.factors.LocatedNode.Field;
import io.tanhe.engine.factors.LocatedNode.Location;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** Reads one document from a Jackson parser into a {@link LocatedNode} tree; a repeated key is reported and its later value dropped. */
final class LocatedTreeReader {

    private final JsonParser parser;
    private final BiConsumer<Location, String> duplicateKey;

    /**
     * @param duplicateKey told where a mapping repeats a key and the key's path, e.g. {@code factors[2].unit}
     *                     (Jackson's parsers accept repeated keys silently)
     */
    LocatedTreeReader(JsonParser parser, BiConsumer<Location, String> duplicateKey) {
        this.parser = parser;
        this.duplicateKey = duplicateKey;
    }

    /** The document's root, or null for an empty document. */
    LocatedNode read() throws IOException {
        return parser.nextToken() == null ? null : node("");
    }

    private LocatedNode node(String path) throws IOException {
        Location location = location(parser.currentTokenLocation());
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> mapping(location, path);
            case START_ARRAY -> sequence(location, path);
            default -> new LocatedNode.Scalar(location, token, token == JsonToken.VALUE_NULL ? null : parser.getText());
        };
    }

    private LocatedNode mapping(Location location, String path) throws IOException {
        Map<String, Field> fields = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            Location nameLocation = location(parser.currentTokenLocation());
            parser.nextToken();
            String fieldPath = path.isEmpty() ? name : path + "." + name;
            LocatedNode value = node(fieldPath);
            if (fields.containsKey(name)) {
                duplicateKey.accept(nameLocation, fieldPath);
            } else {
                fields.put(name, new Field(name, nameLocation, value));
            }
        }
        return new LocatedNode.Mapping(location, Collections.unmodifiableMap(fields));
    }

    private LocatedNode sequence(Location location, String path) throws IOException {
        List<LocatedNode> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(node(path + "[" + items.size() + "]"));
        }
        return new LocatedNode.Sequence(location, List.copyOf(items));
    }

    static Location location(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return Location.UNKNOWN;
        }
        return new Location(location.getLineNr(), Math.max(location.getColumnNr(), 0));
    }
}
