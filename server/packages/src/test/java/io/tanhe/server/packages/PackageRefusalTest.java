package io.tanhe.server.packages;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every refusal the issue names, each on its own, and the verdict names the reason. */
class PackageRefusalTest {
    @TempDir
    Path tmp;

    private ConfigPackage good() {
        return Fixtures.assembled(Fixtures.METHODOLOGY, Fixtures.factors("99"));
    }

    private static List<Check> checks(Verdict v) {
        return v.problems().stream().map(Problem::check).distinct().toList();
    }

    @Test
    void theGoodPackageIsAccepted() {
        Verdict v = PackageVerifier.verify(Fixtures.signedAndCountersigned(good()), Fixtures.policy());
        assertTrue(v.accepted(), v.summary());
    }

    @Test
    void aBadSignatureIsRefused() {
        ConfigPackage signed = Fixtures.signedAndCountersigned(good());
        PackageSignature author = signed.signatures().getFirst();
        byte[] sig = author.signature();
        sig[sig.length - 3] ^= 0x01;
        ConfigPackage forged = new ConfigPackage(signed.manifest(), signed.manifestBytes(), signed.files(),
                List.of(new PackageSignature(author.role(), author.name(), author.publicKey(), sig), signed.signatures().get(1)));
        Verdict v = PackageVerifier.verify(forged, Fixtures.policy());
        assertEquals(List.of(Check.BAD_SIGNATURE, Check.MISSING_SIGNATURE), checks(v));
        assertTrue(v.problems().getFirst().detail().contains("Li Wei (accountant)"), v.summary());
    }

    @Test
    void aSignerNameChangedAfterSigningBreaksTheSignature() {
        ConfigPackage signed = Fixtures.AUTHOR.sign(good(), SignerRole.AUTHOR);
        PackageSignature s = signed.signatures().getFirst();
        ConfigPackage renamed = new ConfigPackage(signed.manifest(), signed.manifestBytes(), signed.files(),
                List.of(new PackageSignature(SignerRole.VERIFIER, s.name(), s.publicKey(), s.signature())));
        assertTrue(PackageVerifier.verify(renamed, Optional.empty()).has(Check.BAD_SIGNATURE));
    }

    @Test
    void anUntrustedKeyIsRefused() {
        ConfigPackage p = Fixtures.VERIFIER.sign(Fixtures.STRANGER.sign(good(), SignerRole.AUTHOR), SignerRole.VERIFIER);
        Verdict v = PackageVerifier.verify(p, Fixtures.policy());
        assertEquals(List.of(Check.UNTRUSTED_KEY, Check.MISSING_SIGNATURE), checks(v));
        assertTrue(v.problems().getFirst().detail().contains("Someone else"), v.summary());
    }

    @Test
    void aTrustedVerifierSigningAsAuthorIsNotTrustedForThatRole() {
        ConfigPackage p = Fixtures.VERIFIER.sign(Fixtures.VERIFIER.sign(good(), SignerRole.AUTHOR), SignerRole.VERIFIER);
        Verdict v = PackageVerifier.verify(p, Fixtures.policy());
        assertTrue(v.has(Check.UNTRUSTED_KEY), v.summary());
        assertTrue(v.problems().getFirst().detail().contains("for other kinds or roles"), v.summary());
    }

    @Test
    void aMissingCountersignatureIsRefusedForAMethodology() {
        Verdict v = PackageVerifier.verify(Fixtures.AUTHOR.sign(good(), SignerRole.AUTHOR), Fixtures.policy());
        assertEquals(List.of(Check.MISSING_COUNTERSIGNATURE), checks(v));
    }

    @Test
    void anUnsignedFactorUpdateIsRefusedForWantOfAnAuthor() {
        ConfigPackage p = ConfigPackage.of(PackageKind.FACTOR_UPDATE, "demo.tiny", "2", "", "t", Fixtures.BUILT, "",
                Map.of("tiny.factors.yaml", Fixtures.factors("98").getBytes(StandardCharsets.UTF_8)), List.of());
        assertEquals(List.of(Check.MISSING_SIGNATURE), checks(PackageVerifier.verify(p, Fixtures.policy())));
    }

