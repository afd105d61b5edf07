package io.tanhe.server.cems;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * A CEMS data logger source: where the terminal listens and what it takes from the uploads.
 *
 * @param id             the source id
 * @param host           the address to listen on ({@code 0.0.0.0} for every interface)
 * @param port           the TCP port (0 picks a free one, for tests)
 * @param mn             the logger's MN; packets from another MN are refused. Empty: any MN
 * @param password       the logger's access password (PW), a secret: packets with another PW are refused. Empty: any PW
 * @param zone           the zone of DataTime and QN (the standard's local time)
 * @param minuteInterval the logger's MinInterval: a jump in minute data larger than this asks the logger to upload the gap (2051 retrieval)
 * @param points         the points it feeds
 */
public record LoggerConfig(String id, String host, int port, Optional<String> mn, Optional<String> password, ZoneId zone,
                           Duration minuteInterval, List<LoggerPoint> points) {
    public LoggerConfig {
        points = List.copyOf(points);
    }

    /** Without the password, which is a secret: never printed or logged. */
    @Override
    public String toString() {
        return "LoggerConfig[id=" + id + ", host=" + host + ", port=" + port + ", mn=" + mn + ", password="
                + (password.isPresent() ? "(not shown)" : "(none)") + ", zone=" + zone + ", minuteInterval=" + minuteInterval
                + ", points=" + points + "]";
    }
}
