package io.tanhe.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tanhe upgrade}: build, sign, verify a release as its vendor would; status, rollback and check on the machine. */
class UpgradeCommandTest {
    @TempDir
    Path dir;

    @Test
    void aReleaseIsBuiltSignedAndVerifiedAndAChangedOneIsRefused() throws Exception {
        Path jar = Files.writeString(dir.resolve("tanhe.jar"), "the program");
        Path pkg = dir.resolve("tanhe-0.2.0.tpkg");
        CliRun built = CliRun.of("upgrade", "build", "--jar", jar.toString(), "--version", "0.2.0", "-o", pkg.toString());
        assertEquals(0, built.exit(), built.err());
        assertTrue(built.out().contains("application tanhe 0.2.0, 1 files"), built.out());
        Path key = dir.resolve("release.key");
        assertEquals(0, CliRun.of("package", "keygen", "--name", "Tanhe release team", "-o", key.toString()).exit());
        CliRun signed = CliRun.of("upgrade", "sign", pkg.toString(), "--key", key.toString());
        assertEquals(0, signed.exit(), signed.err());

        String pub = Files.readString(Path.of(key + ".pub")).lines().filter(l -> !l.startsWith("#") && !l.startsWith("-----"))
                .reduce("", String::concat);
        Path trust = Files.writeString(dir.resolve("policy.yaml"), "keys:\n  - name: Tanhe release team\n    public_key: " + pub
                + "\n    author: [application]\n    verify: []\n");
        CliRun ok = CliRun.of("upgrade", "verify", pkg.toString(), "--trust", trust.toString());
        assertEquals(0, ok.exit(), ok.out() + ok.err());
        assertTrue(ok.out().contains("author Tanhe release team") && ok.out().contains("valid, trusted") && ok.out().endsWith("accepted\n"),
                ok.out());

        CliRun asComponent = CliRun.of("upgrade", "verify", pkg.toString(), "--trust", trust.toString(), "--kind", "component");
        assertEquals(1, asComponent.exit());
        assertTrue(asComponent.out().contains("this is an application package (tanhe 0.2.0), not a component package"),
                asComponent.out());

        CliRun methodology = CliRun.of("upgrade", "build", "--jar", jar.toString(), "--version", "1", "--kind", "methodology", "-o",
                dir.resolve("x.tpkg").toString());
        assertEquals(2, methodology.exit());
        assertTrue(methodology.err().contains("tanhe package build"), methodology.err());
    }

    @Test
    void onTheMachineStatusRollbackAndCheckSayWhatThereIs() {
        Path root = dir.resolve("opt-tanhe");
        CliRun noRoot = CliRun.of("upgrade", "check", "--install-root", root.toString());
        assertEquals(0, noRoot.exit(), "the check never stops a start");
        assertTrue(noRoot.out().contains("no install root; the packaged build runs"), noRoot.out());
        assertEquals(0, CliRun.of("upgrade", "check", "--install-root", dir.toString()).exit());
        CliRun status = CliRun.of("upgrade", "status", "--install-root", dir.toString());
        assertEquals(0, status.exit(), status.err());
        assertTrue(status.out().contains("base (the packaged build)") && status.out().contains("idle"), status.out());
        CliRun rollback = CliRun.of("upgrade", "rollback", "--install-root", dir.toString());
        assertEquals(1, rollback.exit());
        assertTrue(rollback.err().contains("no upgrade to roll back"), rollback.err());
    }
}
