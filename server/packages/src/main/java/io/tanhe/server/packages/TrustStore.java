package io.tanhe.server.packages;

import io.tanhe.server.security.crypto.KeyFiles;
import io.tanhe.server.security.crypto.Sm;
import io.tanhe.server.security.identity.DeviceIdentity;
import io.tanhe.server.security.identity.Sm2Signer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The terminal's trust policy, in {@code trust/policy.yaml} under its data directory, signed by the device's SM2
 * identity like its stored configuration: the last line is {@code # device-signature: <hex>} over everything
 * before it, so the file stays readable YAML (and can be given to {@code tanhe package verify --trust}) while an
 * edit outside {@code tanhe trust} is refused on load. Written atomically (one file, one rename).
 */
public final class TrustStore {
    /** The policy file, relative to the data directory. */
    public static final String FILE = "trust/policy.yaml";
    private static final String SIGNATURE_LINE = "# device-signature: ";

    private final Path file;
    private final DeviceIdentity identity;

    public TrustStore(Path dataDir, DeviceIdentity identity) {
        this.file = dataDir.resolve(FILE);
        this.identity = identity;
    }

    /** Where the policy is kept. */
    public Path file() {
        return file;
    }

    /** Whether a policy was saved (else {@link #load} gives the defaults, which trust no key). */
    public boolean exists() {
        return Files.exists(file);
    }

    /**
     * The stored policy, or {@link TrustPolicy#defaults()} when none was saved.
     *
     * @throws IllegalStateException when the file was changed outside {@code tanhe trust} or does not parse
     */
    public TrustPolicy load() {
        if (!Files.exists(file)) {
            return TrustPolicy.defaults();
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the trust policy " + file + ": " + e.getMessage(), e);
        }
        int at = text.lastIndexOf(SIGNATURE_LINE);
        boolean valid = false;
        if (at >= 0) {
            String body = text.substring(0, at);
            String sig = text.substring(at + SIGNATURE_LINE.length()).strip();
            try {
                valid = Sm2Signer.verify(identity.publicKey(), body.getBytes(StandardCharsets.UTF_8), Sm.unhex(sig));
            } catch (IllegalArgumentException e) {
                valid = false;
            }
        }
        if (!valid) {
            throw new IllegalStateException("the trust policy " + file + " is not signed by this device (it was edited outside"
                    + " `tanhe trust`, or copied from another terminal); no package is accepted until the security operator"
                    + " restores it or writes it again with `tanhe trust`");
        }
        return TrustPolicy.parse(text.substring(0, at), file.toString());
    }

    /** Saves {@code policy}, signed by the device. */
    public void save(TrustPolicy policy) {
        String body = policy.toYaml();
        String signed = body + SIGNATURE_LINE + Sm.hex(identity.signer().sign(body.getBytes(StandardCharsets.UTF_8))) + "\n";
        try {
            KeyFiles.write(file, signed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the trust policy " + file + ": " + e.getMessage(), e);
        }
    }
}
