package io.tanhe.lsp;

import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.services.LanguageClient;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The client side a program needs to drive the server without an editor (the benchmark, tests): it
 * hands each diagnostics notification to a consumer and ignores messages and telemetry.
 */
public record DiagnosticsListener(Consumer<PublishDiagnosticsParams> consumer) implements LanguageClient {

    @Override
    public void publishDiagnostics(PublishDiagnosticsParams params) {
        consumer.accept(params);
    }

    @Override
    public void telemetryEvent(Object object) {
        // nothing to record
    }

    @Override
    public void showMessage(MessageParams params) {
        // no one to show it to
    }

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams params) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void logMessage(MessageParams params) {
        // no one to show it to
    }
}
