package io.tanhe.grammar.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tanhe.grammar.TanheLexer;
import io.tanhe.grammar.TanheParser;
import io.tanhe.grammar.ast.Decl;
import io.tanhe.grammar.ast.Expr;
import io.tanhe.grammar.ast.Header;
import io.tanhe.grammar.ast.SourceFile;
import io.tanhe.grammar.ast.SourceSpan;
import io.tanhe.grammar.diagnostics.ErrorCode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.junit.jupiter.api.Test;

/** The parser: AST shapes, spans, comment attachment, recovery, and SLL/LL agreement. */
class MethodologyParserTest {
    static final String HEADER = """
            methodology demo.boiler-2
              version 2022.1
              title "演示"
              source "tutorial"
              effective from 2024-01-01 until 2025-01-01
              industry power
            """;

    private static SourceFile parseValid(String body) {
        ParseResult r = MethodologyParser.parse("t.tanhe", HEADER + body);
        assertEquals(List.of(), r.diagnostics());
        return r.file();
    }

    private static Expr formula(String expr) {
        return parseValid("value v : t = " + expr + "\n").declsOf(Decl.ComputedDecl.class).get(0).expr();
    }

    @Test
    void headerFieldsBecomeTheHeaderRecord() {
        Header h = parseValid("").header();
        assertEquals("demo.boiler-2", h.id().text());
        assertEquals("2022.1", h.version());
        assertEquals("演示", h.title());
        assertEquals(LocalDate.of(2024, 1, 1), h.effectiveFrom());
        assertEquals(LocalDate.of(2025, 1, 1), h.effectiveUntil());
        assertEquals("power", h.industry());
        assertFalse(h.library());
    }

    @Test
    void declarationsKeepTheirParts() {
        SourceFile f = parseValid("""
                set fuel "燃料" { coal "燃煤", gas }
                set gen_unit
                factor ncv[fuel] : GJ/t "低位发热量" basis AR5 {
                  value[coal] 20.90 MJ/kg valid from 2015-01-01 until 2024-01-01 source "GB" clause "B.1" confidence A note "n"
                }
                input burned[gen_unit, fuel] : t counter optional "耗量"
                emission e[u in gen_unit, f in fuel] : tCO2 class combustion indirect = burned[u, f] * 1 [tCO2/t]
                """);
        Decl.SetDecl fuel = f.declsOf(Decl.SetDecl.class).get(0);
        assertEquals(List.of("coal", "gas"), fuel.members().stream().map(m -> m.name().text()).toList());
        assertEquals("燃煤", fuel.members().get(0).label());
        assertNull(fuel.members().get(1).label());
        assertFalse(fuel.open());
        assertTrue(f.declsOf(Decl.SetDecl.class).get(1).open());

        Decl.FactorDecl ncv = f.declsOf(Decl.FactorDecl.class).get(0);
        assertEquals("AR5", ncv.basis().text());
        Decl.FactorEntry entry = ncv.entries().get(0);
        assertEquals(new BigDecimal("20.90"), entry.value());
        assertEquals("20.90", entry.valueText(), "the digits are kept as written");
        assertEquals("MJ/kg", entry.unit().toString());
        assertEquals(LocalDate.of(2024, 1, 1), entry.validUntil());
        assertEquals("B.1", entry.clause());
        assertEquals("A", entry.confidence().text());

        Decl.InputDecl burned = f.declsOf(Decl.InputDecl.class).get(0);
        assertEquals(Decl.InputKind.COUNTER, burned.kind());
        assertTrue(burned.optional());
        assertEquals(List.of("gen_unit", "fuel"), burned.dimensions().stream().map(n -> n.text()).toList());

        Decl.ComputedDecl e = f.declsOf(Decl.ComputedDecl.class).get(0);
        assertEquals(Decl.ComputedKind.EMISSION, e.kind());
        assertEquals("combustion", e.emissionClass().text());
        assertEquals("indirect", e.scope().text());
        assertEquals("f", e.bindings().get(1).variable().text());
        assertEquals("fuel", e.bindings().get(1).set().text());
    }

    @Test
    void multiplicationBindsTighterThanAdditionAndPowerTighterStill() {
        Expr.Binary add = assertInstanceOf(Expr.Binary.class, formula("a + b * c ^ 2"));
        assertEquals(Expr.BinaryOp.ADD, add.op());
        Expr.Binary mul = assertInstanceOf(Expr.Binary.class, add.right());
        assertEquals(Expr.BinaryOp.MUL, mul.op());
        assertEquals(Expr.BinaryOp.POW, assertInstanceOf(Expr.Binary.class, mul.right()).op());
    }

