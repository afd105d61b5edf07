package io.tanhe.server.packages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A package's manifest ({@code manifest.json}): what the package is and the SM3 of every file in it. Signatures
 * cover the manifest's exact bytes, and the manifest covers every file, so a file changed after signing is found
 * and named.
 *
 * @param kind        what the package changes
 * @param id          the methodology id or factor table id or threshold set name, e.g. {@code cn.aluminium}
 * @param version     the version the package carries, e.g. {@code 2013.2}
 * @param description a line for people; may be empty
 * @param compiler    the compiler that built and tested it, e.g. {@code tanhe 0.1.0}
 * @param built       when it was built
 * @param entry       the folder inside the package that was built (its methodology, tables or thresholds);
 *                    other folders hold what that folder imports, in the same layout (e.g. {@code shared/})
 * @param files       every file, sorted by path
 * @param tests       the in-file test results at build time (methodology packages; empty otherwise)
 */
public record Manifest(PackageKind kind, String id, String version, String description, String compiler, Instant built,
                       String entry, List<PackageFile> files, List<RecordedTest> tests) {
    /** The format this code writes and reads. */
    public static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Manifest {
        Objects.requireNonNull(kind, "kind");
        requireText(id, "id");
        requireText(version, "version");
        description = description == null ? "" : description;
        Objects.requireNonNull(compiler, "compiler");
        Objects.requireNonNull(built, "built");
        entry = entry == null ? "" : entry;
        files = files.stream().sorted(java.util.Comparator.comparing(PackageFile::path)).toList();
        tests = List.copyOf(tests);
    }

    /** The listed file at {@code path}, if any. */
    public Optional<PackageFile> file(String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst();
    }

    /** The manifest as the bytes a package stores and signatures cover (UTF-8 JSON). */
    public byte[] toBytes() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("kind", kind.label());
        root.put("id", id);
        root.put("version", version);
        root.put("description", description);
        root.put("compiler", compiler);
        root.put("built", built.toString());
        root.put("entry", entry);
        ArrayNode fs = root.putArray("files");
        for (PackageFile f : files) {
            fs.addObject().put("path", f.path()).put("sm3", f.sm3()).put("size", f.size());
        }
        ArrayNode ts = root.putArray("tests");
        for (RecordedTest t : tests) {
            ts.addObject().put("file", t.file()).put("title", t.title()).put("passed", t.passed());
        }
        try {
            return (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a manifest: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a manifest's bytes.
     *
     * @throws PackageFormatException naming the field that is missing or wrong
     */
    public static Manifest parse(byte[] bytes) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new PackageFormatException("manifest.json is not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new PackageFormatException("manifest.json: expected a JSON object");
        }
        int format = root.path("format").asInt(-1);
        if (format != FORMAT) {
            throw new PackageFormatException("manifest.json: format " + root.path("format")
                    + " is not supported (this tanhe reads format " + FORMAT + "); use a tanhe that matches the package");
        }
        try {
            List<PackageFile> files = new ArrayList<>();
            int i = 0;
            for (JsonNode f : array(root, "files")) {
                files.add(new PackageFile(text(f, "files[" + i + "].path", "path"), text(f, "files[" + i + "].sm3", "sm3"),
                        f.path("size").asLong(-1)));
                i++;
            }
            List<RecordedTest> tests = new ArrayList<>();
            i = 0;
            for (JsonNode t : array(root, "tests")) {
                tests.add(new RecordedTest(text(t, "tests[" + i + "].file", "file"), text(t, "tests[" + i + "].title", "title"),
                        t.path("passed").asBoolean(false)));
                i++;
            }
            return new Manifest(PackageKind.of(text(root, "kind", "kind")), text(root, "id", "id"),
                    text(root, "version", "version"), root.path("description").asText(""), text(root, "compiler", "compiler"),
                    Instant.parse(text(root, "built", "built")), root.path("entry").asText(""), files, tests);
        } catch (IllegalArgumentException | DateTimeParseException | NullPointerException e) {
            throw new PackageFormatException("manifest.json: " + e.getMessage(), e);
        }
    }

    private static Iterable<JsonNode> array(JsonNode root, String field) {
        JsonNode n = root.path(field);
        if (!n.isArray()) {
            throw new PackageFormatException("manifest.json: '" + field + "' must be a list");
        }
        return n;
    }

    private static String text(JsonNode node, String where, String field) {
        JsonNode n = node.path(field);
        if (!n.isTextual() || n.asText().isBlank()) {
            throw new PackageFormatException("manifest.json: '" + where + "' is missing or not text");
        }
        return n.asText();
    }

    private static void requireText(String s, String name) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(name + " is missing");
        }
    }
}
