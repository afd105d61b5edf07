package io.tanhe.engine.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One DRL file's text and the path it is reported under.
 *
 * @param path where it came from, used in diagnostics ({@code file:line})
 * @param drl  the DRL text
 */
public record RuleSource(String path, String drl) {

    public RuleSource {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(drl, "drl");
    }

    /**
     * Reads a DRL file.
     *
     * @throws UncheckedIOException naming the file when it cannot be read
     */
    public static RuleSource read(Path file) {
        try {
            return new RuleSource(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rules file " + file + ": " + e.getMessage(), e);
        }
    }
}