    @Test
    void subtractionIsLeftAssociative() {
        Expr.Binary outer = assertInstanceOf(Expr.Binary.class, formula("a - b - c"));
        assertInstanceOf(Expr.Binary.class, outer.left());
        assertInstanceOf(Expr.Ref.class, outer.right());
    }

    @Test
    void aRatioWithAUnitIsOneCastOfADivision() {
        Expr.UnitCast cast = assertInstanceOf(Expr.UnitCast.class, formula("44/12 [tCO2/tC]"));
        assertEquals("tCO2/tC", cast.unit().toString());
        assertEquals(Expr.BinaryOp.DIV, assertInstanceOf(Expr.Binary.class, cast.inner()).op());
    }

    @Test
    void parenthesesAreKeptAndCanCarryAUnit() {
        Expr.UnitCast cast = assertInstanceOf(Expr.UnitCast.class, formula("(a + b) [t]"));
        assertInstanceOf(Expr.Paren.class, cast.inner());
    }

    @Test
    void anAggregateCallKeepsItsBindings() {
        Expr.Call call = assertInstanceOf(Expr.Call.class, formula("sum(f in fuel, u in gen_unit: x[u, f])"));
        assertEquals("sum", call.function().text());
        assertEquals(2, call.bindings().size());
        Expr.Ref ref = assertInstanceOf(Expr.Ref.class, call.args().get(0));
        assertEquals(List.of("u", "f"), ref.indices().stream().map(n -> n.text()).toList());
        assertTrue(ref.indexed());
    }

    @Test
    void conditionsParseWithNotAndOr() {
        Expr.If i = assertInstanceOf(Expr.If.class, formula("if available(m) and not (x > 0 [t]) or y == z then m else 0 [t]"));
        assertEquals(Expr.BinaryOp.OR, assertInstanceOf(Expr.Binary.class, i.condition()).op());
    }

    @Test
    void spansAreOneBasedLineAndColumnOfFirstAndLastCharacter() {
        SourceFile f = parseValid("input 燃料量 : t period\n");
        Decl.InputDecl in = f.declsOf(Decl.InputDecl.class).get(0);
        int line = HEADER.split("\n").length + 1;
        assertEquals(new SourceSpan("t.tanhe", line, 7, line, 9), in.name().span(), "a CJK character is one column");
        assertEquals(new SourceSpan("t.tanhe", line, 1, line, 20), in.span());
    }

    @Test
    void testBlocksKeepDateInputsOverridesAndTolerances() {
        Decl.TestDecl t = parseValid("""
                test "月" {
                  on 2024-03-01
                  input x[a] = -1.50 t
                  factor f = 2 GJ/t
                  expect v = 3 t ± 0.5%
                  expect w = 4 within 0.01
                }
                """).declsOf(Decl.TestDecl.class).get(0);
        assertEquals(LocalDate.of(2024, 3, 1), t.on());
        assertEquals(new BigDecimal("-1.50"), t.inputs().get(0).value());
        assertEquals("a", t.inputs().get(0).key().get(0).text());
        assertEquals("GJ/t", t.factors().get(0).unit().toString());
        assertTrue(t.expectations().get(0).relative());
        assertEquals(new BigDecimal("0.5"), t.expectations().get(0).tolerance());
        assertFalse(t.expectations().get(1).relative());
        assertNull(t.expectations().get(1).unit());
    }

    @Test
    void aCommentBelongsToTheStatementAfterIt() {
        SourceFile f = parseValid("// the fuels\nset fuel { coal }\n/* block */\ninput x : t period\n");
        assertEquals(List.of("// the fuels"), f.decls().get(0).comments());
        assertEquals(List.of("/* block */"), f.decls().get(1).comments());
    }

    @Test
    void aCommentAtTheEndOfALineBelongsToTheStatementEndingThere() {
        SourceFile f = parseValid("set fuel { coal } // closed\ninput x : t period\n");
        assertEquals(List.of("// closed"), f.decls().get(0).comments());
        assertEquals(List.of(), f.decls().get(1).comments());
    }

