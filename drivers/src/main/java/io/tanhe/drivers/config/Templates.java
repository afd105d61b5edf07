package io.tanhe.drivers.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Meter templates: reusable device definitions stored as classpath resources
 * {@code /io/tanhe/drivers/templates/<model>.yaml}, so a site names a model and an address instead
 * of forty registers. The file format is described in {@code docs/drivers.md}.
 */
public final class Templates {
    /** The classpath folder every template lives in. */
    public static final String FOLDER = "/io/tanhe/drivers/templates/";
    private static final Pattern MODEL = Pattern.compile("[a-z0-9][a-z0-9.-]*");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Templates() {
    }

    /** The resource name of a model's template. */
    public static String resourceOf(String model) {
        return FOLDER + model + ".yaml";
    }

    /**
     * The template of {@code model}, or empty when no such resource exists.
     *
     * @throws IllegalArgumentException when the model name is malformed
     * @throws UncheckedIOException     when the resource exists but is not valid YAML (a build defect)
     */
    public static Optional<JsonNode> find(String model) {
        if (!MODEL.matcher(model).matches()) {
            throw new IllegalArgumentException("`" + model + "` is not a model name (lower-case letters, digits, '.', '-')");
        }
        try (InputStream in = Templates.class.getResourceAsStream(resourceOf(model))) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(YAML.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("template " + resourceOf(model) + " is not valid YAML: " + e.getMessage(), e);
        }
    }
}
