package io.tanhe.server.security.access;

/** An account or token action that cannot be done, saying why and what to do (shown to the user as is). */
public final class AccessException extends RuntimeException {
    public AccessException(String message) {
        super(message);
    }
}
