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
    /** The verification body that countersigns methodology packages. */
    public static final SigningKey VERIFIER = SigningKey.generate("Verification body (test)");
    /** A key the terminal does not trust. */
    public static final SigningKey STRANGER = SigningKey.generate("Someone else");

    private SignedPackages() {
    }

    /** The oxidation-rate update {@code ox_coal} = {@code percent} %, built in {@code work} and signed by {@code key}. */
    public static ConfigPackage oxidation(Path work, String version, String percent, SigningKey key) throws IOException {
        return factorUpdate(work, "ox-coal", version, """
                  - factor: ox_coal
                    value: %s
                    unit: "%%"
                    source: "test: the plant's measured oxidation rate"
                    confidence: A
                """.formatted(percent), key);
    }

    /** A factor-update package of table {@code table} holding {@code entries} (YAML list items), built in {@code work} and signed by {@code key}. */
    public static ConfigPackage factorUpdate(Path work, String table, String version, String entries, SigningKey key) throws IOException {
        Path dir = Files.createDirectories(work.resolve("pkg-" + table + "-" + version + "-" + Integer.toHexString(entries.hashCode())));
        Files.writeString(dir.resolve(table + ".factors.yaml"), """
                table: %s
                version: "%s"
                factors:
                """.formatted(table, version) + entries);
        ConfigPackage built = PackageBuilder.build(new PackageBuilder.Request(dir, List.of(), PackageKind.FACTOR_UPDATE, null, null,
                "tanhe test", Instant.parse("2026-12-01T00:00:00Z")));
        return key.sign(built, SignerRole.AUTHOR);
    }

    /**
     * The library's cn.power-generation 2022.1 as version {@code version}, built into a methodology package in {@code work}
     * with the shared files it imports: its in-file tests left out, the coal combustion halved (so that every figure of it
     * changes), and {@code extraRule} (DRL, may be empty) appended to its validation rules. Signed by {@link #AUTHOR} and
     * countersigned by {@link #VERIFIER}.
     */
    public static ConfigPackage methodology(Path work, String version, String extraRule) throws IOException {
        Path library = io.tanhe.server.site.MethodologyLibrary.find().root();
        Path lib = work.resolve("lib-" + version + "-" + Integer.toHexString(extraRule.hashCode()));
        for (String folder : List.of("power-generation-2022", "shared")) {
            try (var files = Files.walk(library.resolve(folder))) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Path target = lib.resolve(library.relativize(f).toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(f, target);
                }
            }
        }
        Path dir = lib.resolve("power-generation-2022");
        String text = Files.readString(dir.resolve("power-generation.tanhe"));
        String halved = text.substring(0, text.indexOf("\ntest \"") + 1)
                .replace("  version 2022.1\n", "  version " + version + "\n")
                .replace("carbon_co2(coal_burned[u], coal_carbon_reported[u], ox_coal)\n",
                        "carbon_co2(coal_burned[u], coal_carbon_reported[u], ox_coal) * 0.5\n");
        Files.writeString(dir.resolve("power-generation.tanhe"), halved);
        Path drl = dir.resolve("power-generation-2022.validation.drl");
        Files.writeString(drl, Files.readString(drl) + "\n" + extraRule);
        ConfigPackage built = PackageBuilder.build(new PackageBuilder.Request(dir, List.of(lib), PackageKind.METHODOLOGY, null, null,
                "tanhe test", Instant.parse("2026-12-01T00:00:00Z")));
        return VERIFIER.sign(AUTHOR.sign(built, SignerRole.AUTHOR), SignerRole.VERIFIER);
    }

    /**
     * Writes the terminal's trust policy: {@link #AUTHOR} may author factor updates, which need an author (and a verifier
     * when asked), and methodologies, which {@link #VERIFIER} countersigns.
     */
    public static void trust(Path dataDir, boolean verifierRequired) throws IOException {
        TrustPolicy policy = TrustPolicy.defaults()
                .withKey(new TrustedKey(AUTHOR.name(), AUTHOR.publicKey(), Set.of(PackageKind.FACTOR_UPDATE, PackageKind.METHODOLOGY), Set.of()))
                .withKey(new TrustedKey(VERIFIER.name(), VERIFIER.publicKey(), Set.of(), Set.of(PackageKind.METHODOLOGY)))
                .withRequirement(PackageKind.FACTOR_UPDATE, verifierRequired ? Set.of(SignerRole.AUTHOR, SignerRole.VERIFIER)
                        : Set.of(SignerRole.AUTHOR));
        Files.createDirectories(dataDir);
        new io.tanhe.server.packages.TrustStore(dataDir, io.tanhe.server.security.identity.DeviceIdentity.loadOrCreate(dataDir)).save(policy);
    }
}
