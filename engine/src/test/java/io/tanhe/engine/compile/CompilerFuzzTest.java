package io.tanhe.engine.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tanhe.grammar.TanheLexer;
import io.tanhe.grammar.diagnostics.Diagnostic;
import io.tanhe.grammar.diagnostics.DiagnosticPrinter;
import io.tanhe.grammar.format.CanonicalPrinter;
import io.tanhe.grammar.parse.MethodologyParser;
import io.tanhe.grammar.parse.ParseResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Property test: random mutations of valid methodology files (see {@link SourceMutator}) never
 * make the toolchain throw. {@code Compiler.compileText} answers with diagnostics only, each of
 * which renders; a file without errors has a graph; and whatever parses
 * without syntax errors formats idempotently ({@code fmt(fmt(x)) == fmt(x)}) keeping every comment.
 *
 * <p>Seeds: the valid files under {@code src/test/resources/valid} and every {@code .tanhe} under
 * {@code methodologies/}. Both runs are reproducible (fixed master seeds), so that CI judges the
 * change and not the draw; {@code -Dfuzz.seed=N} runs another seed and {@code -Dfuzz.seed=random}
 * draws one (how the crashes fixed so far were found: hunt with it, then fix and add a golden case). A failure names the seed of the failing case and the
 * mutated text; {@link #replay(long, Seed)} re-creates it from that seed. The master seed is also
 * printed before the first case, for a run that hangs.
 */
class CompilerFuzzTest {
    private static final long DEFAULT_SEED = 20240101L;
    /** The slow run's seed; its 100,000 mutants passed when it was fixed (it had found a formatter bug). */
    private static final long SLOW_SEED = 15725696882890L;
    /**
     * How many times as often the files under {@code valid/} are drawn as the methodologies: they
     * use every construct, and compile in a fifth of the time of a file that loads factor tables.
     */
    private static final int VALID_WEIGHT = 4;
    private static List<Seed> seeds;

    /** A valid file and the path it is compiled under (relative to the module, so that imports resolve). */
    record Seed(String path, String text) {
    }

    @BeforeAll
    static void readSeeds() throws IOException {
        seeds = new ArrayList<>();
        for (Path f : tanheFiles(GoldenFiles.RESOURCES.resolve("valid"))) {
            Seed seed = seed(f);
            for (int i = 0; i < VALID_WEIGHT; i++) {
                seeds.add(seed);
            }
        }
        for (Path f : tanheFiles(Path.of("..", "methodologies"))) {
            seeds.add(seed(f));
        }
    }

    private static Seed seed(Path file) throws IOException {
        return new Seed(file.toString().replace('\\', '/'), Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void theSeedsAreValid() {
        assertTrue(seeds.size() >= 2, "seeds: " + seeds.size());
        for (Seed s : new java.util.LinkedHashSet<>(seeds)) {
            Compilation c = Compiler.compileText(s.path(), s.text());
            assertEquals(0, c.errors(), s.path() + ": " + c.diagnostics());
        }
    }

    @Test
    void fiveThousandMutationsNeverCrashTheCompilerOrTheFormatter() {
        fuzz(5_000, masterSeed(DEFAULT_SEED));
    }

    @Test
    @Tag("slow")
    void aHundredThousandMutationsNeverCrashTheCompilerOrTheFormatter() {
        fuzz(100_000, masterSeed(SLOW_SEED));
    }

    /**
     * Family "deep nesting": parentheses, brackets, braces, unary signs, `not`, `^` and `if` chains
     * nested up to 3,000 deep around a formula of a seed, on the launcher's 512 KiB stack. Never a
     * stack overflow; beyond the limits an E104 or E105.
     */
    @Test
    @Tag("slow")
    void deepNestingNeverOverflowsTheLaunchersStack() {
        Random random = new Random(masterSeed(DEFAULT_SEED + 1));
        String[][] wrappers = {{"(", ")"}, {"- ", ""}, {"not ", ""}, {"2 ^ ", ""}, {"if x > 0 then ", " else 0"},
                {"max(", ", 1)"}, {"sum(f in fuel: ", ")"}, {"(", ") [t]"}, {"[", "]"}, {"{", "}"}};
        for (int i = 0; i < 300; i++) {
            int depth = 1 + random.nextInt(i % 3 == 0 ? 3000 : 200);
            String[] w = wrappers[random.nextInt(wrappers.length)];
            String expr = w[0].repeat(depth) + "x" + w[1].repeat(random.nextInt(4) == 0 ? depth / 2 : depth);
            String text = LIMITS_HEADER + "input x : t period\nset fuel { coal }\nvalue v : t = " + expr + "\n";
            Compilation c = fuzzCase("deep nesting", i, depth + " × " + w[0], text);
            if (w[0].equals("(") && depth > io.tanhe.grammar.parse.Limits.MAX_NESTING) {
                assertTrue(c.diagnostics().stream().anyMatch(d -> d.code() == io.tanhe.grammar.diagnostics.ErrorCode.E104),
                        "no E104 for " + depth + " parentheses");
            }
        }
    }

    /** Family "long flat expressions": sums, products, comparisons and `and` chains of up to 5,000 terms. */
    @Test
    @Tag("slow")
    void longFlatExpressionsNeverOverflowTheLaunchersStack() {
        Random random = new Random(masterSeed(DEFAULT_SEED + 2));
        String[] operators = {" + ", " - ", " * ", " / ", " + 1 [t] * ", " and x > ", " or 1 < "};
        for (int i = 0; i < 300; i++) {
            int terms = 1 + random.nextInt(i % 3 == 0 ? 5000 : 400);
            String op = operators[random.nextInt(operators.length)];
            String expr = String.join(op, java.util.Collections.nCopies(terms, "x"));
            String text = LIMITS_HEADER + "input x : t period\nvalue v : t = " + expr + "\n"
                    + "test \"t\" {\n  input x = 1 t\n  expect v = 1 t\n}\n";
            Compilation c = fuzzCase("long flat expression", i, terms + " × `" + op.strip() + "`", text);
            if (op.equals(" + ") && terms - 1 > io.tanhe.grammar.parse.Limits.MAX_OPERATORS) {
                assertTrue(c.diagnostics().stream().anyMatch(d -> d.code() == io.tanhe.grammar.diagnostics.ErrorCode.E105),
                        "no E105 for " + terms + " terms");
            }
        }
    }

    /**
     * Family "bad encodings": a seed's bytes with invalid UTF-8 (lone continuation bytes, overlong
     * forms, surrogates, truncated sequences), NUL and other control bytes, re-encoded as UTF-16 or
     * GBK, read from disk as {@code tanhe check} reads them. Never a throw; invalid UTF-8 is E106.
     */
    @Test
    @Tag("slow")
    void badEncodingsAreDiagnosticsNeverCrashes(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Random random = new Random(masterSeed(DEFAULT_SEED + 3));
        byte[][] bad = {{(byte) 0x80}, {(byte) 0xBF}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xC1, (byte) 0xCF},
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xE7, (byte) 0x87}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                {(byte) 0xFF}, {(byte) 0xFE, (byte) 0xFF}, {0}, {7}, {0x1B}, {0x7F}, {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}};
        java.nio.charset.Charset[] charsets = {StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE,
                java.nio.charset.Charset.forName("GBK"), StandardCharsets.ISO_8859_1};
        for (int i = 0; i < 200; i++) {
            Seed seed = seeds.get(random.nextInt(seeds.size()));
            byte[] bytes;
            if (i % 5 == 4) {
                bytes = seed.text().getBytes(charsets[random.nextInt(charsets.length)]);
            } else {
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                byte[] original = seed.text().getBytes(StandardCharsets.UTF_8);
                int at = random.nextInt(original.length + 1);
                out.write(original, 0, at);
                out.writeBytes(bad[random.nextInt(bad.length)]);
                out.write(original, at, original.length - at);
                bytes = out.toByteArray();
            }
            Path file = dir.resolve("case" + i + ".tanhe");
            Files.write(file, bytes);
            boolean utf8 = isUtf8(bytes);
            int index = i;
            Compilation c = CompilerLimitsTest.onLaunchersStack(() -> {
                try {
                    return checked(Compiler.compile(file));
                } catch (RuntimeException | Error e) {
                    throw new AssertionError("bad encodings case " + index + " (from " + seed.path() + ") failed: " + e, e);
                }
            });
            if (!utf8) {
                assertTrue(c.diagnostics().stream().anyMatch(d -> d.code() == io.tanhe.grammar.diagnostics.ErrorCode.E106),
                        "case " + i + ": not UTF-8 but no E106: " + c.diagnostics());
            }
        }
    }

    private static final String LIMITS_HEADER = CompilerLimitsTest.HEADER;

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    /** Compiles, renders, tests and formats one generated case on the launcher's stack; failures name the case. */
    private static Compilation fuzzCase(String family, int index, String what, String text) {
        return CompilerLimitsTest.onLaunchersStack(() -> {
            try {
                Compilation c = checked(Compiler.compileText("fuzz.tanhe", text));
                checkFormatter("fuzz.tanhe", text);
                return c;
            } catch (RuntimeException | Error e) {
                throw new AssertionError(family + " case " + index + " (" + what + ") failed: " + e, e);
            }
        });
    }

    /** The properties of {@link #checkCompiler} on a compilation: rendered diagnostics, a graph without errors, tests run. */
    private static Compilation checked(Compilation c) {
        DiagnosticPrinter printer = new DiagnosticPrinter(p -> c.loaded().sources().getOrDefault(p, List.of()));
        for (Diagnostic d : c.diagnostics()) {
            assertFalse(d.message().isBlank(), "a diagnostic without a message: " + d);
            printer.render(d);
        }
        if (c.errors() == 0) {
            assertTrue(c.graph().isPresent(), "no errors but no graph");
            new io.tanhe.engine.testing.TestRunner(c).runAll();
        }
        return c;
    }

    private static long masterSeed(long fixed) {
        String given = System.getProperty("fuzz.seed");
        if (given == null || given.isBlank()) {
            return fixed;
        }
        return given.equals("random") ? System.nanoTime() : Long.parseLong(given.strip());
    }

    private static void fuzz(int cases, long masterSeed) {
        // printed first, so that a run that hangs or is killed can be replayed too
        System.out.printf("fuzz: %d cases, master seed %d (replay with -Dfuzz.seed=%d)%n", cases, masterSeed, masterSeed);
        Random master = new Random(masterSeed);
        int formatted = 0;
        int compiled = 0;
        for (int i = 0; i < cases; i++) {
            long caseSeed = master.nextLong();
            Seed seed = seeds.get(Math.floorMod(caseSeed, seeds.size()));
            String mutant = replay(caseSeed, seed);
            try {
                compiled += checkCompiler(seed.path(), mutant) ? 1 : 0;
                formatted += checkFormatter(seed.path(), mutant) ? 1 : 0;
            } catch (RuntimeException | Error e) { // Error: assertions, and a stack overflow must name its case too
                throw new AssertionError("fuzz case " + i + " of master seed " + masterSeed + " (case seed " + caseSeed
                        + ", from " + seed.path() + ") failed: " + e + "\n--- mutated text ---\n" + mutant + "\n---", e);
            }
        }
        System.out.printf("fuzz: %d cases (master seed %d): %d compiled without errors, %d parsed and formatted%n",
                cases, masterSeed, compiled, formatted);
        assertTrue(formatted > cases / 20, "too few mutants parse for the formatter property to mean much: " + formatted);
    }

    /** The mutant of one case, from its seed. */
    static String replay(long caseSeed, Seed seed) {
        return SourceMutator.mutate(seed.text(), new Random(caseSeed));
    }

    /** @return whether it compiled without errors */
    private static boolean checkCompiler(String path, String text) {
        Compilation c = Compiler.compileText(path, text);
        DiagnosticPrinter printer = new DiagnosticPrinter(p -> c.loaded().sources().getOrDefault(p, List.of()));
        for (Diagnostic d : c.diagnostics()) {
            assertFalse(d.message().isBlank(), "a diagnostic without a message: " + d);
            assertTrue(d.span().line() >= 0 && d.span().column() >= 0, "a negative position: " + d);
            printer.render(d);
        }
        if (c.errors() > 0) {
            return false;
        }
        assertTrue(c.graph().isPresent(), "no errors but no graph");
        new io.tanhe.engine.testing.TestRunner(c).runAll(); // in-file tests of a mutant may fail, never crash
        return true;
    }

    /** @return whether the text parsed without syntax errors (and so was formatted) */
    private static boolean checkFormatter(String path, String text) {
        ParseResult parsed = MethodologyParser.parse(path, text);
        if (parsed.hasErrors()) {
            return false;
        }
        String once = CanonicalPrinter.print(parsed.file());
        ParseResult again = MethodologyParser.parse(path, once);
        assertEquals(List.of(), again.diagnostics(), "the formatted text does not parse:\n" + once);
        assertEquals(once, CanonicalPrinter.print(again.file()), "fmt is not idempotent");
        assertEquals(comments(text), comments(once), "fmt lost or changed comments:\n" + once);
        return true;
    }

    /** The comments of a text, each line stripped (fmt re-indents them), sorted. */
    static List<String> comments(String text) {
        TanheLexer lexer = new TanheLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        List<String> out = new ArrayList<>();
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            if (t.getType() == TanheLexer.LINE_COMMENT || t.getType() == TanheLexer.BLOCK_COMMENT) {
                out.add(String.join("\n", t.getText().strip().lines().map(String::strip).toList()));
            }
        }
        out.sort(null);
        return out;
    }

    private static List<Path> tanheFiles(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".tanhe") && !p.toString().contains("target"))
                    .sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
