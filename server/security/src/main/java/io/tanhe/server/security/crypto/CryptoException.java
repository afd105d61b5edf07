package io.tanhe.server.security.crypto;

/** Data that does not authenticate: changed, moved, or sealed under another key. */
public final class CryptoException extends RuntimeException {
    public CryptoException(String message) {
        super(message);
    }

    public CryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
