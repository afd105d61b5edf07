package io.tanhe.server.uplink.delivery;

import io.tanhe.server.uplink.outbox.Upload;

/**
 * An upload taken from the outbox for delivery.
 *
 * @param outboxId       the outbox entry, acknowledged when the centre acknowledges the upload
 * @param idempotencyKey the entry's key; HTTPS receivers suppress duplicates by it
 * @param upload         what it carries
 * @param backfill       whether it is sent late: a manual backfill, or an upload whose earlier attempts
 *                       failed (HJ 212-2025 marks these {@code RF=1} when the profile enables it)
 */
public record QueuedUpload(long outboxId, String idempotencyKey, Upload upload, boolean backfill) {
}
