package io.tanhe.cli;

import io.tanhe.server.store.jdbc.JdbcStore;
import io.tanhe.server.store.jdbc.StoreSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tanhe package|trust|diff}: the author's, the verifier's and the security operator's path, offline. */
class PackageCommandsTest {
    static final String TINY = """
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
              expect E = EXPECTED tCO2 ± 0.001
            }
            """;
    static final String FACTORS = """
            table: demo.tiny
            version: "1"
            factors:
              - factor: ox_coal
                value: %s
                unit: "%%"
                source: "test"
                confidence: A
            """;

    @TempDir
    Path dir;
    String data;

    @BeforeEach
    void aStoppedTerminalsDataDirectory() {
        JdbcStore.open(StoreSettings.at(dir.resolve("data")).withMinFreeBytes(0)).close();
        data = "--data-dir=" + dir.resolve("data");
    }

    private static CliRun ok(String... args) {
        CliRun run = CliRun.of(args);
        assertEquals(0, run.exit(), String.join(" ", args) + ": " + run.err() + run.out());
        return run;
    }

    private Path methodology(String name, String ox, String expected) throws IOException {
        Path d = dir.resolve(name).resolve("tiny");
        Files.createDirectories(d);
        Files.writeString(d.resolve("tiny.tanhe"), TINY.replace("EXPECTED", expected));
        Files.writeString(d.resolve("tiny.factors.yaml"), FACTORS.formatted(ox));
        return d;
    }

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void buildSignCountersignTrustAndVerify() throws Exception {
        ok("package", "keygen", "--name", "Li Wei (accountant)", "-o", p("author-key"));
        ok("package", "keygen", "--name", "Verification Body A", "-o", p("verifier-key"));
        assertEquals(1, CliRun.of("package", "keygen", "--name", "x", "-o", p("author-key")).exit(), "an existing key is not replaced");

        ok("trust", "add-key", data, p("author-key.pub"), "--author", "methodology,factor-update");
        ok("trust", "add-key", data, p("verifier-key.pub"), "--verify", "methodology");
        CliRun show = ok("trust", "show", data);
        assertTrue(show.out().contains("Li Wei (accountant)"), show.out());
        assertTrue(show.out().contains("methodology: author and verifier"), show.out());
        String policy = dir.resolve("data/trust/policy.yaml").toString();

        CliRun built = ok("package", "build", methodology("v1", "99", "198").toString(), "-o", p("v1.tpkg"));
        assertTrue(built.out().contains("methodology demo.tiny 1.0"), built.out());
        CliRun unsigned = CliRun.of("package", "verify", p("v1.tpkg"), "--trust", policy);
        assertEquals(1, unsigned.exit());
        assertTrue(unsigned.out().contains("missing author signature"), unsigned.out());
        assertEquals(1, CliRun.of("package", "countersign", p("v1.tpkg"), "--key", p("verifier-key")).exit(),
                "a verifier countersigns only what an author signed");

        ok("package", "sign", p("v1.tpkg"), "--key", p("author-key"));
        CliRun half = CliRun.of("package", "verify", p("v1.tpkg"), "--trust", policy);
        assertEquals(1, half.exit());
        assertTrue(half.out().contains("missing countersignature"), half.out());

        ok("package", "countersign", p("v1.tpkg"), "--key", p("verifier-key"));
        CliRun verified = ok("package", "verify", p("v1.tpkg"), "--trust", policy);
        assertTrue(verified.out().contains("author  Li Wei (accountant)"), verified.out());
        assertTrue(verified.out().contains("valid, trusted"), verified.out());
        assertTrue(verified.out().contains("PASS tiny/tiny.tanhe: ox"), verified.out());
        assertTrue(verified.out().contains("verdict: accepted"), verified.out());

        ok("package", "build", methodology("v2", "98", "196").toString(), "-o", p("v2.tpkg"));
        ok("package", "sign", p("v2.tpkg"), "--key", p("author-key"));
        CliRun against = CliRun.of("package", "verify", p("v2.tpkg"), "--against", p("v1.tpkg"), "--trust", policy);
        assertEquals(1, against.exit(), "not countersigned");
        assertTrue(against.out().contains("~ factor value ox_coal value: 99 % → 98 %"), against.out());

        CliRun audit = ok("audit", "query", data, "--asc", "--source=local");
        assertTrue(audit.out().contains("trust.add-key"), audit.out());
    }

    @Test
    void aTrustPolicyEditedOutsideTanheIsRefused() throws Exception {
        ok("package", "keygen", "--name", "Li Wei", "-o", p("author-key"));
        ok("trust", "add-key", data, p("author-key.pub"), "--author", "factor-update");
        Path policy = dir.resolve("data/trust/policy.yaml");
        Files.writeString(policy, Files.readString(policy).replace("- factor-update", "- methodology"));
        CliRun show = CliRun.of("trust", "show", data);
        assertEquals(1, show.exit());
        assertTrue(show.err().contains("not signed by this device"), show.err());
        assertEquals(1, CliRun.of("trust", "require", data, "threshold", "author").exit(), "nothing is changed on a tampered policy");
    }

    @Test
    void diffSaysNoDifferencesOrWhatChangedInTextAndJson() throws Exception {
        Path a = methodology("a", "99", "198");
        Path b = methodology("b", "99", "198");
        CliRun same = ok("diff", a.toString(), b.toString());
        assertTrue(same.out().endsWith("no differences\n"), same.out());
        Files.writeString(b.resolve("tiny.tanhe"), TINY.replace("EXPECTED", "198").replace("= burned * k * ox_coal", "= burned * ox_coal * k"));
        CliRun changed = CliRun.of("diff", a.toString(), b.toString(), "--format", "json");
        assertEquals(1, changed.exit());
        assertTrue(changed.out().contains("\"subject\" : \"emission comb\""), changed.out());
        assertTrue(changed.out().contains("\"new\" : \"burned * ox_coal * k\""), changed.out());
        assertEquals(2, CliRun.of("diff", a.toString(), p("nothing")).exit());
    }

    @Test
    void aFileChangedAfterSigningIsNotSignedAgainAndIsRefused() throws Exception {
        ok("package", "keygen", "--name", "Li Wei", "-o", p("author-key"));
        ok("package", "build", methodology("v1", "99", "198").toString(), "-o", p("v1.tpkg"));
        ok("package", "sign", p("v1.tpkg"), "--key", p("author-key"));
        io.tanhe.server.packages.ConfigPackage pkg = io.tanhe.server.packages.ConfigPackage.read(dir.resolve("v1.tpkg"));
        java.util.Map<String, byte[]> files = new java.util.TreeMap<>(pkg.files());
        files.put("tiny/tiny.factors.yaml", FACTORS.formatted("98").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        new io.tanhe.server.packages.ConfigPackage(pkg.manifest(), pkg.manifestBytes(), files, pkg.signatures()).write(dir.resolve("v1.tpkg"));
        CliRun verify = CliRun.of("package", "verify", p("v1.tpkg"));
        assertEquals(1, verify.exit());
        assertTrue(verify.out().contains("file changed after signing: tiny/tiny.factors.yaml was changed"), verify.out());
        CliRun resign = CliRun.of("package", "sign", p("v1.tpkg"), "--key", p("author-key"));
        assertEquals(1, resign.exit());
        assertFalse(resign.out().contains("signed"), resign.out());
    }
}
