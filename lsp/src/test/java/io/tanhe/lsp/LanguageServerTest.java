package io.tanhe.lsp;

import io.tanhe.engine.compile.Compilation;
import io.tanhe.engine.compile.Compiler;
import io.tanhe.grammar.format.CanonicalPrinter;
import io.tanhe.grammar.parse.MethodologyParser;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server in its own JVM, driven over stdio by a JSON-RPC client as an editor drives it. */
class LanguageServerTest {
    static final Path LIBRARY = Path.of("../methodologies").toAbsolutePath().normalize();
    static final Path POWER = LIBRARY.resolve("power-generation-2022/power-generation.tanhe");
    static final String MISSPELT = """
            methodology x.demo
              version 1.0.0
              title "t"
              source "s"
              industry "i"

            const ef : tCO2/t "排放因子" = 2
            input fuel : t counter "燃料"
            emission e : tCO2 class combustion = fule * ef
            """;

    static LspProcess lsp;
    static InitializeResult init;

    @BeforeAll
    static void start() throws Exception {
        lsp = LspProcess.start(LIBRARY);
        init = lsp.initialize();
    }

    @AfterAll
    static void stop() {
        lsp.close();
    }

    @Test
    void initializeAnnouncesEveryFeature() {
        var caps = init.getCapabilities();
        assertTrue(caps.getHoverProvider().getLeft());
        assertTrue(caps.getDefinitionProvider().getLeft());
        assertTrue(caps.getDocumentFormattingProvider().getLeft());
        assertTrue(caps.getDocumentSymbolProvider().getLeft());
        assertTrue(caps.getCodeActionProvider().getLeft());
        assertTrue(caps.getRenameProvider().getLeft());
        assertFalse(caps.getCompletionProvider().getTriggerCharacters().isEmpty());
        assertEquals("tanhe", init.getServerInfo().getName());
    }

    @Test
    void diagnosticsHaveTheCodesAndPositionsOfCheck(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("misspelt.tanhe");
        Files.writeString(file, MISSPELT);
        String uri = file.toUri().toString();
        lsp.open(uri, MISSPELT);
        List<Diagnostic> published = lsp.diagnosticsFor(uri).getDiagnostics();

        Compilation check = Compiler.compile(file, List.of(LIBRARY));
        assertEquals(check.diagnostics().size(), published.size());
        for (int i = 0; i < published.size(); i++) {
            var expected = check.diagnostics().get(i);
            Diagnostic got = published.get(i);
            assertEquals(expected.code().name(), got.getCode().getLeft());
            assertEquals(expected.span().line() - 1, got.getRange().getStart().getLine());
            assertEquals(expected.span().column() - 1, got.getRange().getStart().getCharacter());
        }
        Diagnostic unknown = published.stream().filter(d -> d.getCode().getLeft().equals("E300")).findFirst().orElseThrow();
        assertEquals(new Range(new Position(8, 37), new Position(8, 41)), unknown.getRange());
    }

    @Test
    void aTestFileNamingAShippedMethodologyIsNotFlagged(@TempDir Path dir) throws Exception {
        String text = """
                tests cn.aluminium version 2013.1

                test "a verifier's month" {
                  on 2022-06-01
                  input al_output = 10000 t
                  input power_purchased = 0 MWh
                  expect anode_co2 = 15030.4 tCO2 ± 0.000001
                }
                """;
        Path file = dir.resolve("checks.tanhe");
        Files.writeString(file, text);
        String uri = file.toUri().toString();
        lsp.open(uri, text);
        assertEquals(List.of(), lsp.diagnosticsFor(uri).getDiagnostics());
    }

    @Test
    void theDidYouMeanQuickFixRepairsTheFile(@TempDir Path dir) throws Exception {
        String uri = dir.resolve("fix.tanhe").toUri().toString();
        lsp.open(uri, MISSPELT);
        Diagnostic unknown = lsp.diagnosticsFor(uri).getDiagnostics().stream()
                .filter(d -> d.getCode().getLeft().equals("E300")).findFirst().orElseThrow();

        List<Either<org.eclipse.lsp4j.Command, CodeAction>> actions = lsp.server.getTextDocumentService()
                .codeAction(new CodeActionParams(new TextDocumentIdentifier(uri), unknown.getRange(),
                        new CodeActionContext(List.of(unknown)))).get(30, TimeUnit.SECONDS);
        assertEquals(1, actions.size());
        CodeAction fix = actions.get(0).getRight();
        assertEquals("Change `fule` to `fuel`", fix.getTitle());

        String fixed = apply(MISSPELT, fix.getEdit().getChanges().get(uri));
        assertTrue(fixed.contains("= fuel * ef"), fixed);
        change(uri, fixed);
        List<Diagnostic> after = lsp.diagnosticsFor(uri).getDiagnostics();
        assertTrue(after.isEmpty(), "after the fix: " + after);
    }

