package io.tanhe.lsp;

import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The language server of methodology files: what it can do (full document sync, diagnostics, hover,
 * definition, completion, formatting, document symbols, quick fixes, rename) and its lifecycle.
 */
public final class TanheLanguageServer implements LanguageServer, LanguageClientAware {
    private final AtomicReference<LanguageClient> client = new AtomicReference<>();
    private final MethodologyDocuments documents;
    private final Runnable onExit;
    private volatile boolean shutdown;

    /**
     * @param libraries folders where imports not found beside a document are looked up (the installed library)
     * @param onExit    what {@code exit} does (the launcher ends the process with the status the protocol asks for)
     */
    public TanheLanguageServer(List<Path> libraries, Runnable onExit) {
        this.documents = new MethodologyDocuments(new Analyzer(libraries), client::get);
        this.onExit = onExit;
    }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        ServerCapabilities capabilities = new ServerCapabilities();
        capabilities.setTextDocumentSync(TextDocumentSyncKind.Full);
        capabilities.setHoverProvider(true);
        capabilities.setDefinitionProvider(true);
        capabilities.setCompletionProvider(new CompletionOptions(false, List.of(":", "[", " ")));
        capabilities.setDocumentFormattingProvider(true);
        capabilities.setDocumentSymbolProvider(true);
        capabilities.setCodeActionProvider(true);
        capabilities.setRenameProvider(true);
        String version = TanheLanguageServer.class.getPackage().getImplementationVersion();
        return CompletableFuture.completedFuture(new InitializeResult(capabilities,
                new ServerInfo("tanhe", version == null ? "dev" : version)));
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        shutdown = true;
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void exit() {
        onExit.run();
    }

    /** Whether {@code shutdown} came before {@code exit} (the exit status depends on it). */
    public boolean wasShutDown() {
        return shutdown;
    }

    @Override
    public TextDocumentService getTextDocumentService() {
        return documents;
    }

    @Override
    public WorkspaceService getWorkspaceService() {
        return new WorkspaceService() {
            @Override
            public void didChangeConfiguration(DidChangeConfigurationParams params) {
                // no settings yet: the library path comes from the command line
            }

            @Override
            public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
                // open documents are compiled again on save, which picks up changed imports
            }
        };
    }

    @Override
    public void connect(LanguageClient client) {
        this.client.set(client);
    }
}
