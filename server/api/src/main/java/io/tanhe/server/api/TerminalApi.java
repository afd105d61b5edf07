package io.tanhe.server.api;

import io.tanhe.server.security.access.AccessControl;
import io.tanhe.server.terminal.Terminal;
import io.tanhe.server.terminal.TerminalStats;

import java.time.Instant;
import java.util.Optional;

/**
 * Serves a running {@link Terminal} over HTTP: starts an {@link ApiServer} on its site, store and
 * counters, and attaches it to the terminal, which announces the address in its data directory note
 * and stops the API when it closes (before the rules and the store).
 */
public final class TerminalApi {
    private TerminalApi() {
    }

    /**
     * Starts the API as {@code binding} says (port 0: any free port) behind {@code access}, and attaches it
     * to {@code terminal}.
     *
     * @return the API's address, e.g. {@code http://127.0.0.1:8017} or {@code https://10.0.0.5:8017}
     * @throws IllegalArgumentException for plain HTTP on a non-loopback address or an unreadable keystore
     */
    public static String start(Terminal terminal, ApiBinding binding, AccessControl access) {
        return start(terminal, binding, access, java.util.List.of());
    }

    /** As {@link #start(Terminal, ApiBinding, AccessControl)}, with {@code extensions} (the web console) on the same server. */
    public static String start(Terminal terminal, ApiBinding binding, AccessControl access, java.util.List<ApiExtension> extensions) {
        ApiServer api = ApiServer.start(binding,
                new ApiServer.Sources(terminal.site(), terminal.store(), status(terminal), terminal.audit()), access, extensions);
        terminal.attachApi(api.address(), api::stop);
        return api.address();
    }

    /** The terminal's counters and window as the API's {@link PipelineStatus}. */
    static PipelineStatus status(Terminal terminal) {
        TerminalStats stats = terminal.stats();
        return new PipelineStatus() {
            @Override
            public Counters counters() {
                return new Counters(stats.received(), stats.acknowledged(), stats.duplicates(), stats.rejected(),
                        stats.outsideWindow(), stats.unusable(), stats.resultsWritten());
            }

            @Override
            public Optional<Instant> watermark() {
                return Optional.ofNullable(stats.watermark());
            }

            @Override
            public Optional<HourFigure> currentHour() {
                return Optional.ofNullable(stats.currentHour())
                        .map(h -> new HourFigure(h.start(), h.value(), h.unit(), h.quality()));
            }

            @Override
            public Optional<Instant> openWindowFrom() {
                return terminal.openWindowFrom();
            }

            @Override
            public Instant startedAt() {
                return terminal.startedAt();
            }

            @Override
            public Optional<CatchUp> catchUp() {
                return Optional.ofNullable(terminal.catchUp()).map(c -> new CatchUp(c.from(), c.to(), c.next(), c.daysDone(),
                        c.daysTotal(), c.daysPerSecond()));
            }

            @Override
            public java.util.Map<String, String> deadWorkers() {
                return terminal.deadWorkers();
            }
        };
    }
}
