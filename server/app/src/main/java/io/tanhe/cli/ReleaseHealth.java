package io.tanhe.cli;

import io.tanhe.server.packages.release.Probation;
import io.tanhe.server.store.StoreHealth;
import io.tanhe.server.terminal.Terminal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * What a new release must show within its health window to be kept (§8.4): no worker died, the store takes
 * writes, the API answers on its port, and evaluation advanced past where it stood when the release started.
 */
final class ReleaseHealth implements Probation.HealthProbe {
    private final Terminal terminal;
    private final Instant startWatermark;

    ReleaseHealth(Terminal terminal) {
        this.terminal = terminal;
        this.startWatermark = terminal.stats().watermark();
    }

    @Override
    public Optional<String> problem() {
        if (!terminal.deadWorkers().isEmpty()) {
            return Optional.of("workers died: " + terminal.deadWorkers());
        }
        StoreHealth h = terminal.store().health();
        if (!h.ok()) {
            return Optional.of("the store is " + h.state() + ": " + h.detail());
        }
        Optional<String> api = terminal.apiAddress();
        if (api.isPresent()) {
            URI u = URI.create(api.get());
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(u.getHost(), u.getPort()), 2000);
            } catch (IOException e) {
                return Optional.of("the API at " + api.get() + " does not answer: " + e.getMessage());
            }
        }
        Instant w = terminal.stats().watermark();
        if (w == null || (startWatermark != null && !w.isAfter(startWatermark))) {
            return Optional.of("evaluation has not advanced since the release started (watermark " + w + ")");
        }
        return Optional.empty();
    }
}
