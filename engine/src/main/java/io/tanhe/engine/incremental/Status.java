package io.tanhe.engine.incremental;

/** Why an instance has or lacks a value in a bucket. Stored as bytes in {@link BucketState}. */
final class Status {
    static final byte PRESENT = 0;
    /** No activity for this key (no input data): the key does not exist in this bucket. */
    static final byte ABSENT = 1;
    /** It should have a value but cannot: a missing factor, a failed operand, a division by zero. */
    static final byte FAILED = 2;
    /** An optional input without a value; fine under {@code available(…)}, a failure when read directly. */
    static final byte MISSING_OPTIONAL = 3;

    private Status() {
    }
}
