package io.tanhe.lsp;

import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The open methodology documents: each change recompiles the document (full text sync) and publishes
 * its diagnostics; requests are answered from the latest compilation.
 */
final class MethodologyDocuments implements TextDocumentService {
    private static final Logger LOG = LoggerFactory.getLogger(MethodologyDocuments.class);

    private final Analyzer analyzer;
    private final Supplier<LanguageClient> client;
    private final Map<String, Analysis> open = new ConcurrentHashMap<>();

    MethodologyDocuments(Analyzer analyzer, Supplier<LanguageClient> client) {
        this.analyzer = analyzer;
        this.client = client;
    }

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        update(params.getTextDocument().getUri(), params.getTextDocument().getText());
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        List<TextDocumentContentChangeEvent> changes = params.getContentChanges();
        if (!changes.isEmpty()) { // full sync: the last change holds the whole text
            update(params.getTextDocument().getUri(), changes.getLast().getText());
        }
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        String uri = params.getTextDocument().getUri();
        open.remove(uri);
        publish(new PublishDiagnosticsParams(uri, List.of()));
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
        Analysis current = open.get(params.getTextDocument().getUri());
        if (current != null) { // an imported file may have changed on disk: compile again
            update(current.uri(), current.text());
        }
    }

    @Override
    public CompletableFuture<Hover> hover(HoverParams params) {
        return answer(params.getTextDocument().getUri(), a -> Hovers.at(a, params.getPosition().getLine(),
                params.getPosition().getCharacter()).orElse(null));
    }

    @Override
    public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>> definition(DefinitionParams params) {
        return answer(params.getTextDocument().getUri(), a -> Either.forLeft(Definitions.at(a,
                params.getPosition().getLine(), params.getPosition().getCharacter()).stream().toList()));
    }

    @Override
    public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(CompletionParams params) {
        return answer(params.getTextDocument().getUri(), a -> Either.forLeft(Completions.at(a,
                params.getPosition().getLine(), params.getPosition().getCharacter())));
    }

    @Override
    public CompletableFuture<List<? extends TextEdit>> formatting(DocumentFormattingParams params) {
        return answer(params.getTextDocument().getUri(), Formatting::of);
    }

    @Override
    public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(DocumentSymbolParams params) {
        return answer(params.getTextDocument().getUri(),
                a -> DocumentSymbols.of(a).stream().map(Either::<SymbolInformation, DocumentSymbol>forRight).toList());
    }

    @Override
    public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
        return answer(params.getTextDocument().getUri(), a -> QuickFixes.of(a, params.getRange()).stream()
                .map(Either::<Command, CodeAction>forRight).toList());
    }

    @Override
    public CompletableFuture<WorkspaceEdit> rename(RenameParams params) {
        return answer(params.getTextDocument().getUri(), a -> Renames.of(a, params.getPosition().getLine(),
                params.getPosition().getCharacter(), params.getNewName()));
    }

    private void update(String uri, String text) {
        long started = System.nanoTime();
        Analysis analysis = analyzer.analyze(uri, text);
        open.put(uri, analysis);
        publish(new PublishDiagnosticsParams(uri, Diagnostics.of(analysis)));
        LOG.debug("lsp: compiled {} in {} ms", uri, (System.nanoTime() - started) / 1_000_000);
    }

    private void publish(PublishDiagnosticsParams params) {
        LanguageClient c = client.get();
        if (c != null) {
            c.publishDiagnostics(params);
        }
    }

    private <T> CompletableFuture<T> answer(String uri, java.util.function.Function<Analysis, T> feature) {
        Analysis analysis = open.get(uri);
        if (analysis == null) {
            return CompletableFuture.failedFuture(new ResponseErrorException(new ResponseError(
                    ResponseErrorCode.InvalidParams, uri + " is not open: send textDocument/didOpen first", null)));
        }
        try {
            return CompletableFuture.completedFuture(feature.apply(analysis));
        } catch (ResponseErrorException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
