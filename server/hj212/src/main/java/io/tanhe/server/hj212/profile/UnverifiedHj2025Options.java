package io.tanhe.server.hj212.profile;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * HJ 212-2025 features as public code describes them. <b>Unverified:</b> the 2025 text was not
 * available (protocols.md §0, §6); enable them only when a platform's own specification asks.
 *
 * @param backfillMarker   mark backfilled uploads with {@code RF=1}
 * @param heartbeat        send the {@code CN=9015} heartbeat (answered with 9013)
 * @param heartbeatSeconds seconds between heartbeats, 10-3600
 */
public record UnverifiedHj2025Options(boolean backfillMarker, boolean heartbeat, int heartbeatSeconds) {
    /** Everything off. */
    public static final UnverifiedHj2025Options OFF = new UnverifiedHj2025Options(false, false, 60);

    @JsonCreator
    static UnverifiedHj2025Options read(@JsonProperty("backfill_marker") Boolean backfillMarker,
                                        @JsonProperty("heartbeat") Boolean heartbeat,
                                        @JsonProperty("heartbeat_seconds") Integer heartbeatSeconds) {
        return new UnverifiedHj2025Options(Boolean.TRUE.equals(backfillMarker), Boolean.TRUE.equals(heartbeat),
                heartbeatSeconds == null ? OFF.heartbeatSeconds : heartbeatSeconds);
    }

    /** Whether any option is on. */
    public boolean any() {
        return backfillMarker || heartbeat;
    }
}
