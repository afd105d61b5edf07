package io.tanhe.server.hj212.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Loads a {@link PlatformProfile} from YAML, or JSON when the file name ends in {@code .json}. */
public final class PlatformProfiles {
    private static final ObjectMapper YAML = mapper(new ObjectMapper(new YAMLFactory()));
    private static final ObjectMapper JSON = mapper(new ObjectMapper());

    private PlatformProfiles() {
    }

    private static ObjectMapper mapper(ObjectMapper m) {
        return m.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }

    /**
     * Loads a profile file.
     *
     * @throws InvalidProfileException listing every problem, each under its field path
     * @throws IOException             when the file cannot be read
     */
    public static PlatformProfile load(Path file) throws IOException {
        return parse(Files.readString(file), file.toString(), file.toString().endsWith(".json"));
    }

    /**
     * Reads profile text.
     *
     * @param origin a name for messages
     * @param json   JSON, else YAML
     * @throws InvalidProfileException listing every problem, each under its field path
     */
    public static PlatformProfile parse(String text, String origin, boolean json) {
        try {
            PlatformProfile p = (json ? JSON : YAML).readValue(text, PlatformProfile.class);
            if (p == null) {
                throw new InvalidProfileException(origin, List.of("the file is empty; it needs at least mn: and password:"));
            }
            return p;
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof InvalidProfileException invalid) {
                throw new InvalidProfileException(origin, invalid.problems());
            }
            throw new InvalidProfileException(origin, List.of(path(e) + ": " + describe(e)));
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "syntax" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new InvalidProfileException(origin, List.of(where + ": " + firstLine(e.getOriginalMessage())));
        }
    }

    private static String path(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return path.isEmpty() ? "(top)" : path;
    }

    private static String describe(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown field '" + u.getPropertyName() + "'; known fields: "
                    + u.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
        }
        return firstLine(e.getOriginalMessage());
    }

    private static String firstLine(String s) {
        return s == null ? "invalid" : s.lines().findFirst().orElse("invalid");
    }
}
