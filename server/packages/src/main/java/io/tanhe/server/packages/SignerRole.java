package io.tanhe.server.packages;

import java.util.Locale;

/** Who signs a package: its author (an accountant) or the verification body that countersigns it. */
public enum SignerRole {
    AUTHOR("author"),
    VERIFIER("verifier");

    private final String label;

    SignerRole(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** @throws IllegalArgumentException for anything but {@code author} or {@code verifier} */
    public static SignerRole of(String label) {
        String l = label == null ? "" : label.strip().toLowerCase(Locale.ROOT);
        for (SignerRole r : values()) {
            if (r.label.equals(l)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown signer role '" + label + "': use author or verifier");
    }

    @Override
    public String toString() {
        return label;
    }
}
