package io.tanhe.server.api;

/** A request the API refuses: {@code parameter} names the bad query parameter, the message says why and what would work. */
final class BadRequest extends RuntimeException {
    private final String parameter;

    BadRequest(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    String parameter() {
        return parameter;
    }
}