    @Test
    void aFileChangedAfterSigningIsRefusedAndNamed() throws Exception {
        Path file = tmp.resolve("p.tpkg");
        Fixtures.signedAndCountersigned(good()).write(file);
        rewrite(file, "files/tiny/tiny.factors.yaml", Fixtures.factors("98"));
        Verdict v = PackageVerifier.verify(ConfigPackage.read(file), Fixtures.policy());
        assertEquals(List.of(Check.FILE_CHANGED, Check.FAILING_TEST), checks(v));
        assertTrue(v.problems().getFirst().detail().startsWith("tiny/tiny.factors.yaml was changed after"), v.summary());
    }

    @Test
    void aFileAddedOrRemovedAfterSigningIsRefused() throws Exception {
        ConfigPackage signed = Fixtures.signedAndCountersigned(good());
        Map<String, byte[]> more = new TreeMap<>(signed.files());
        more.put("tiny/extra.drl", "rule".getBytes(StandardCharsets.UTF_8));
        more.remove("tiny/tiny.factors.yaml");
        Verdict v = PackageVerifier.verify(new ConfigPackage(signed.manifest(), signed.manifestBytes(), more, signed.signatures()),
                Fixtures.policy());
        assertTrue(v.problems().stream().anyMatch(p -> p.detail().equals("tiny/tiny.factors.yaml is listed in the manifest but missing from the package")), v.summary());
        assertTrue(v.problems().stream().anyMatch(p -> p.detail().equals("tiny/extra.drl was added to the package after the manifest was made")), v.summary());
    }

    @Test
    void aFailingInFileTestIsRefusedAndNamed() {
        ConfigPackage p = Fixtures.signedAndCountersigned(Fixtures.assembled(Fixtures.METHODOLOGY, Fixtures.factors("98")));
        Verdict v = PackageVerifier.verify(p, Fixtures.policy());
        assertEquals(List.of(Check.FAILING_TEST), checks(v));
        assertTrue(v.problems().getFirst().detail().startsWith("tiny/tiny.tanhe: \"ox\""), v.summary());
        assertFalse(v.tests().getFirst().passed());
    }

    @Test
    void aCompileErrorIsRefusedWithItsPosition() {
        ConfigPackage p = Fixtures.signedAndCountersigned(Fixtures.assembled(
                Fixtures.METHODOLOGY.replace("burned * k * ox_coal", "burned * k * ox_col"), Fixtures.factors("99")));
        Verdict v = PackageVerifier.verify(p, Fixtures.policy());
        assertEquals(List.of(Check.COMPILE_ERROR), checks(v));
        assertTrue(v.problems().getFirst().detail().contains("tiny/tiny.tanhe:11:59: error[E300]: unknown name `ox_col`"), v.summary());
    }

    /** The tiny methodology with one DRL file beside it. */
    private static ConfigPackage withRules(String drl) {
        Map<String, byte[]> files = new java.util.TreeMap<>(Fixtures.assembled(Fixtures.METHODOLOGY, Fixtures.factors("99")).files());
        files.put("tiny/tiny.validation.drl", drl.getBytes(StandardCharsets.UTF_8));
        return Fixtures.signedAndCountersigned(ConfigPackage.of(PackageKind.METHODOLOGY, "demo.tiny", "1.0", "", "tanhe test", Fixtures.BUILT,
                "tiny", files, List.of()));
    }

    private static final String RULE = """
            package demo.tiny.validation;

            import io.tanhe.engine.rules.fact.ObservationFact;

            global io.tanhe.engine.rules.validation.Verdicts verdicts;

            rule "negative coal"
            when
                $o : ObservationFact(point == "coal", good, value < 0)
            then
                verdicts.invalid(kcontext, $o, "negative coal");
            end
            """;

