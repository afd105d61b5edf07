package io.tanhe.lsp;

import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * Runs the language server over a pair of streams (stdin and stdout for {@code tanhe lsp}) until the
 * client says {@code exit}. Nothing else may write to stdout meanwhile: logs go to stderr.
 */
public final class LanguageServerMain {
    private LanguageServerMain() {
    }

    /**
     * Serves the protocol on {@code in}/{@code out} and returns the exit status: 0 after
     * {@code shutdown} then {@code exit}, 1 when the client left without shutting down.
     */
    public static int serve(InputStream in, OutputStream out, List<Path> libraries) {
        Thread caller = Thread.currentThread();
        TanheLanguageServer server = new TanheLanguageServer(libraries, caller::interrupt);
        Launcher<LanguageClient> launcher = LSPLauncher.createServerLauncher(server, in, out);
        server.connect(launcher.getRemoteProxy());
        try {
            launcher.startListening().get();
        } catch (InterruptedException e) {
            return server.wasShutDown() ? 0 : 1; // exit arrived
        } catch (ExecutionException e) {
            return 1;
        }
        return server.wasShutDown() ? 0 : 1; // the input closed
    }

    /** For editors that start the server from a class path: arguments are library folders. */
    public static void main(String[] args) {
        System.exit(serve(System.in, System.out, Arrays.stream(args).map(Path::of).toList()));
    }
}
