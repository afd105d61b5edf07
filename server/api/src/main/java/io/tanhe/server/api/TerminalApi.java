package io.tanhe.server.api;

import io.tanhe.server.security.access.AccessControl;
import io.tanhe.server.security.access.Cidr;
import io.tanhe.server.terminal.Terminal;
import io.tanhe.server.terminal.TerminalStats;
import io.tanhe.server.terminal.operations.Operations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
        return start(terminal, binding, access, List.of(), LogTail.NONE, NOTHING_MORE);
    }

    /**
     * As {@link #start(Terminal, ApiBinding, AccessControl)}, with the extensions {@code more} makes (the web console)
     * on the same server, behind the same access control.
     */
    public static String start(Terminal terminal, ApiBinding binding, AccessControl access, More more) {
        return start(terminal, binding, access, List.of(), LogTail.NONE, more);
    }

    /**
     * As {@link #start(Terminal, ApiBinding, AccessControl)}, with the supervision routes fully served: {@code scrapers}
     * may read {@code /metrics} without a token, {@code log} gives {@code /api/system} its latest log lines.
     */
    public static String start(Terminal terminal, ApiBinding binding, AccessControl access, List<Cidr> scrapers, LogTail log) {
        return start(terminal, binding, access, scrapers, log, NOTHING_MORE);
    }

    /**
     * Starts the API with the supervision routes fully served ({@code scrapers} may read {@code /metrics} without a
     * token, {@code log} gives {@code /api/system} its latest log lines), the operator actions, and the extensions
     * {@code more} makes on them (the web console, which calls the same operator actions in process, so both see one
     * list of jobs); closes them all with the API when the terminal stops.
     */
    public static String start(Terminal terminal, ApiBinding binding, AccessControl access, List<Cidr> scrapers, LogTail log,
                               More more) {
        return start(terminal, binding, access, scrapers, log, more, Upgrades.NONE);
    }

    /**
     * As {@link #start(Terminal, ApiBinding, AccessControl, List, LogTail, More)}, with the remote upgrade routes served
     * by {@code upgrades} (a terminal installed under an install root; {@link Upgrades#NONE} answers 503).
     */
    public static String start(Terminal terminal, ApiBinding binding, AccessControl access, List<Cidr> scrapers, LogTail log,
                               More more, Upgrades upgrades) {
        TerminalSupervision supervision = new TerminalSupervision(terminal, scrapers, log);
        Operations ops = Operations.of(terminal);
        ApiServer.Sources sources = sources(terminal, supervision);
        ApiServer api;
        try {
            List<ApiExtension> all = new ArrayList<>(extensions(ops, upgrades));
            all.addAll(more.on(sources, ops, binding.tls().isPresent()));
            api = ApiServer.start(binding, sources, access, all);
        } catch (RuntimeException e) {
            supervision.close();
            ops.close();
            throw e;
        }
        terminal.attachApi(api.address(), () -> {
            api.stop();
            supervision.close();
            ops.close();
        });
        return api.address();
    }

    /** Builds extensions on what the API serves: the terminal's sources and operator actions; {@code secure} on TLS. */
    @FunctionalInterface
    public interface More {
        List<ApiExtension> on(ApiServer.Sources sources, Operations operations, boolean secure);
    }

    private static final More NOTHING_MORE = (sources, operations, secure) -> List.of();

    /** What {@link ApiServer} reads of {@code terminal}, without supervision (tests of the other routes). */
    static ApiServer.Sources sources(Terminal terminal) {
        return sources(terminal, Supervision.NONE);
    }

    /** What {@link ApiServer} reads of {@code terminal}. */
    static ApiServer.Sources sources(Terminal terminal, Supervision supervision) {
        return new ApiServer.Sources(terminal::site, terminal.store(), status(terminal), terminal.audit(), supervision,
                new LifecycleSource(terminal.lifecycle(), terminal.siteVersions()));
    }

    /** The operator actions' routes on {@code ops}. */
    static java.util.List<ApiExtension> extensions(Operations ops) {
        return extensions(ops, Upgrades.NONE);
    }

    /** The operator actions' routes on {@code ops} and the upgrade routes on {@code upgrades}. */
    static java.util.List<ApiExtension> extensions(Operations ops, Upgrades upgrades) {
        return java.util.List.of(ActionRoutes.of(ops), QaRoutes.of(ops), UpgradeRoutes.of(upgrades), EvidenceRoutes.of(ops.terminal()));
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
