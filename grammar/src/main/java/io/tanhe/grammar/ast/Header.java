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

    /**
     * A header field (or factor value attribute) written again after its first time; kept so that the
     * checker can report it and the formatter can print it back instead of dropping what was written.
     *
     * @param field the field's keyword
     * @param text  the whole field as written, its tokens separated by single spaces
     */
    public record DuplicateField(String field, String text, SourceSpan span) {
    }
}
