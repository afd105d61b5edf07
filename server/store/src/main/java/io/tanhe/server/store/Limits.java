package io.tanhe.server.store;

import java.util.Objects;

/**
 * Checks text fields against the column sizes of the store, so that a too-long id is reported with
 * its field name when a value is built, not as an SQL error for the whole group commit.
 */
public final class Limits {
    /** Ids: points, sources, nodes, keys, rules, centres, indicators. */
    public static final int ID = 128;
    /** Units, quality names, methodology versions. */
    public static final int SHORT = 64;
    /** Idempotency keys. */
    public static final int KEY = 512;
    /** Messages, details, reasons. */
    public static final int TEXT = 2000;
    /** An operator's comment on an acknowledgement. */
    public static final int ACK_COMMENT = 1000;
    /** JSON documents (alert facts, event details) and outbox payloads. */
    public static final int DOCUMENT = 32_000;

    private Limits() {
    }

    /** {@code value} itself when it is not null, not blank and at most {@code max} characters long. */
    public static String required(String field, String value, int max) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        return atMost(field, value, max);
    }

    /** {@code value}, or {@code ""} for null, when at most {@code max} characters long. */
    public static String optional(String field, String value, int max) {
        return value == null ? "" : atMost(field, value, max);
    }

    private static String atMost(String field, String value, int max) {
        if (value.length() > max) {
            throw new IllegalArgumentException(field + " is " + value.length() + " characters long; the store keeps at most "
                    + max + " (starts with `" + value.substring(0, Math.min(40, value.length())) + "`)");
        }
        return value;
    }
}
