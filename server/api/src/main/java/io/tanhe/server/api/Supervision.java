package io.tanhe.server.api;

import io.tanhe.server.terminal.CutOff;

import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;

/**
 * What the operations routes ({@code /metrics}, {@code /api/system}, {@code /api/cutoff}) read and do, apart
 * from the data routes, so that the API does not depend on how a terminal is built ({@link TerminalSupervision}
 * adapts one).
 */
public interface Supervision {

    /** The metrics in the Prometheus text format. */
    String scrape();

    /** The system state of §8.2 (CPU, memory, disk, OS, JVM, version, uptime, workers, the latest log lines). */
    Map<String, Object> system(int lines, LogTail.Level level);

    /** Whether {@code address} may scrape {@code /metrics} without a token (an allow-listed scraper). */
    boolean scraperAllowed(InetAddress address);

    /** The standing remote cut-off, if any. */
    Optional<CutOff> cutOff();

    /** Cuts the terminal off: no uploads, the API answers loopback only. Audited. */
    void cutOff(CutOff order, String role);

    /** Lifts the cut-off (the caller made sure the request comes from the machine); false when none stood. Audited. */
    boolean liftCutOff(String by, String role, String from);

    /** No terminal behind the API (tests of the data routes): empty metrics and state, no cut-off possible. */
    Supervision NONE = new Supervision() {
        @Override
        public String scrape() {
            return "";
        }

        @Override
        public Map<String, Object> system(int lines, LogTail.Level level) {
            return Map.of();
        }

        @Override
        public boolean scraperAllowed(InetAddress address) {
            return false;
        }

        @Override
        public Optional<CutOff> cutOff() {
            return Optional.empty();
        }

        @Override
        public void cutOff(CutOff order, String role) {
            throw new BadRequest("cutoff", "this API serves no terminal to cut off");
        }

        @Override
        public boolean liftCutOff(String by, String role, String from) {
            return false;
        }
    };
}
