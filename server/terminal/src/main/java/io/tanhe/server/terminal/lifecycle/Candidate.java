package io.tanhe.server.terminal.lifecycle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tanhe.engine.factors.FactorTableLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of a configuration package as the terminal received them, with what it says it is: normally a
 * signed package ({@code *.tpkg}, docs/packages.md; {@link #fromPackage}), kept whole so that its signatures
 * can be checked again at any step; for tests and dry runs also plain files ({@link #fromFiles}), whose name
 * and version are the first factor table's {@code table:} and {@code version:} and which no trust policy accepts.
 *
 * @param kind    what the package changes
 * @param name    the package's id
 * @param version its version
 * @param files   file path inside the package → text
 * @param signed  the signed package's bytes, Base64; empty for plain files
 */
public record Candidate(Kind kind, String name, String version, SortedMap<String, String> files, String signed) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TABLE = Pattern.compile("(?m)^table:\\s*\"?([^\"\\s#]+)\"?");
    private static final Pattern VERSION = Pattern.compile("(?m)^version:\\s*\"?([^\"\\s#]+)\"?");
    /** The most files and characters a package may hold: a factor update is a few tables. */
    static final int MAX_FILES = 64;
    static final int MAX_CHARS = 4_000_000;

    /** What a package changes (the package format's kinds). */
    public enum Kind {
        FACTORS("factor-update"), THRESHOLDS("threshold"), METHODOLOGY("methodology");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        /** As the package format names it, e.g. {@code factor-update}. */
        public String code() {
            return code;
        }

        static Kind of(String code) {
            return java.util.Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no package kind `" + code + "`"));
        }
    }

    /**
     * The candidate in a signed package file's bytes.
     *
     * @throws IllegalArgumentException when the bytes are not a package (not a zip, no manifest, unsafe paths, too big)
     */
    public static Candidate fromPackage(byte[] bytes, String origin) {
        io.tanhe.server.packages.ConfigPackage p;
        try {
            p = io.tanhe.server.packages.ConfigPackage.read(bytes, origin);
        } catch (io.tanhe.server.packages.PackageFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        SortedMap<String, String> files = new TreeMap<>();
        p.files().keySet().forEach(path -> files.put(path, p.text(path)));
        return new Candidate(Kind.of(p.manifest().kind().label()), p.manifest().id(), p.manifest().version(), files,
                java.util.Base64.getEncoder().encodeToString(bytes));
    }

    /** The signed package, when the candidate came as one. */
    public java.util.Optional<io.tanhe.server.packages.ConfigPackage> signedPackage() {
        return signed.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of(io.tanhe.server.packages.ConfigPackage.read(java.util.Base64.getDecoder().decode(signed), name));
    }

    public Candidate {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
        java.util.Objects.requireNonNull(signed, "signed");
    }

    /**
     * The candidate in {@code dir}: every regular file directly in it.
     *
     * @throws IllegalArgumentException when the directory holds nothing a terminal applies, or too much
     */
    public static Candidate fromDirectory(Path dir) {
        SortedMap<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.filter(Files::isRegularFile).sorted().toList()) {
                files.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the package directory " + dir + ": " + e.getMessage(), e);
        }
        return fromFiles(files, dir.toString());
    }

    /**
     * A candidate of {@code files}; {@code origin} names them in messages.
     *
     * @throws IllegalArgumentException when they hold nothing a terminal applies, or too much
     */
    public static Candidate fromFiles(Map<String, String> files, String origin) {
        if (files.size() > MAX_FILES || files.values().stream().mapToLong(String::length).sum() > MAX_CHARS) {
            throw new IllegalArgumentException(origin + ": a package holds at most " + MAX_FILES + " files and " + MAX_CHARS
                    + " characters");
        }
        boolean methodology = files.keySet().stream().anyMatch(f -> f.endsWith(".tanhe"));
        Map.Entry<String, String> table = files.entrySet().stream()
                .filter(e -> Candidate.isTable(e.getKey())).findFirst().orElse(null);
        if (methodology) {
            return new Candidate(Kind.METHODOLOGY, "methodology", "unknown", new TreeMap<>(files), "");
        }
        if (table == null) {
            throw new IllegalArgumentException(origin + " holds no factor table (*.factors.yaml) and no methodology (*.tanhe):"
                    + " nothing to apply; it has " + String.join(", ", files.keySet()));
        }
        return new Candidate(Kind.FACTORS, first(TABLE, table.getValue(), table.getKey(), "table"),
                first(VERSION, table.getValue(), table.getKey(), "version"), new TreeMap<>(files), "");
    }

    private static String first(Pattern p, String text, String file, String field) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException(file + ": no `" + field + ":` line; a factor table names itself with `table:` and `version:`");
        }
        return m.group(1);
    }

    /** True for a file named like a factor table ({@code *.factors.yaml} and so on). */
    static boolean isTable(String fileName) {
        return FactorTableLoader.TABLE_SUFFIXES.stream().anyMatch(fileName::endsWith);
    }

    /** As stored in the package's row (JSON). */
    public String encode() {
        ObjectNode o = JSON.createObjectNode();
        o.put("kind", kind.code()).put("name", name).put("version", version).put("signed", signed);
        ObjectNode f = o.putObject("files");
        files.forEach(f::put);
        return o.toString();
    }

    /** A candidate as {@link #encode} stored it. */
    public static Candidate decode(String json) {
        try {
            JsonNode o = JSON.readTree(json);
            SortedMap<String, String> files = new TreeMap<>();
            for (Iterator<String> it = o.path("files").fieldNames(); it.hasNext(); ) {
                String name = it.next();
                files.put(name, o.path("files").path(name).asText());
            }
            return new Candidate(Kind.of(o.path("kind").asText()), o.path("name").asText(), o.path("version").asText(), files,
                    o.path("signed").asText(""));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored configuration package is not what this terminal wrote: " + e.getOriginalMessage(), e);
        }
    }

    /** How the package is named in logs, reasons and the audit, e.g. {@code ox-coal 2026.2}. */
    public String label() {
        return name + " " + version;
    }
}
