package io.tanhe.server.uplink.status;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * What {@code tanhe uplink status} shows of one centre.
 *
 * @param centreId           the centre
 * @param protocol           hj212-tcp or https
 * @param address            where it is
 * @param connected          whether the connection is up (HTTPS: the last request succeeded)
 * @param lastAckOrNull      when the centre last acknowledged an upload, or null
 * @param backlog            outbox messages not yet acknowledged
 * @param oldestPendingOrNull the start of the oldest period waiting, or null when none
 * @param failures           consecutive failed attempts (0 when the last attempt succeeded)
 * @param lastErrorOrNull    the last failure, or null
 * @param updatedAt          when this status was taken, on the terminal's clock (a demo's simulated time)
 * @param zone               the terminal's zone, in which times are shown
 * @param writtenAt          when it was taken on the wall clock of the machine: whether the terminal still
 *                           runs is judged by this, never by the terminal's clock, which may be simulated
 */
public record CentreStatus(String centreId, String protocol, String address, boolean connected, Instant lastAckOrNull,
                           long backlog, Instant oldestPendingOrNull, int failures, String lastErrorOrNull,
                           Instant updatedAt, ZoneId zone, Instant writtenAt) {

    public Optional<Instant> lastAck() {
        return Optional.ofNullable(lastAckOrNull);
    }

    public Optional<Instant> oldestPending() {
        return Optional.ofNullable(oldestPendingOrNull);
    }

    public Optional<String> lastError() {
        return Optional.ofNullable(lastErrorOrNull);
    }
}
