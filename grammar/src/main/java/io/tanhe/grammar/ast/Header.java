package io.tanhe.grammar.ast;

import java.time.LocalDate;
import java.util.List;

/**
 * The header of a file. Fields not written are null; the compiler reports the required ones.
 *
 * @param library true for a shared definition file ({@code library}), false for a methodology
 * @param tests   for a test file ({@code tests "…"} or {@code tests <id> version <v>}), the methodology it tests;
 *                null for a methodology or library
 */
public record Header(boolean library, Name id, String version, SourceSpan versionSpan, String title,
                     String source, LocalDate effectiveFrom, LocalDate effectiveUntil, String industry,
                     List<DuplicateField> duplicates, SourceSpan span, List<String> comments, TestTarget tests) {

    public Header {
        duplicates = List.copyOf(duplicates);
        comments = List.copyOf(comments);
    }

    /** The header of a methodology or library. */
    public Header(boolean library, Name id, String version, SourceSpan versionSpan, String title, String source,
                  LocalDate effectiveFrom, LocalDate effectiveUntil, String industry, List<DuplicateField> duplicates,
                  SourceSpan span, List<String> comments) {
        this(library, id, version, versionSpan, title, source, effectiveFrom, effectiveUntil, industry, duplicates, span,
                comments, null);
    }

    /** True for a test file, which tests a methodology it names instead of declaring one. */
    public boolean testFile() {
        return tests != null;
    }

    /** A header field written twice; kept so that the checker can report it. */
    public record DuplicateField(String field, SourceSpan span) {
    }

    /**
     * The methodology a test file tests: a path relative to the test file (then looked up in the library), or an
     * id and version looked up in the library.
     *
     * @param path    the path as written, or null
     * @param id      the methodology id, or null when a path is given
     * @param version the methodology version, or null when a path is given
     * @param span    where the target is written
     */
    public record TestTarget(String path, Name id, String version, SourceSpan span) {
        @Override
        public String toString() {
            return path != null ? "\"" + path + "\"" : id.text() + " version " + version;
        }
    }
}
