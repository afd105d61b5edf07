package io.tanhe.server.terminal.lifecycle;

import io.tanhe.server.packages.ConfigPackage;
import io.tanhe.server.packages.PackageBuilder;
import io.tanhe.server.packages.PackageKind;
import io.tanhe.server.packages.SignerRole;
import io.tanhe.server.packages.SigningKey;
import io.tanhe.server.packages.TrustPolicy;
import io.tanhe.server.packages.TrustedKey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Real signed factor packages for the lifecycle tests, built with the package format's own API, and a trust policy for them. */
public final class SignedPackages {
    /** The accountant who authors the test packages. */
    public static final SigningKey AUTHOR = SigningKey.generate("Li Wei (accountant)");
    /** A key the terminal does not trust. */
    public static final SigningKey STRANGER = SigningKey.generate("Someone else");

    private SignedPackages() {
    }

    /** The oxidation-rate update {@code ox_coal} = {@code percent} %, built in {@code work} and signed by {@code key}. */
    public static ConfigPackage oxidation(Path work, String version, String percent, SigningKey key) throws IOException {
        Path dir = Files.createDirectories(work.resolve("pkg-" + version + "-" + percent));
        Files.writeString(dir.resolve("ox-coal.factors.yaml"), """
                table: ox-coal
                version: "%s"
                factors:
                  - factor: ox_coal
                    value: %s
                    unit: "%%"
                    source: "test: the plant's measured oxidation rate"
                    confidence: A
                """.formatted(version, percent));
        ConfigPackage built = PackageBuilder.build(new PackageBuilder.Request(dir, List.of(), PackageKind.FACTOR_UPDATE, null, null,
                "tanhe test", Instant.parse("2026-12-01T00:00:00Z")));
        return key.sign(built, SignerRole.AUTHOR);
    }

    /** Writes the terminal's trust policy: {@link #AUTHOR} may author factor updates, which need an author (and a verifier when asked). */
    public static void trust(Path dataDir, boolean verifierRequired) throws IOException {
        TrustPolicy policy = TrustPolicy.defaults()
                .withKey(new TrustedKey(AUTHOR.name(), AUTHOR.publicKey(), Set.of(PackageKind.FACTOR_UPDATE), Set.of()))
                .withRequirement(PackageKind.FACTOR_UPDATE, verifierRequired ? Set.of(SignerRole.AUTHOR, SignerRole.VERIFIER)
                        : Set.of(SignerRole.AUTHOR));
        Files.createDirectories(dataDir);
        new io.tanhe.server.packages.TrustStore(dataDir, io.tanhe.server.security.identity.DeviceIdentity.loadOrCreate(dataDir)).save(policy);
    }
}
