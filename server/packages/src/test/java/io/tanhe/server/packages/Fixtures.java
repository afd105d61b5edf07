package io.tanhe.server.packages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A tiny methodology with a factor table and one test, and shared signing keys (generating SM2 keys is cheap). */
final class Fixtures {
    static final Instant BUILT = Instant.parse("2026-12-01T08:00:00Z");
    static final SigningKey AUTHOR = SigningKey.generate("Li Wei (accountant)");
    static final SigningKey VERIFIER = SigningKey.generate("Verification Body A");
    static final SigningKey STRANGER = SigningKey.generate("Someone else");

    static final String METHODOLOGY = """
            methodology demo.tiny
              version 1.0
              title "tiny"
              source "test"
              industry "test"
            factors "tiny.factors.yaml"

            factor ox_coal : % "碳氧化率"
            input burned : t counter "燃煤"
            const k : tCO2/t = 2
            emission comb : tCO2 "燃烧" class combustion = burned * k * ox_coal
            total E : tCO2 = comb

            test "ox" {
              input burned = 100 t
              expect E = 198 tCO2 ± 0.001
            }
            """;

    static String factors(String ox) {
        return """
                table: demo.tiny
                version: "1"
                factors:
                  - factor: ox_coal
                    value: %s
                    unit: "%%"
                    source: "test"
                    confidence: A
                """.formatted(ox);
    }

    static final String THRESHOLDS = """
            thresholds:
              - id: comb-negative
                target: comb
                grain: hour
                operator: "<"
                limit: 0
                unit: tCO2
                severity: major
            """;

    private Fixtures() {
    }

    /** Writes the tiny methodology folder under {@code root} and returns it. */
    static Path methodologyDir(Path root) throws IOException {
        Path dir = root.resolve("tiny");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("tiny.tanhe"), METHODOLOGY);
        Files.writeString(dir.resolve("tiny.factors.yaml"), factors("99"));
        Files.writeString(dir.resolve("tiny.thresholds.yaml"), THRESHOLDS);
        return dir;
    }

    static ConfigPackage build(Path dir) {
        return PackageBuilder.build(new PackageBuilder.Request(dir, List.of(), null, null, null, "tanhe test", BUILT));
    }

    /** A methodology package assembled directly (as a tool other than tanhe could), without building or testing. */
    static ConfigPackage assembled(String methodology, String factors) {
        Map<String, byte[]> files = new TreeMap<>();
        files.put("tiny/tiny.tanhe", methodology.getBytes(StandardCharsets.UTF_8));
        files.put("tiny/tiny.factors.yaml", factors.getBytes(StandardCharsets.UTF_8));
        return ConfigPackage.of(PackageKind.METHODOLOGY, "demo.tiny", "1.0", "", "tanhe test", BUILT, "tiny", files, List.of());
    }

    /** Authors may author everything; the verifier may countersign everything; the default requirements. */
    static TrustPolicy policy() {
        return TrustPolicy.defaults()
                .withKey(new TrustedKey(AUTHOR.name(), AUTHOR.publicKey(), java.util.Set.of(PackageKind.values()), java.util.Set.of()))
                .withKey(new TrustedKey(VERIFIER.name(), VERIFIER.publicKey(), java.util.Set.of(), java.util.Set.of(PackageKind.values())));
    }

    static ConfigPackage signedAndCountersigned(ConfigPackage p) {
        return VERIFIER.sign(AUTHOR.sign(p, SignerRole.AUTHOR), SignerRole.VERIFIER);
    }
}
