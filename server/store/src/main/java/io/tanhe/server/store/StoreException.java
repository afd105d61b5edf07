package io.tanhe.server.store;

/**
 * The store could not do what was asked: the message says what, on which data, and what to do.
 * Unchecked, because callers of the store can rarely do more than report it.
 */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