    @Test
    void hoverOnAFactorShowsItsUnitAndDefaultsWithSourceAndConfidence() throws Exception {
        String text = Files.readString(POWER);
        String uri = POWER.toUri().toString();
        lsp.open(uri, text);
        lsp.diagnosticsFor(uri);
        Position at = positionOf(text, "factor ncv_gas", "factor ".length() + 1);
        Hover hover = lsp.server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(uri), at))
                .get(30, TimeUnit.SECONDS);
        String md = hover.getContents().getRight().getValue();
        assertTrue(md.contains("factor ncv_gas[gas_fuel] : GJ/10^4 Nm3"), md);
        assertTrue(md.contains("低位发热量"), md);
        assertTrue(md.contains("| natural_gas |"), md);
        assertTrue(md.contains("| key | value | valid | source | confidence |"), md);
    }

    @Test
    void definitionFollowsANameIntoTheImportedFile() throws Exception {
        String text = Files.readString(POWER);
        String uri = POWER.toUri().toString();
        lsp.open(uri, text);
        lsp.diagnosticsFor(uri);
        String imported = importedNameUsedIn(text);
        Position at = positionOf(text, imported + "(", 1);
        List<? extends Location> found = lsp.server.getTextDocumentService()
                .definition(new DefinitionParams(new TextDocumentIdentifier(uri), at)).get(30, TimeUnit.SECONDS).getLeft();
        assertEquals(1, found.size());
        assertTrue(found.get(0).getUri().endsWith("/shared/combustion.tanhe"), found.get(0).getUri());
        List<String> target = Files.readAllLines(LIBRARY.resolve("shared/combustion.tanhe"));
        Range r = found.get(0).getRange();
        assertEquals(imported, target.get(r.getStart().getLine()).substring(r.getStart().getCharacter(), r.getEnd().getCharacter()));
    }

    @Test
    void completionOffersNamesFunctionsKeywordsAndUnitsAfterAColon(@TempDir Path dir) throws Exception {
        String uri = dir.resolve("complete.tanhe").toUri().toString();
        String text = MISSPELT.replace("fule", "fuel") + "value v : t = \nfactor f : \n";
        lsp.open(uri, text);
        lsp.diagnosticsFor(uri);
        List<String> inFormula = labels(uri, new Position(9, "value v : t = ".length()));
        assertTrue(inFormula.containsAll(List.of("fuel", "e", "sum", "available", "emission", "factor")), inFormula.toString());
        List<String> afterColon = labels(uri, new Position(10, "factor f : ".length()));
        assertTrue(afterColon.containsAll(List.of("tCO2", "GJ", "MWh")), afterColon.toString());
        assertFalse(afterColon.contains("fuel"));
    }

    @Test
    void formattingGivesTheCanonicalLayoutAndLeavesBrokenFilesAlone(@TempDir Path dir) throws Exception {
        String uri = dir.resolve("fmt.tanhe").toUri().toString();
        String messy = MISSPELT.replace("fule", "fuel").replace("input fuel : t counter", "input   fuel:t   counter");
        lsp.open(uri, messy);
        lsp.diagnosticsFor(uri);
        List<? extends TextEdit> edits = format(uri);
        String canonical = CanonicalPrinter.print(MethodologyParser.parse("fmt.tanhe", messy).file());
        assertEquals(canonical, apply(messy, edits));

        change(uri, messy + "emission broken : tCO2 = (\n");
        lsp.diagnosticsFor(uri);
        assertTrue(format(uri).isEmpty());
    }

    @Test
    void documentSymbolsOutlineTheFile() throws Exception {
        String uri = POWER.toUri().toString();
        lsp.open(uri, Files.readString(POWER));
        lsp.diagnosticsFor(uri);
        List<DocumentSymbol> symbols = lsp.server.getTextDocumentService()
                .documentSymbol(new DocumentSymbolParams(new TextDocumentIdentifier(uri))).get(30, TimeUnit.SECONDS)
                .stream().map(Either::getRight).toList();
        List<String> names = symbols.stream().map(DocumentSymbol::getName).toList();
        assertTrue(names.containsAll(List.of("gen_unit", "liquid_fuel", "ncv_gas", "coal_burned", "coal_carbon")), names.toString());
        DocumentSymbol liquid = symbols.stream().filter(s -> s.getName().equals("liquid_fuel")).findFirst().orElseThrow();
        assertTrue(liquid.getChildren().stream().map(DocumentSymbol::getName).toList().contains("diesel"));
        assertTrue(names.stream().anyMatch(n -> n.startsWith("test ")), names.toString());
    }

    @Test
    void renameChangesEveryUseAndRefusesATakenName(@TempDir Path dir) throws Exception {
        String uri = dir.resolve("rename.tanhe").toUri().toString();
        String text = MISSPELT.replace("fule", "fuel");
        lsp.open(uri, text);
        lsp.diagnosticsFor(uri);
        WorkspaceEdit edit = lsp.server.getTextDocumentService().rename(
                new RenameParams(new TextDocumentIdentifier(uri), new Position(7, 7), "fuel_used")).get(30, TimeUnit.SECONDS);
        String renamed = apply(text, edit.getChanges().get(uri));
        assertTrue(renamed.contains("input fuel_used : t counter") && renamed.contains("= fuel_used * ef"), renamed);

        ExecutionException taken = assertThrows(ExecutionException.class, () -> lsp.server.getTextDocumentService()
                .rename(new RenameParams(new TextDocumentIdentifier(uri), new Position(7, 7), "e")).get(30, TimeUnit.SECONDS));
        assertTrue(taken.getCause().getMessage().contains("`e` is already declared"), taken.getCause().getMessage());
    }

    @Test
    void aRequestForADocumentNeverOpenedIsAnErrorNotACrash() throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> lsp.server.getTextDocumentService()
                .hover(new HoverParams(new TextDocumentIdentifier("file:///nowhere.tanhe"), new Position(0, 0)))
                .get(30, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("is not open"), e.getCause().getMessage());
        assertInstanceOf(InitializeResult.class, lsp.initialize()); // still answering
    }

    @Test
    void shutdownThenExitEndsTheProcessWithStatusZero() throws Exception {
        try (LspProcess own = LspProcess.start(LIBRARY)) {
            own.initialize();
            assertEquals(0, own.shutdown());
        }
    }

    private static List<String> labels(String uri, Position at) throws Exception {
        return lsp.server.getTextDocumentService().completion(new CompletionParams(new TextDocumentIdentifier(uri), at))
                .get(30, TimeUnit.SECONDS).getLeft().stream().map(CompletionItem::getLabel).toList();
    }

    private static List<? extends TextEdit> format(String uri) throws Exception {
        return lsp.server.getTextDocumentService().formatting(new DocumentFormattingParams(
                new TextDocumentIdentifier(uri), new FormattingOptions(2, true))).get(30, TimeUnit.SECONDS);
    }

    private static void change(String uri, String text) {
        lsp.server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri, 2), List.of(new TextDocumentContentChangeEvent(text))));
    }

    /** A formula of shared/combustion.tanhe that power-generation.tanhe calls. */
    private static String importedNameUsedIn(String text) throws Exception {
        String shared = Files.readString(LIBRARY.resolve("shared/combustion.tanhe"));
        var m = java.util.regex.Pattern.compile("(?m)^formula (\\w+)\\(").matcher(shared);
        while (m.find()) {
            if (text.contains(m.group(1) + "(")) {
                return m.group(1);
            }
        }
        throw new AssertionError("power-generation.tanhe calls no formula of shared/combustion.tanhe");
    }

    /** The position {@code offset} characters into the first occurrence of {@code needle}. */
    static Position positionOf(String text, String needle, int offset) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            int at = lines.get(i).indexOf(needle);
            if (at >= 0) {
                return new Position(i, at + offset);
            }
        }
        throw new AssertionError("`" + needle + "` is not in the text");
    }

    /** Applies non-overlapping edits, last first so earlier positions stay valid. */
    static String apply(String text, List<? extends TextEdit> edits) {
        List<? extends TextEdit> ordered = edits.stream().sorted((a, b) -> {
            Position pa = a.getRange().getStart();
            Position pb = b.getRange().getStart();
            return pa.getLine() != pb.getLine() ? pb.getLine() - pa.getLine() : pb.getCharacter() - pa.getCharacter();
        }).toList();
        String joined = text;
        for (TextEdit e : ordered) {
            int from = offset(joined, e.getRange().getStart());
            int to = offset(joined, e.getRange().getEnd());
            joined = joined.substring(0, from) + e.getNewText() + joined.substring(to);
        }
        return joined;
    }

    private static int offset(String text, Position p) {
        int offset = 0;
        for (int line = 0; line < p.getLine(); line++) {
            offset = text.indexOf('\n', offset) + 1;
        }
        return Math.min(text.length(), offset + p.getCharacter());
    }
}
