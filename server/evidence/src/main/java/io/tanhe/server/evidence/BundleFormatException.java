package io.tanhe.server.evidence;

/** A file that is not an evidence bundle, or an entry line that does not read; the message says which entry and line. */
public final class BundleFormatException extends RuntimeException {
    public BundleFormatException(String message) {
        super(message);
    }
}
