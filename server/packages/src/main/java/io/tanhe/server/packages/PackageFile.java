package io.tanhe.server.packages;

import java.util.Objects;

/**
 * One file of a package as its manifest lists it.
 *
 * @param path relative path inside the package, '/'-separated, e.g. {@code aluminium-2013/aluminium-2013.tanhe}
 * @param sm3  SM3 of the file's bytes, lower-case hex
 * @param size the file's length in bytes
 */
public record PackageFile(String path, String sm3, long size) {
    public PackageFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sm3, "sm3");
    }
}
