package io.tanhe.server.packages;

import java.util.Objects;

/**
 * One failed check of a verification.
 *
 * @param check  what failed
 * @param detail what exactly, and where: the file, the signer, the test
 */
public record Problem(Check check, String detail) {
    public Problem {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return check.label() + ": " + detail;
    }
}
