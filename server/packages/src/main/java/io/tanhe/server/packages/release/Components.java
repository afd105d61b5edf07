package io.tanhe.server.packages.release;

import io.tanhe.server.packages.PackageFormatException;
import io.tanhe.server.packages.PackageKind;
import io.tanhe.server.packages.ReleasePackage;
import io.tanhe.server.packages.ReleaseVerdict;
import io.tanhe.server.packages.TrustPolicy;
import io.tanhe.server.store.FileTrees;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Optional components (e.g. a driver pack) installed and uninstalled like a release: a signed {@code component}
 * package verified against the trust policy, unpacked into {@code components/<id>/<version>/} (a partial folder
 * renamed when complete) and made the one in use by an atomic switch of {@code components/<id>/current}. The
 * launcher puts the jars under each component's {@code current/lib/} on the class path, so a component takes effect
 * at the next start; uninstalling removes the link, then the folders.
 */
public final class Components {
    private static final Pattern NAME = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._+~-]{0,63}");
    private final InstallRoot root;

    public Components(InstallRoot root) {
        this.root = root;
    }

    /** Each installed component and the version in use. */
    public Map<String, String> installed() throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (!Files.isDirectory(root.components())) {
            return out;
        }
        try (Stream<Path> s = Files.list(root.components())) {
            for (Path c : s.filter(Files::isDirectory).toList()) {
                InstallRoot.linked(c.resolve(InstallRoot.CURRENT)).ifPresent(v -> out.put(c.getFileName().toString(), v));
            }
        }
        return out;
    }

    /**
     * Verifies and installs the component package {@code file}; returns its id and version.
     *
     * @throws UpgradeRefused when the package is refused (every reason); nothing changed
     */
    public synchronized Map.Entry<String, String> install(Path file, TrustPolicy policy) throws UpgradeRefused, IOException {
        try (ReleasePackage pkg = ReleasePackage.open(file)) {
            ReleaseVerdict verdict = pkg.verify(policy, PackageKind.COMPONENT);
            if (!verdict.accepted()) {
                throw new UpgradeRefused(file.getFileName() + " " + verdict.summary(), verdict.problems());
            }
            String id = pkg.manifest().id();
            String version = pkg.manifest().version();
            if (!NAME.matcher(id).matches() || !NAME.matcher(version).matches()) {
                throw new UpgradeRefused("the component id '" + id + "' or version '" + version + "' cannot name a folder: letters,"
                        + " digits and . _ + ~ -, at most 64", List.of());
            }
            Path dir = Files.createDirectories(root.components().resolve(id));
            Path target = dir.resolve(version);
            Path partial = dir.resolve("." + version + ".partial");
            FileTrees.delete(partial);
            FileTrees.delete(target);
            pkg.extractTo(partial);
            InstallRoot.force(partial);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            Optional<String> before = InstallRoot.linked(dir.resolve(InstallRoot.CURRENT));
            InstallRoot.relink(dir.resolve(InstallRoot.CURRENT), Optional.of(target));
            if (before.isPresent() && !before.get().equals(version)) {
                FileTrees.delete(dir.resolve(before.get()));
            }
            return Map.entry(id, version);
        } catch (PackageFormatException e) {
            throw new UpgradeRefused(e.getMessage(), List.of());
        }
    }

    /**
     * Uninstalls component {@code id}: its link first (atomic: the next start no longer sees it), then its folders.
     *
     * @return the version that was in use; empty when it was not installed
     */
    public synchronized Optional<String> uninstall(String id) throws IOException {
        if (!NAME.matcher(id).matches()) {
            throw new IllegalArgumentException("'" + id + "' is not a component id (letters, digits and . _ + ~ -)");
        }
        Path dir = root.components().resolve(id);
        Optional<String> was = InstallRoot.linked(dir.resolve(InstallRoot.CURRENT));
        if (Files.exists(dir)) {
            InstallRoot.relink(dir.resolve(InstallRoot.CURRENT), Optional.empty());
            FileTrees.delete(dir);
        }
        return was;
    }
}
