package io.tanhe.grammar.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One configuration document as read: its file name, the problems found so far (shared by every
 * node of the document, in the order found) and where each object, field and list element was
 * written. Jackson's trees do not keep positions, so the tree is built here from the parser's
 * tokens and the positions are kept beside it, by node identity.
 */
final class Document {
    /** Line and column of an object or list, of each of its keys (objects) and of each element (lists). */
    private record Marks(int line, int column, Map<String, int[]> keys, List<int[]> elements) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final String file;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Map<JsonNode, Marks> marks = new IdentityHashMap<>();
    private final Map<JsonNode, ConfigPlace> elementPlaces = new IdentityHashMap<>();

    Document(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    List<ConfigProblem> problems() {
        return problems;
    }

    /** Reads the value at the parser's current token, recording where every part of it was written. */
    JsonNode build(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token == null) {
            return MissingNode.getInstance();
        }
        int[] at = mark(p.currentTokenLocation());
        return switch (token) {
            case START_OBJECT -> {
                ObjectNode o = JsonNodeFactory.instance.objectNode();
                Marks m = new Marks(at[0], at[1], new HashMap<>(), List.of());
                marks.put(o, m);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    m.keys().put(name, mark(p.currentTokenLocation()));
                    p.nextToken();
                    o.set(name, build(p));
                }
                yield o;
            }
            case START_ARRAY -> {
                ArrayNode a = JsonNodeFactory.instance.arrayNode();
                Marks m = new Marks(at[0], at[1], Map.of(), new ArrayList<>());
                marks.put(a, m);
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    m.elements().add(mark(p.currentTokenLocation()));
                    a.add(build(p));
                }
                yield a;
            }
            case VALUE_NULL -> NullNode.getInstance();
            case VALUE_TRUE -> BooleanNode.TRUE;
            case VALUE_FALSE -> BooleanNode.FALSE;
            case VALUE_STRING -> TextNode.valueOf(p.getText());
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> IntNode.valueOf(p.getIntValue());
                case LONG -> LongNode.valueOf(p.getLongValue());
                default -> BigIntegerNode.valueOf(p.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> DoubleNode.valueOf(p.getDoubleValue());
            default -> {
                p.setCodec(MAPPER);
                JsonNode other = p.readValueAsTree();
                yield other == null ? NullNode.getInstance() : other;
            }
        };
    }

    /** Where {@code container} (an object or list of this document) starts, or null. */
    int[] start(JsonNode container) {
        Marks m = marks.get(container);
        return m == null ? null : new int[]{m.line(), m.column()};
    }

    /** Where the key {@code field} of {@code object} was written, or null. */
    int[] key(JsonNode object, String field) {
        Marks m = marks.get(object);
        return m == null ? null : m.keys().get(field);
    }

    /** Where element {@code index} of {@code list} starts, or null. */
    int[] element(JsonNode list, int index) {
        Marks m = marks.get(list);
        if (m != null && index < m.elements().size()) {
            return m.elements().get(index);
        }
        JsonNode e = list.get(index);
        return e == null ? null : start(e);
    }

    /** The place a list element is reported at when it came from elsewhere (a template, another index). */
    ConfigPlace placeOf(JsonNode element) {
        return elementPlaces.get(element);
    }

    void place(JsonNode element, ConfigPlace place) {
        elementPlaces.put(element, place);
    }

    private static int[] mark(JsonLocation location) {
        return location == null ? new int[]{0, 0} : new int[]{Math.max(0, location.getLineNr()), Math.max(0, location.getColumnNr())};
    }
}
