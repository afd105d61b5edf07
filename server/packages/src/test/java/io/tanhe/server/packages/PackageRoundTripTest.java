package io.tanhe.server.packages;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PackageRoundTripTest {
    @TempDir
    Path tmp;

    @Test
    void aBuiltMethodologyPackageListsEveryFileWithItsSm3AndItsTestResults() throws Exception {
        ConfigPackage p = Fixtures.build(Fixtures.methodologyDir(tmp));
        Manifest m = p.manifest();
        assertEquals(PackageKind.METHODOLOGY, m.kind());
        assertEquals("demo.tiny", m.id());
        assertEquals("1.0", m.version());
        assertEquals("tiny", m.entry());
        assertEquals(List.of("tiny/tiny.factors.yaml", "tiny/tiny.tanhe", "tiny/tiny.thresholds.yaml"),
                m.files().stream().map(PackageFile::path).toList());
        assertEquals(List.of(new RecordedTest("tiny/tiny.tanhe", "ox", true)), m.tests());
        assertEquals(io.tanhe.server.security.crypto.Sm.hex(io.tanhe.server.security.crypto.Sm.sm3(
                Files.readAllBytes(tmp.resolve("tiny/tiny.tanhe")))), m.file("tiny/tiny.tanhe").orElseThrow().sm3());
    }

    @Test
    void buildSignCountersignWriteReadAndVerifyIsAccepted() throws Exception {
        ConfigPackage p = Fixtures.signedAndCountersigned(Fixtures.build(Fixtures.methodologyDir(tmp)));
        Path file = tmp.resolve("tiny.tpkg");
        p.write(file);
        ConfigPackage read = ConfigPackage.read(file);
        assertEquals(p, read);
        assertArrayEquals(p.toBytes(), read.toBytes(), "the same package always gives the same bytes");
        Verdict v = PackageVerifier.verify(read, Fixtures.policy());
        assertTrue(v.accepted(), v.summary());
        assertEquals(List.of(SignerRole.AUTHOR, SignerRole.VERIFIER), v.signatures().stream().map(c -> c.signature().role()).toList());
        assertEquals("Li Wei (accountant)", v.signatures().getFirst().trustedAs().orElseThrow().name());
        assertEquals(1, v.tests().size());
        assertTrue(v.tests().getFirst().passed());
    }

    @Test
    void aMethodologyFromTheLibraryTakesItsSharedImportsAlongAndCompilesOnItsOwn() {
        Path library = Path.of("../../methodologies").toAbsolutePath().normalize();
        ConfigPackage p = PackageBuilder.build(new PackageBuilder.Request(library.resolve("aluminium-2013"), List.of(library),
                null, null, null, "tanhe test", Fixtures.BUILT));
        assertEquals("cn.aluminium", p.manifest().id());
        assertEquals("aluminium-2013", p.manifest().entry());
        assertTrue(p.files().containsKey("shared/gwp.tanhe"), p.files().keySet().toString());
        assertTrue(p.files().containsKey("shared/rules/settlement.verification.drl"), p.files().keySet().toString());
        assertTrue(p.manifest().tests().size() >= 3);
        Verdict v = PackageVerifier.verify(Fixtures.signedAndCountersigned(p), Fixtures.policy());
        assertTrue(v.accepted(), v.summary());
    }

    @Test
    void aFactorUpdateTakesItsIdAndVersionFromTheTableAndNeedsOnlyAnAuthor() throws Exception {
        Path dir = tmp.resolve("update");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("tiny.factors.yaml"), Fixtures.factors("98"));
        ConfigPackage p = Fixtures.build(dir);
        assertEquals(PackageKind.FACTOR_UPDATE, p.manifest().kind());
        assertEquals("demo.tiny", p.manifest().id());
        assertEquals("1", p.manifest().version());
        assertEquals("update", p.manifest().entry(), "outside a library, paths start at the folder's parent");
        assertTrue(PackageVerifier.verify(Fixtures.AUTHOR.sign(p, SignerRole.AUTHOR), Fixtures.policy()).accepted());
    }

    @Test
    void aThresholdPackageMayBeUnsignedWhenThePolicySaysSo() throws Exception {
        Path dir = tmp.resolve("limits");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("site.thresholds.yaml"), Fixtures.THRESHOLDS);
        Files.writeString(dir.resolve("package.yaml"), "id: plant.limits\nversion: \"3\"\n");
        ConfigPackage p = Fixtures.build(dir);
        assertEquals(PackageKind.THRESHOLD, p.manifest().kind());
        assertEquals("plant.limits", p.manifest().id());
        assertTrue(PackageVerifier.verify(p, Fixtures.policy()).accepted());
    }

    @Test
    void twoPackagesDiffByTheirContentsForTheReview() throws Exception {
        ConfigPackage base = Fixtures.build(Fixtures.methodologyDir(tmp.resolve("a")));
        Path next = Fixtures.methodologyDir(tmp.resolve("b"));
        Files.writeString(next.resolve("tiny.factors.yaml"), Fixtures.factors("98"));
        Files.writeString(next.resolve("tiny.tanhe"), Fixtures.METHODOLOGY.replace("version 1.0", "version 1.1")
                .replace("expect E = 198 tCO2", "expect E = 196 tCO2"));
        io.tanhe.server.packages.diff.DiffReport r = PackageDiff.between(base, Fixtures.build(next));
        assertEquals(List.of("header version 1.0 → 1.1", "factors value 99 % → 98 %", "tests body"),
                r.changes().stream().map(c -> c.area().label() + " " + c.field()
                        + (c.before().length() < 10 ? " " + c.before() + " → " + c.after() : "")).toList());
        assertEquals("tiny/tiny.tanhe:14:1", r.in(io.tanhe.server.packages.diff.Area.TESTS).getFirst().oldAt());
        assertTrue(PackageDiff.between(base, base).identical());
    }
}
