package io.tanhe.server.packages.release;

import io.tanhe.server.packages.PackageKind;
import io.tanhe.server.packages.ReleasePackage;
import io.tanhe.server.packages.SignerRole;
import io.tanhe.server.packages.SigningKey;
import io.tanhe.server.packages.TrustPolicy;
import io.tanhe.server.packages.TrustedKey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;

/** Release packages and a trust policy for the tests: a release vendor's key, trusted to author releases. */
final class Releases {
    static final SigningKey VENDOR = SigningKey.generate("Tanhe release team");
    static final SigningKey STRANGER = SigningKey.generate("Someone else");

    private Releases() {
    }

    static TrustPolicy policy() {
        return TrustPolicy.defaults().withKey(new TrustedKey(VENDOR.name(), VENDOR.publicKey(),
                Set.of(PackageKind.APPLICATION, PackageKind.COMPONENT), Set.of()));
    }

    /** A release folder with a jar-like file and a launcher, built into a package of {@code kind}, signed by {@code key} (or not). */
    static Path pkg(Path work, PackageKind kind, String id, String version, SigningKey key) throws IOException {
        Path dir = work.resolve("src-" + id + "-" + version);
        Files.createDirectories(dir.resolve("lib"));
        Files.createDirectories(dir.resolve("bin"));
        Files.writeString(dir.resolve("lib/tanhe.jar"), "the program, version " + version);
        Files.writeString(dir.resolve("bin/tanhe"), "#!/bin/sh\necho " + version + "\n");
        Path out = work.resolve(id + "-" + version + ".tpkg");
        ReleasePackage.build(dir, kind, id, version, "", "tanhe test", Instant.parse("2026-12-06T08:00:00Z"), out);
        if (key != null) {
            ReleasePackage.sign(out, key, SignerRole.AUTHOR);
        }
        return out;
    }

    static Path app(Path work, String version) throws IOException {
        return pkg(work, PackageKind.APPLICATION, "tanhe", version, VENDOR);
    }
}
