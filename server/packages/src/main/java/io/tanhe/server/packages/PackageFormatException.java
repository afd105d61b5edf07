package io.tanhe.server.packages;

/** A file that is not a readable package: not a zip, no manifest, a malformed manifest or signature, an unsafe path. */
public final class PackageFormatException extends RuntimeException {
    public PackageFormatException(String message) {
        super(message);
    }

    public PackageFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
