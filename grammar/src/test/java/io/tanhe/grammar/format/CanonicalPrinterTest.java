package io.tanhe.grammar.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tanhe.grammar.ast.Decl;
import io.tanhe.grammar.ast.SourceFile;
import io.tanhe.grammar.parse.MethodologyParser;
import io.tanhe.grammar.parse.ParseResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code tanhe fmt}: one canonical layout, reached in one step, that keeps comments and meaning. */
class CanonicalPrinterTest {
    private static final String HEADER = "methodology m\n  version 1\n  title \"t\"\n  source \"s\"\n  industry \"i\"\n";

    private static String fmt(String text) {
        ParseResult r = MethodologyParser.parse("f.tanhe", text);
        assertEquals(List.of(), r.diagnostics(), text);
        return CanonicalPrinter.print(r.file());
    }

    /** Every .tanhe of the test corpus and under methodologies/ (Maven runs in the module directory). */
    static List<Path> files() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(Path.of("..", "engine", "src", "test", "resources", "valid"), Path.of("..", "methodologies"))) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(p -> p.toString().endsWith(".tanhe") && !p.toString().contains("target")).sorted().forEach(files::add);
            }
        }
        return files;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void formattingIsAFixedPointAfterOneStep(Path file) throws IOException {
        String once = fmt(Files.readString(file, StandardCharsets.UTF_8));
        assertEquals(once, fmt(once));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void formattingKeepsTheDeclarationsAndTheirComments(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        SourceFile before = MethodologyParser.parse("f.tanhe", text).file();
        SourceFile after = MethodologyParser.parse("f.tanhe", fmt(text)).file();
        assertEquals(before.decls().stream().map(Decl::displayName).toList(), after.decls().stream().map(Decl::displayName).toList());
        assertEquals(before.decls().stream().map(Decl::comments).toList(), after.decls().stream().map(Decl::comments).toList());
        assertEquals(before.trailingComments(), after.trailingComments());
    }

    @Test
    void theShippedMethodologiesAreAmongTheFormattedFiles() throws IOException {
        assertTrue(files().stream().anyMatch(p -> p.toString().contains("methodologies")), files().toString());
    }

    @Test
    void layoutIsCanonicalWhateverTheSpacing() {
        String messy = HEADER + "set   fuel{coal,gas}\ninput x[fuel]:t   counter\nvalue v[f in fuel]:t=x[f]*2\n";
        assertEquals(HEADER + """

                set fuel {
                  coal,
                  gas
                }

                input x[fuel] : t counter

                value v[f in fuel] : t =
                  x[f] * 2
                """, fmt(messy));
    }

    @Test
    void parenthesesStayWhereTheAuthorWroteThem() {
        String out = fmt(HEADER + "value v : t = (a + b) * c + a * (b) - -c\n");
        assertTrue(out.contains("  (a + b) * c + a * (b) - -c\n"), out);
    }

    @Test
    void numbersKeepTheirDigitsAndStringsTheirEscapes() {
        String out = fmt(HEADER + "factor f : t \"say \\\"hi\\\" \\\\ 再见\" { value 19.570 source \"a\\tb\" confidence A }\n");
        assertTrue(out.contains("\"say \\\"hi\\\" \\\\ 再见\""), out);
        assertTrue(out.contains("value 19.570 source \"a\\tb\""), out);
    }

    @Test
    void aSecondTestDateIsKeptWithItsCommentForTheCompilerToReport() {
        String out = fmt(HEADER + "test \"t\" {\n// first\non 2024-03-01\ninput x = 1 t\n// second\non 2024-05-01\n}\n");
        assertTrue(out.contains("  // first\n  on 2024-03-01\n  // second\n  on 2024-05-01\n"), out);
    }

    @Test
    void aCommentBeforeATestDateStaysBeforeIt() {
        String out = fmt(HEADER + "test \"t\" {\n// restart month\non 2024-03-01\n}\n");
        assertTrue(out.contains("  // restart month\n  on 2024-03-01\n"), out);
    }

    @Test
    void blockCommentsAreReindentedLineByLine() {
        String out = fmt(HEADER + "   /* one\n        two */\ninput x : t period\n");
        assertTrue(out.contains("/* one\ntwo */\ninput x : t period\n"), out);
    }
}
