package io.tanhe.engine.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tanhe.engine.testing.TestOutcome;
import io.tanhe.engine.testing.TestRunner;
import io.tanhe.grammar.diagnostics.Diagnostic;
import io.tanhe.grammar.diagnostics.DiagnosticPrinter;
import io.tanhe.grammar.diagnostics.ErrorCode;
import io.tanhe.grammar.format.CanonicalPrinter;
import io.tanhe.grammar.parse.Limits;
import io.tanhe.grammar.parse.MethodologyParser;
import io.tanhe.grammar.parse.ParseResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that used to exhaust the compiler's stack or heap, or crash it, under the launcher's
 * {@code -Xss512k}: each is now a positioned diagnostic with a code. Every compilation here runs on
 * a thread with a 512 KiB stack, like {@code ./tanhe}.
 */
class CompilerLimitsTest {
    static final String HEADER = """
            methodology t.limits
              version 1.0
              title "t"
              source "s"
              industry "demo"

            """;

    @TempDir
    Path dir;

    /** Runs {@code work} on a thread with the launcher's stack size; rethrows what it threw, a StackOverflowError included. */
    static <T> T onLaunchersStack(Supplier<T> work) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                result.set(work.get());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "xss512k", 512 * 1024);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (failure.get() != null) {
            throw new AssertionError("threw " + failure.get(), failure.get());
        }
        return result.get();
    }

    private static Compilation compileText(String text) {
        return onLaunchersStack(() -> Compiler.compileText("limits.tanhe", text));
    }

    private Compilation compileFile(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return onLaunchersStack(() -> Compiler.compile(file));
    }

    private static List<ErrorCode> codes(Compilation c) {
        return c.diagnostics().stream().map(Diagnostic::code).distinct().toList();
    }

    private static Diagnostic only(Compilation c, ErrorCode code) {
        List<Diagnostic> found = c.diagnostics().stream().filter(d -> d.code() == code).toList();
        assertEquals(1, found.size(), "one " + code + " expected: " + c.diagnostics());
        return found.getFirst();
    }

    private static String render(Compilation c) {
        DiagnosticPrinter printer = new DiagnosticPrinter(p -> c.loaded().sources().getOrDefault(p, List.of()));
        return c.diagnostics().stream().map(printer::render).collect(Collectors.joining());
    }

    @Test
    void parenthesesEightHundredDeepAreRefusedWithE104AtTheSixtyFifthParenthesis() {
        String text = HEADER + "value v : 1 = " + "(".repeat(800) + "1" + ")".repeat(800) + "\n";
        Compilation c = compileText(text);
        Diagnostic d = only(c, ErrorCode.E104);
        assertEquals(7, d.span().line());
        assertEquals("value v : 1 = ".length() + Limits.MAX_NESTING + 1, d.span().column());
        assertEquals(List.of(ErrorCode.E104), codes(c));
        assertFalse(c.ok());
    }

    @Test
    void parenthesesFiveThousandDeepAndNeverClosedAreRefusedWithE104() {
        Compilation c = compileText(HEADER + "value v : 1 = " + "(".repeat(5000) + "1\n");
        assertEquals(List.of(ErrorCode.E104), codes(c));
    }

    @Test
    void aNineHundredTermSumIsRefusedWithE105AtTheFirstOperatorOverTheLimit() {
        String text = HEADER + "value v : 1 = " + IntStream.range(0, 900).mapToObj(i -> "1").collect(Collectors.joining(" + ")) + "\n";
        Compilation c = compileText(text);
        Diagnostic d = only(c, ErrorCode.E105);
        assertEquals(7, d.span().line());
        assertEquals("value v : 1 = ".length() + 3 + Limits.MAX_OPERATORS * 4, d.span().column());
        assertEquals(List.of(ErrorCode.E105), codes(c));
    }

    @Test
    void aLongChainOfUnaryMinusIsRefusedWithE105() {
        Compilation c = compileText(HEADER + "value v : 1 = " + "- ".repeat(5000) + "1\n");
        assertEquals(List.of(ErrorCode.E105), codes(c));
    }

    @Test
    void aStatementOverALimitDoesNotHideTheProblemsOfTheOthers() {
        String text = HEADER + "value v : 1 = " + "(".repeat(100) + "1" + ")".repeat(100) + "\n"
                + "value w : 1 = 2 +\n";
        Compilation c = compileText(text);
        assertEquals(List.of(ErrorCode.E104, ErrorCode.E100), codes(c));
    }

    /** The limits themselves are safe: a formula at both limits at once checks, tests, formats and explains under -Xss512k. */
    @Test
    void aFormulaAtTheLimitsCompilesRunsItsTestAndFormatsUnderTheLaunchersStack() {
        int depth = Limits.MAX_NESTING;
        int sums = Limits.MAX_OPERATORS - depth;
        String body = "(x * ".repeat(depth) + "x" + " + x".repeat(sums) + ")".repeat(depth);
        String text = HEADER + "input x : 1 period\nvalue v : 1 = " + body + "\n"
                + "test \"x = 1\" {\n  input x = 1\n  expect v = " + (sums + 1) + " ± 0.001\n}\n";
        Compilation c = compileText(text);
        assertEquals(List.of(), c.diagnostics().stream().filter(Diagnostic::isError).toList());
        List<TestOutcome> outcomes = onLaunchersStack(() -> new TestRunner(c).runAll());
        assertTrue(outcomes.getFirst().passed(), outcomes.toString());
        String formatted = onLaunchersStack(() -> CanonicalPrinter.print(MethodologyParser.parse("limits.tanhe", text).file()));
        ParseResult again = onLaunchersStack(() -> MethodologyParser.parse("limits.tanhe", formatted));
        assertEquals(List.of(), again.diagnostics());
    }

    @Test
    void importingDevZeroIsRefusedWithE107InsteadOfRunningOutOfMemory() {
        Path devZero = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(devZero), "no /dev/zero here");
        Compilation c = compileText(HEADER + "import \"/dev/zero\"\n");
        Diagnostic d = only(c, ErrorCode.E107);
        assertEquals(7, d.span().line());
        assertEquals(1, d.span().column());
    }

    @Test
    void aFileLargerThanOneMebibyteIsRefusedWithE107() throws IOException {
        String big = HEADER + "// " + "x".repeat(Limits.MAX_FILE_BYTES) + "\n";
        Compilation c = compileFile("big.tanhe", big.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(ErrorCode.E107), codes(c));
    }

    @Test
    void aFileOfInvalidUtf8IsE106AtTheFirstBadByteNotANullPointerException() throws IOException {
        byte[] text = (HEADER + "set fuel \"").getBytes(StandardCharsets.UTF_8);
        byte[] bytes = java.util.Arrays.copyOf(text, text.length + 3);
        bytes[text.length] = (byte) 0xC1; // 料 in GBK, never UTF-8
        bytes[text.length + 1] = (byte) 0xCF;
        bytes[text.length + 2] = '"';
        Compilation c = compileFile("gbk.tanhe", bytes);
        Diagnostic d = only(c, ErrorCode.E106);
        assertEquals(7, d.span().line());
        assertEquals(11, d.span().column());
        assertTrue(d.message().contains("0xC1"), d.message());
        assertEquals(List.of(ErrorCode.E106), codes(c));
        Compilation garbage = compileFile("garbage.tanhe", new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0xFA});
        assertEquals(List.of(ErrorCode.E106), codes(garbage));
    }

    @Test
    void aMissingFileIsE309NotANullPointerException() {
        Compilation c = onLaunchersStack(() -> Compiler.compile(dir.resolve("no-such.tanhe")));
        assertEquals(List.of(ErrorCode.E309), codes(c));
    }

    @Test
    void aSetOfAHundredThousandMembersIsRefusedWithE108() {
        String members = IntStream.range(0, 100_000).mapToObj(i -> "m" + i).collect(Collectors.joining(", "));
        Compilation c = compileText(HEADER + "set s {" + members + "}\nfactor f[s] : 1\nvalue v : 1 = sum(f)\n");
        Diagnostic d = only(c, ErrorCode.E108);
        assertTrue(d.message().contains("100000 members"), d.message());
        assertFalse(c.ok());
    }

    @Test
    void aFactorIndexedByAMillionCombinationsIsRefusedWithE108() {
        String s = IntStream.range(0, 1000).mapToObj(i -> "m" + i).collect(Collectors.joining(", "));
        String t = IntStream.range(0, 1000).mapToObj(i -> "k" + i).collect(Collectors.joining(", "));
        Compilation c = compileText(HEADER + "set s {" + s + "}\nset t {" + t + "}\nfactor f[s, t] : 1\n"
                + "input x[s, t] : 1 period\nvalue v : 1 = sum(a in s, b in t: f[a, b] * x[a, b])\n");
        List<Diagnostic> found = c.diagnostics().stream().filter(d -> d.code() == ErrorCode.E108).toList();
        assertEquals(2, found.size(), c.diagnostics().toString());
        assertEquals(9, found.getFirst().span().line());
        assertTrue(found.getFirst().message().contains("s × t"), found.getFirst().message());
    }

    @Test
    void aNulInsideAStringIsRefusedWithE106AtItsColumn() {
        Compilation c = compileText(HEADER.replace("title \"t\"", "title \"a\u0000b\""));
        Diagnostic d = only(c, ErrorCode.E106);
        assertEquals(3, d.span().line());
        assertEquals(11, d.span().column());
        assertTrue(d.message().contains("NUL"), d.message());
    }

    @Test
    void aCyrillicLookAlikeInANameIsNamedInTheHint() {
        Compilation c = compileText(HEADER + "input power : kWh counter\nvalue v : kWh = \u0440ower\n");
        Diagnostic d = only(c, ErrorCode.E300);
        assertTrue(d.hint().contains("U+0440 CYRILLIC SMALL LETTER ER"), d.hint());
        assertTrue(d.hint().contains("U+0070 LATIN SMALL LETTER P"), d.hint());
    }

    @Test
    void importingAFileThatIsNotAMethodologyDoesNotShowItsContent() throws IOException {
        Path secret = dir.resolve("passwd");
        Files.writeString(secret, "root:x:0:0:root:/root:/bin/bash\n");
        Compilation c = compileText(HEADER + "import \"" + secret + "\"\n");
        assertEquals(List.of(ErrorCode.E316), codes(c));
        String printed = render(c);
        assertFalse(printed.contains("root"), printed);
    }

    @Test
    void anImportChainFifteenHundredDeepIsE104NotAStackOverflow() throws IOException {
        int n = 1500;
        for (int i = 0; i < n; i++) {
            String head = i == 0 ? HEADER.replace("t.limits", "t.chain") : "library t.l" + i + "\n  version 1.0\n\n";
            Files.writeString(dir.resolve("m" + i + ".tanhe"), head + (i < n - 1 ? "import \"m" + (i + 1) + ".tanhe\"\n" : ""));
        }
        Compilation c = onLaunchersStack(() -> Compiler.compile(dir.resolve("m0.tanhe")));
        Diagnostic d = only(c, ErrorCode.E104);
        assertTrue(d.span().file().endsWith("m" + (Limits.MAX_IMPORT_DEPTH - 1) + ".tanhe"), d.toString());
    }

    @Test
    void aLibraryImportResolvesFromTheLibraryWhenItIsNotNextToTheFile() throws IOException {
        Path library = Files.createDirectories(dir.resolve("methodologies"));
        Files.createDirectories(library.resolve("shared"));
        Files.writeString(library.resolve("shared/twice.tanhe"), "library lib.twice\n  version 1\n\nformula twice(a) = 2 * a\n");
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        for (String path : List.of("shared/twice.tanhe", "methodologies/shared/twice.tanhe")) {
            Files.writeString(elsewhere.resolve("m.tanhe"), HEADER + "import \"" + path + "\"\n\ninput x : t period\n"
                    + "value v : t = twice(x)\n");
            assertEquals(List.of(), Compiler.compile(elsewhere.resolve("m.tanhe"), List.of(library)).diagnostics(), path);
            assertEquals(List.of(ErrorCode.E309, ErrorCode.E307),
                    codes(Compiler.compile(elsewhere.resolve("m.tanhe"))), "without the library: " + path);
        }
    }
}
