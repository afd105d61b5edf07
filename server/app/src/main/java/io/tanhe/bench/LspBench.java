package io.tanhe.bench;

import io.tanhe.lsp.DiagnosticsListener;
import io.tanhe.lsp.LanguageServerMain;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code tanhe bench lsp}: the language server's response times on a methodology file (by default the
 * largest in the library), through real JSON-RPC over in-process pipes: an edit until its diagnostics
 * arrive, a hover, a completion; after a warm-up, as an author typing would see them.
 * Last line: {@code lsp: file=<name> lines=<n> first_ms=<n> change_p50_ms=<n> change_p99_ms=<n> hover_p99_ms=<n> completion_p99_ms=<n>}.
 */
@Command(name = "lsp", mixinStandardHelpOptions = true,
        description = "Language-server response times on the largest shipped methodology (or FILE).")
public final class LspBench implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "the methodology file (default: the library's largest)")
    Path file;

    @Option(names = "--library", paramLabel = "DIR", defaultValue = "methodologies",
            description = "the library folder (default: ${DEFAULT-VALUE})")
    Path library;

    @Option(names = "--rounds", defaultValue = "200", description = "measured rounds of each request (default: ${DEFAULT-VALUE})")
    int rounds;

    @Override
    public Integer call() throws Exception {
        Path target = file != null ? file : largest(library);
        String text = Files.readString(target);
        String uri = target.toAbsolutePath().toUri().toString();
        BlockingQueue<PublishDiagnosticsParams> published = new LinkedBlockingQueue<>();
        PipedInputStream serverIn = new PipedInputStream(1 << 20);
        PipedOutputStream clientOut = new PipedOutputStream(serverIn);
        PipedInputStream clientIn = new PipedInputStream(1 << 20);
        PipedOutputStream serverOut = new PipedOutputStream(clientIn);
        Thread server = Thread.ofPlatform().daemon().name("lsp-server")
                .start(() -> LanguageServerMain.serve(serverIn, serverOut, List.of(library)));
        var launcher = LSPLauncher.createClientLauncher(new DiagnosticsListener(published::add), clientIn, clientOut);
        launcher.startListening();
        LanguageServer lsp = launcher.getRemoteProxy();
        InitializeParams init = new InitializeParams();
        init.setCapabilities(new ClientCapabilities());
        lsp.initialize(init).get(60, TimeUnit.SECONDS);

        long start = System.nanoTime();
        lsp.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "tanhe", 1, text)));
        published.poll(60, TimeUnit.SECONDS);
        double firstMs = (System.nanoTime() - start) / 1e6;

        Position hoverAt = firstFactor(text);
        Position completeAt = new Position((int) text.lines().count() - 1, 0);
        int warmup = Math.max(20, rounds / 4);
        double[] change = new double[rounds];
        double[] hover = new double[rounds];
        double[] completion = new double[rounds];
        for (int i = -warmup; i < rounds; i++) {
            String edited = text + "\n// edit " + i + "\n";
            long t0 = System.nanoTime();
            lsp.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                    new VersionedTextDocumentIdentifier(uri, i + warmup + 2), List.of(new TextDocumentContentChangeEvent(edited))));
            if (published.poll(60, TimeUnit.SECONDS) == null) {
                System.err.println("bench lsp: no diagnostics within 60 s of an edit");
                return 1;
            }
            long t1 = System.nanoTime();
            lsp.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(uri), hoverAt)).get(60, TimeUnit.SECONDS);
            long t2 = System.nanoTime();
            lsp.getTextDocumentService().completion(new CompletionParams(new TextDocumentIdentifier(uri), completeAt))
                    .get(60, TimeUnit.SECONDS);
            long t3 = System.nanoTime();
            if (i >= 0) {
                change[i] = (t1 - t0) / 1e6;
                hover[i] = (t2 - t1) / 1e6;
                completion[i] = (t3 - t2) / 1e6;
            }
        }
        lsp.shutdown().get(10, TimeUnit.SECONDS);
        lsp.exit();
        server.join(10_000);
        System.out.println(String.format(Locale.ROOT,
                "lsp: file=%s lines=%d first_ms=%.1f change_p50_ms=%.2f change_p99_ms=%.2f hover_p99_ms=%.2f completion_p99_ms=%.2f",
                target.getFileName(), text.lines().count(), firstMs, percentile(change, 50), percentile(change, 99),
                percentile(hover, 99), percentile(completion, 99)));
        return 0;
    }

    private static Path largest(Path library) throws IOException {
        try (Stream<Path> files = Files.walk(library)) {
            return files.filter(p -> p.toString().endsWith(".tanhe") && !p.toString().contains("/target/"))
                    .max((a, b) -> Long.compare(a.toFile().length(), b.toFile().length()))
                    .orElseThrow(() -> new IllegalArgumentException("no .tanhe file under " + library + "; give --library"));
        }
    }

    private static Position firstFactor(String text) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("factor ")) {
                return new Position(i, "factor ".length() + 1);
            }
        }
        return new Position(0, 0);
    }

    private static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
