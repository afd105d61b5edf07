package io.tanhe.lsp;

import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageServer;

import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The language server started as a separate JVM and driven over its stdin/stdout, as an editor does:
 * a JSON-RPC client from lsp4j, diagnostics collected as the server publishes them.
 */
final class LspProcess implements AutoCloseable {
    final Process process;
    final LanguageServer server;
    private final BlockingQueue<PublishDiagnosticsParams> diagnostics = new LinkedBlockingQueue<>();

    private LspProcess(Process process) {
        this.process = process;
        Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(new DiagnosticsListener(diagnostics::add),
                process.getInputStream(), process.getOutputStream());
        launcher.startListening();
        this.server = launcher.getRemoteProxy();
    }

    static LspProcess start(Path library) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LanguageServerMain.class.getName(), library.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return new LspProcess(p);
    }

    InitializeResult initialize() throws Exception {
        InitializeParams params = new InitializeParams();
        params.setCapabilities(new ClientCapabilities());
        InitializeResult result = server.initialize(params).get(60, TimeUnit.SECONDS);
        server.initialized(new InitializedParams());
        return result;
    }

    void open(String uri, String text) {
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "tanhe", 1, text)));
    }

    /** The next diagnostics published for {@code uri}, waiting up to a minute (the first compile warms up). */
    PublishDiagnosticsParams diagnosticsFor(String uri) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            PublishDiagnosticsParams p = diagnostics.poll(1, TimeUnit.SECONDS);
            if (p != null && p.getUri().equals(uri)) {
                return p;
            }
        }
        throw new AssertionError("no diagnostics for " + uri + " within a minute");
    }

    /** Shuts the server down as an editor does and returns its exit status. */
    int shutdown() throws Exception {
        server.shutdown().get(30, TimeUnit.SECONDS);
        server.exit();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the server did not exit within 30 s of `exit`");
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
