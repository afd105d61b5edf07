package io.tanhe.grammar.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docs/error-codes.md documents every {@link ErrorCode}, under its code and title, and nothing else. */
class ErrorCodeDocTest {
    /** Maven runs tests in the module directory; the docs are at the repository root. */
    private static final Path DOC = Path.of("..", "docs", "error-codes.md");
    private static List<String> headings;

    @BeforeAll
    static void readHeadings() throws IOException {
        headings = Files.readAllLines(DOC, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith("## ")).toList();
    }

    @Test
    void everyCodeHasASectionWithItsTitle() {
        List<String> missing = Arrays.stream(ErrorCode.values()).map(ErrorCodeDocTest::heading)
                .filter(h -> !headings.contains(h)).toList();
        assertEquals(List.of(), missing, "sections missing from " + DOC + " (or with another title)");
    }

    @Test
    void theDocumentHasNoSectionForACodeThatDoesNotExist() {
        List<String> known = Arrays.stream(ErrorCode.values()).map(ErrorCodeDocTest::heading).toList();
        assertEquals(List.of(), headings.stream().filter(h -> !known.contains(h)).toList());
    }

    @Test
    void everySectionShowsAnExampleThatPrintsTheCodeAndSaysHowToFixIt() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        for (ErrorCode code : ErrorCode.values()) {
            int start = doc.indexOf(heading(code));
            int end = doc.indexOf("\n## ", start + 1);
            String section = doc.substring(start, end < 0 ? doc.length() : end);
            int example = section.indexOf("**Example**");
            int fix = section.indexOf("**Fix:**");
            assertTrue(example > 0 && fix > example, code + ": needs an **Example** and then a **Fix:**");
            assertTrue(section.substring(example, fix).contains(code.name()), code + ": the example does not print the code");
        }
    }

    private static String heading(ErrorCode code) {
        return "## " + code.name() + " — " + code.title();
    }
}
