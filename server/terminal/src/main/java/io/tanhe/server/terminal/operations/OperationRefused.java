package io.tanhe.server.terminal.operations;

import java.util.Objects;

/**
 * An operator action the terminal refuses, naming the field or parameter at fault and what would work.
 * The API answers it with {@link Reason#status()} and {@code {"error": message, "parameter": field}}; the
 * console shows the message beside the field.
 */
public final class OperationRefused extends RuntimeException {

    /** Why, as an HTTP status says it. */
    public enum Reason {
        /** The input is wrong: a bad value, unit, time or name. */
        BAD_INPUT(400),
        /** What it acts on does not exist (an alert id, a device). */
        NOT_FOUND(404),
        /** It cannot be done in the current state (a job already finished, a value already at that instant). */
        CONFLICT(409),
        /** The terminal lacks the part it needs (no acquisition running, no uplink configured). */
        UNAVAILABLE(503);

        private final int status;

        Reason(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Reason reason;
    private final String field;

    public OperationRefused(Reason reason, String field, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.field = Objects.requireNonNull(field, "field");
    }

    /** A bad input in {@code field}. */
    public static OperationRefused badInput(String field, String message) {
        return new OperationRefused(Reason.BAD_INPUT, field, message);
    }

    public Reason reason() {
        return reason;
    }

    /** The request field or parameter at fault, e.g. {@code value} or {@code id}. */
    public String field() {
        return field;
    }
}