    @Test
    void aMethodologysRulesetsAreCompiledAtVerification() {
        assertEquals(List.of(), checks(PackageVerifier.verify(withRules(RULE), Fixtures.policy())));
    }

    @Test
    void aBrokenDrlFileIsACompileErrorNamingItsFileAndLine() {
        Verdict v = PackageVerifier.verify(withRules(RULE.replace("value < 0)", "value < )")), Fixtures.policy());
        assertEquals(List.of(Check.COMPILE_ERROR), checks(v));
        assertTrue(v.problems().getFirst().detail().contains("tiny/tiny.validation.drl:9: error[R101]"), v.summary());
        assertFalse(v.problems().getFirst().detail().contains("tanhe-package-"), "paths are the package's: " + v.summary());
    }

    @Test
    void aBrokenFactorTableInAFactorUpdateIsACompileError() {
        ConfigPackage p = Fixtures.AUTHOR.sign(ConfigPackage.of(PackageKind.FACTOR_UPDATE, "demo.tiny", "2", "", "t", Fixtures.BUILT, "",
                Map.of("tiny.factors.yaml", Fixtures.factors("ninety").getBytes(StandardCharsets.UTF_8)), List.of()), SignerRole.AUTHOR);
        assertEquals(List.of(Check.COMPILE_ERROR), checks(PackageVerifier.verify(p, Fixtures.policy())));
    }

    @Test
    void everyFailingCheckIsReportedAtOnce() {
        ConfigPackage p = Fixtures.STRANGER.sign(Fixtures.assembled(Fixtures.METHODOLOGY, Fixtures.factors("98")), SignerRole.AUTHOR);
        Verdict v = PackageVerifier.verify(p, Fixtures.policy());
        assertEquals(Set.of(Check.UNTRUSTED_KEY, Check.MISSING_SIGNATURE, Check.MISSING_COUNTERSIGNATURE, Check.FAILING_TEST),
                Set.copyOf(checks(v)));
    }

    @Test
    void aBuildOfAFolderWithACompileErrorOrFailingTestIsRefused() throws Exception {
        Path dir = Fixtures.methodologyDir(tmp);
        Files.writeString(dir.resolve("tiny.factors.yaml"), Fixtures.factors("98"));
        BuildException e = assertThrows(BuildException.class, () -> Fixtures.build(dir));
        assertTrue(e.getMessage().contains("failing in-file test: tiny/tiny.tanhe: \"ox\""), e.getMessage());
        Files.writeString(dir.resolve("tiny.tanhe"), Fixtures.METHODOLOGY.replace("ox_coal\n", "ox_col\n"));
        assertThrows(BuildException.class, () -> Fixtures.build(dir));
    }

    @Test
    void filesThatAreNotPackagesAreRefusedWithAReason() throws Exception {
        Path junk = tmp.resolve("junk.tpkg");
        Files.writeString(junk, "not a zip");
        PackageFormatException e = assertThrows(PackageFormatException.class, () -> ConfigPackage.read(junk));
        assertTrue(e.getMessage().contains("no manifest.json"), e.getMessage());
        Path evil = tmp.resolve("evil.tpkg");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(evil))) {
            z.putNextEntry(new ZipEntry("manifest.json"));
            z.write(good().manifestBytes());
            z.putNextEntry(new ZipEntry("files/../../etc/passwd"));
            z.write(1);
        }
        e = assertThrows(PackageFormatException.class, () -> ConfigPackage.read(evil));
        assertTrue(e.getMessage().contains("unsafe file path"), e.getMessage());
    }

    /** Replaces one entry of a package file, as someone editing the zip by hand would. */
    static void rewrite(Path file, String entry, String text) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(file)); ZipOutputStream z = new ZipOutputStream(out)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                z.putNextEntry(new ZipEntry(e.getName()));
                z.write(e.getName().equals(entry) ? text.getBytes(StandardCharsets.UTF_8) : in.readAllBytes());
            }
        }
        Files.write(file, out.toByteArray());
    }
}
