package io.tanhe.server.packages.release;

import io.tanhe.server.packages.Check;
import io.tanhe.server.packages.ConfigPackage;
import io.tanhe.server.packages.PackageFormatException;
import io.tanhe.server.packages.PackageKind;
import io.tanhe.server.packages.ReleasePackage;
import io.tanhe.server.packages.ReleaseVerdict;
import io.tanhe.server.packages.SignerRole;
import io.tanhe.server.packages.TrustPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReleasePackageTest {
    @TempDir
    Path work;

    @Test
    void aSignedReleaseVerifiesAndUnpacksWithItsManifestAndExecutableLauncher() throws IOException {
        Path file = Releases.app(work, "0.2.0");
        try (ReleasePackage pkg = ReleasePackage.open(file)) {
            ReleaseVerdict v = pkg.verify(Releases.policy(), PackageKind.APPLICATION);
            assertEquals(java.util.List.of(), v.problems());
            assertEquals("0.2.0", v.manifest().version());
            Path out = work.resolve("out");
            pkg.extractTo(out);
            assertEquals("the program, version 0.2.0", Files.readString(out.resolve("lib/tanhe.jar")));
            assertTrue(Files.getPosixFilePermissions(out.resolve("bin/tanhe")).contains(PosixFilePermission.OWNER_EXECUTE));
            assertFalse(Files.getPosixFilePermissions(out.resolve("lib/tanhe.jar")).contains(PosixFilePermission.OWNER_EXECUTE));
            assertArrayEquals(pkg.manifestBytes(), Files.readAllBytes(out.resolve(".tanhe/manifest.json")));
            assertTrue(Files.exists(out.resolve(".tanhe/01-author.json")));
        }
    }

    @Test
    void anUnsignedReleaseIsRefusedEvenWhenThePolicyAsksForNoSignature() throws IOException {
        Path file = Releases.pkg(work, PackageKind.APPLICATION, "tanhe", "0.2.0", null);
        TrustPolicy lax = Releases.policy().withRequirement(PackageKind.APPLICATION, java.util.Set.of());
        try (ReleasePackage pkg = ReleasePackage.open(file)) {
            ReleaseVerdict v = pkg.verify(lax, PackageKind.APPLICATION);
            assertFalse(v.accepted());
            assertTrue(v.has(Check.MISSING_SIGNATURE));
            assertTrue(v.summary().contains("tanhe upgrade sign"), v.summary());
        }
    }

    @Test
    void aReleaseSignedByAnUntrustedKeyIsRefused() throws IOException {
        Path file = Releases.pkg(work, PackageKind.APPLICATION, "tanhe", "0.2.0", Releases.STRANGER);
        try (ReleasePackage pkg = ReleasePackage.open(file)) {
            ReleaseVerdict v = pkg.verify(Releases.policy(), PackageKind.APPLICATION);
            assertTrue(v.has(Check.UNTRUSTED_KEY));
            assertTrue(v.has(Check.MISSING_SIGNATURE));
            assertTrue(v.summary().contains("Someone else"), v.summary());
        }
    }

    @Test
    void aFileChangedAfterSigningIsNamed() throws IOException {
        Path file = Releases.app(work, "0.2.0");
        Path tampered = work.resolve("tampered.tpkg");
        rewrite(file, tampered, "files/lib/tanhe.jar", "the program, with a back door".getBytes(StandardCharsets.UTF_8));
        try (ReleasePackage pkg = ReleasePackage.open(tampered)) {
            ReleaseVerdict v = pkg.verify(Releases.policy(), PackageKind.APPLICATION);
            assertTrue(v.has(Check.FILE_CHANGED));
            assertTrue(v.summary().contains("lib/tanhe.jar was changed after the manifest was made"), v.summary());
            assertFalse(v.has(Check.BAD_SIGNATURE)); // the manifest itself is intact
            PackageFormatException e = assertThrows(PackageFormatException.class, () -> pkg.extractTo(work.resolve("x")));
            assertTrue(e.getMessage().contains("does not match the manifest"), e.getMessage());
        }
    }

    @Test
    void aComponentGivenAsAnUpgradeIsTheWrongKind() throws IOException {
        Path file = Releases.pkg(work, PackageKind.COMPONENT, "modbus-extra", "1.0", Releases.VENDOR);
        try (ReleasePackage pkg = ReleasePackage.open(file)) {
            ReleaseVerdict v = pkg.verify(Releases.policy(), PackageKind.APPLICATION);
            assertTrue(v.has(Check.WRONG_KIND));
            assertTrue(v.summary().contains("this is a component package (modbus-extra 1.0), not an application package"), v.summary());
        }
    }

    @Test
    void aConfigurationReaderRefusesAReleaseAndNamesTheCommandThatInstallsIt() throws IOException {
        Path file = Releases.app(work, "0.2.0");
        PackageFormatException e = assertThrows(PackageFormatException.class, () -> ConfigPackage.read(file));
        assertTrue(e.getMessage().contains("release package (kind application)") && e.getMessage().contains("tanhe remote upgrade"),
                e.getMessage());
    }

    @Test
    void notAZipIsRefusedAsNotAPackage() throws IOException {
        Path file = Files.writeString(work.resolve("x.tpkg"), "hello");
        PackageFormatException e = assertThrows(PackageFormatException.class, () -> ReleasePackage.open(file));
        assertTrue(e.getMessage().contains("not a zip file"), e.getMessage());
    }

    @Test
    void aFileAboveTheConfigurationLimitIsStreamedThrough() throws IOException {
        Path dir = Files.createDirectories(work.resolve("big/lib"));
        byte[] chunk = new byte[1 << 20];
        new Random(7).nextBytes(chunk);
        try (OutputStream out = Files.newOutputStream(dir.resolve("tanhe.jar"))) {
            for (int i = 0; i < 20; i++) { // 20 MiB: above the 16 MiB a configuration package may hold in one file
                out.write(chunk);
            }
        }
        Path file = ReleasePackage.build(work.resolve("big"), PackageKind.APPLICATION, "tanhe", "0.3.0", "", "t", Instant.now(),
                work.resolve("big.tpkg"));
        ReleasePackage.sign(file, Releases.VENDOR, SignerRole.AUTHOR);
        try (ReleasePackage pkg = ReleasePackage.open(file)) {
            assertEquals(java.util.List.of(), pkg.verify(Releases.policy(), PackageKind.APPLICATION).problems());
            pkg.extractTo(work.resolve("big-out"));
        }
        assertEquals(20L << 20, Files.size(work.resolve("big-out/lib/tanhe.jar")));
    }

    /** Copies a package, replacing one entry's bytes (what an attacker with the file could do). */
    static void rewrite(Path from, Path to, String entry, byte[] bytes) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(from));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                out.putNextEntry(new ZipEntry(e.getName()));
                if (e.getName().equals(entry)) {
                    out.write(bytes);
                } else {
                    ((InputStream) in).transferTo(out);
                }
                out.closeEntry();
            }
        }
    }
}
