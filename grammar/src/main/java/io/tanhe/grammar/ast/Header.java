package io.tanhe.grammar.ast;

import java.time.LocalDate;
import java.util.List;

/**
 * The header of a file. Fields not written are null; the compiler reports the required ones.
 *
 * @param library true for a shared definition file ({@code library}), false for a methodology
 */
public record Header(boolean library, Name id, String version, SourceSpan versionSpan, String title,
                     String source, LocalDate effectiveFrom, LocalDate effectiveUntil, String industry,
                     List<DuplicateField> duplicates, SourceSpan span, List<String> comments) {

    public Header {
        duplicates = List.copyOf(duplicates);
        comments = List.copyOf(comments);
    }

    /** A header field written twice; kept so that the checker can report it. */
    public record DuplicateField(String field, SourceSpan span) {
    }
}
