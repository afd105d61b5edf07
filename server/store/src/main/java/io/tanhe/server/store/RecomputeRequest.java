package io.tanhe.server.store;

import java.time.Instant;

/**
 * A pending request to recompute one closed day.
 *
 * @param id          its id in the store
 * @param late        what arrived late
 * @param requestedAt when the request was recorded
 */
public record RecomputeRequest(long id, LateData late, Instant requestedAt) {
}