    @Test
    void commentsInsideBlocksBelongToTheirEntries() {
        SourceFile f = parseValid("""
                factor f : t {
                  // first
                  value 1 source "s" confidence A
                }
                test "t" {
                  // about x
                  input x = 1 t
                  // about v
                  expect v = 1 t
                }
                // the end
                """);
        assertEquals(List.of("// first"), f.declsOf(Decl.FactorDecl.class).get(0).entries().get(0).comments());
        Decl.TestDecl t = f.declsOf(Decl.TestDecl.class).get(0);
        assertEquals(List.of("// about x"), t.inputs().get(0).comments());
        assertEquals(List.of("// about v"), t.expectations().get(0).comments());
        assertEquals(List.of("// the end"), f.trailingComments());
    }

    @Test
    void aRepeatedAttributeOfAFactorValueIsRecordedAndTheFirstCounts() {
        Decl.FactorEntry e = parseValid("factor f : t { value 1 source \"a\" note \"n\" source \"b\" }\n")
                .declsOf(Decl.FactorDecl.class).get(0).entries().get(0);
        assertEquals("a", e.source());
        assertEquals(List.of("source"), e.duplicates().stream().map(Header.DuplicateField::field).toList());
    }

    @Test
    void twoTestDatesAreBothKeptAndTheFirstIsTheTestsDate() {
        Decl.TestDecl t = parseValid("test \"t\" {\n  on 2024-03-01\n  on 2024-05-01\n}\n").declsOf(Decl.TestDecl.class).get(0);
        assertEquals(2, t.dates().size());
        assertEquals(LocalDate.of(2024, 3, 1), t.on());
    }

    @Test
    void aCommentBeforeATestDateIsKept() {
        Decl.TestDecl t = parseValid("test \"t\" {\n  // restart month\n  on 2024-03-01\n}\n").declsOf(Decl.TestDecl.class).get(0);
        assertEquals(List.of("// restart month"), t.dates().get(0).comments());
    }

    @Test
    void afterASyntaxErrorTheParserRecoversAndKeepsTheLaterStatements() {
        ParseResult r = MethodologyParser.parse("t.tanhe", HEADER + "input a : t period\nfactor b GJ\ninput c : t counter counter\ninput d : t rate\n");
        assertEquals(2, r.diagnostics().size(), r.diagnostics().toString());
        assertTrue(r.diagnostics().stream().allMatch(d -> d.code() == ErrorCode.E100));
        List<String> names = r.file().decls().stream().map(Decl::displayName).toList();
        assertTrue(names.containsAll(List.of("a", "d")), names.toString());
    }

    @Test
    void theSameStatementsParseToTheSameNodesWithOrWithoutAnEarlierError() {
        String tail = "input d : t rate\nemission e : tCO2 class process = d * 2 [tCO2/h]\n";
        SourceFile clean = MethodologyParser.parse("t.tanhe", HEADER + "input a : t period\n" + tail).file();
        ParseResult broken = MethodologyParser.parse("t.tanhe", HEADER + "input a : ; period\n" + tail);
        assertTrue(broken.hasErrors());
        assertEquals(clean.decls().subList(1, 3), broken.file().decls().subList(broken.file().decls().size() - 2,
                broken.file().decls().size()));
    }

    @Test
    void theParserNeverThrowsOnGarbage() {
        for (String text : List.of("", "\u0000", "methodology", "methodology x version", "\"", "/*", "{{{{", "test \"t\" {",
                "methodology x\nset s { a,, }\nvalue v : t = ((((\n", "library 碳 version 1 import")) {
            ParseResult r = MethodologyParser.parse("g.tanhe", text);
            assertTrue(r.hasErrors(), text);
        }
    }

    @Test
    void slowLlPredictionBuildsTheSameTreeAsTheFastSllPathOnValidFiles() throws IOException {
        for (Path file : corpus()) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            assertEquals(tree(text, PredictionMode.LL), tree(text, PredictionMode.SLL), file.toString());
        }
    }

    private static String tree(String text, PredictionMode mode) {
        TanheLexer lexer = new TanheLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        TanheParser parser = new TanheParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        parser.setErrorHandler(new BailErrorStrategy());
        parser.getInterpreter().setPredictionMode(mode);
        return parser.file().toStringTree(parser);
    }

    /** The valid files of the test corpus and the shipped methodologies (Maven runs in the module directory). */
    static List<Path> corpus() throws IOException {
        List<Path> files = new java.util.ArrayList<>();
        for (Path dir : List.of(Path.of("..", "engine", "src", "test", "resources", "valid"), Path.of("..", "methodologies"))) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(p -> p.toString().endsWith(".tanhe") && !p.toString().contains("target")).sorted().forEach(files::add);
            }
        }
        assertTrue(files.size() >= 3, "corpus: " + files);
        return files;
    }
}
