package io.tanhe.server.api;

import io.tanhe.server.security.access.Cidr;
import io.tanhe.server.terminal.CutOff;
import io.tanhe.server.terminal.Terminal;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A running {@link Terminal}'s {@link Supervision}: its metrics, its system state, its cut-off. */
final class TerminalSupervision implements Supervision, AutoCloseable {
    private final Terminal terminal;
    private final TerminalMetrics metrics;
    private final SystemState system;
    private final List<Cidr> scrapers;
    /** Read from the data directory at start and kept here, so no request reads a file to learn it. */
    private volatile Optional<CutOff> cut;

    TerminalSupervision(Terminal terminal, List<Cidr> scrapers, LogTail log) {
        this.terminal = terminal;
        this.metrics = new TerminalMetrics(terminal);
        this.system = new SystemState(terminal, log);
        this.scrapers = List.copyOf(scrapers);
        this.cut = terminal.cutOff();
    }

    @Override
    public String scrape() {
        return metrics.scrape();
    }

    @Override
    public Map<String, Object> system(int lines, LogTail.Level level) {
        return system.take(lines, level);
    }

    @Override
    public boolean scraperAllowed(InetAddress address) {
        return scrapers.stream().anyMatch(c -> c.contains(address));
    }

    @Override
    public Optional<CutOff> cutOff() {
        return cut;
    }

    @Override
    public synchronized void cutOff(CutOff order, String role) {
        terminal.cutOff(order, role);
        cut = Optional.of(order);
    }

    @Override
    public synchronized boolean liftCutOff(String by, String role, String from) {
        boolean lifted = terminal.liftCutOff(by, role, from);
        cut = Optional.empty();
        return lifted;
    }

    @Override
    public void close() {
        metrics.close();
    }
}
