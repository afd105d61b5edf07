package io.tanhe.server.store;

/**
 * A result as stored, with its revision number: 1 for the first value of a bucket, +1 for every
 * value that replaced it.
 */
public record StoredResult(BucketResult result, int revision) {
}
