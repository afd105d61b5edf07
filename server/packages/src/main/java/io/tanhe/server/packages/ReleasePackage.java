package io.tanhe.server.packages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tanhe.server.security.crypto.Sm;
import org.bouncycastle.crypto.digests.SM3Digest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A release package on disk: the program ({@link PackageKind#APPLICATION}) or an optional component
 * ({@link PackageKind#COMPONENT}). Same file as a {@link ConfigPackage} — {@code manifest.json}, {@code files/…},
 * {@code signatures/…}, signed the same way and judged by the same trust policy — but a release is larger than
 * memory should hold (tanhe.jar alone is 95 MB), so it is read from its file entry by entry: every file is hashed
 * and unpacked as a stream, never held whole. Its own bounds: 1 GiB a file, 2 GiB in all, 65536 entries.
 *
 * <p>Unpacking hashes each file again as it writes it and refuses a file that does not match the manifest, so
 * what lands in a release folder is what was verified even if the package file changed in between.
 */
public final class ReleasePackage implements AutoCloseable {
    static final long MAX_FILE_BYTES = 1L << 30;
    static final long MAX_TOTAL_BYTES = 2L << 30;
    static final int MAX_ENTRIES = 65536;
    private static final int MAX_META_BYTES = 4 << 20;
    /** The folder inside an unpacked release that keeps its manifest and signatures; no package file may use it. */
    public static final String META = ".tanhe";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final ZipFile zip;
    private final Manifest manifest;
    private final byte[] manifestBytes;
    private final List<PackageSignature> signatures;
    private final Map<String, ZipEntry> files;

    private ReleasePackage(Path file, ZipFile zip, Manifest manifest, byte[] manifestBytes, List<PackageSignature> signatures,
                           Map<String, ZipEntry> files) {
        this.file = file;
        this.zip = zip;
        this.manifest = manifest;
        this.manifestBytes = manifestBytes;
        this.signatures = List.copyOf(signatures);
        this.files = files;
    }

    /**
     * Opens the release package {@code file}; close it when done.
     *
     * @throws PackageFormatException naming the file when it is not a release package (not a zip, no manifest, a
     *                                configuration kind, an unsafe path, over the bounds)
     * @throws IOException            when it cannot be read
     */
    public static ReleasePackage open(Path file) throws IOException {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8);
        } catch (ZipException e) {
            throw new PackageFormatException(file + " is not a package (not a zip file): " + e.getMessage(), e);
        }
        try {
            return read(file, zip);
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    private static ReleasePackage read(Path file, ZipFile zip) throws IOException {
        if (zip.size() > MAX_ENTRIES) {
            throw new PackageFormatException(file + ": more than " + MAX_ENTRIES + " entries; not a release package");
        }
        byte[] manifest = null;
        Map<String, ZipEntry> files = new TreeMap<>();
        TreeMap<String, byte[]> sigs = new TreeMap<>();
        long total = 0;
        for (ZipEntry e : zip.stream().toList()) {
            if (e.isDirectory()) {
                continue;
            }
            String name = e.getName();
            if (name.equals(ConfigPackage.MANIFEST)) {
                if (manifest != null) {
                    throw new PackageFormatException(file + ": manifest.json is in the package twice");
                }
                manifest = small(zip, e, file);
            } else if (name.startsWith(ConfigPackage.FILES)) {
                String path = ConfigPackage.checkedPath(name.substring(ConfigPackage.FILES.length()));
                if (path.equals(META) || path.startsWith(META + "/")) {
                    throw new PackageFormatException(file + ": '" + path + "' uses the folder " + META + ", which a release keeps for itself");
                }
                if (e.getSize() > MAX_FILE_BYTES) {
                    throw new PackageFormatException(file + ": '" + path + "' is larger than " + (MAX_FILE_BYTES >> 30) + " GiB");
                }
                total += Math.max(0, e.getSize());
                if (total > MAX_TOTAL_BYTES) {
                    throw new PackageFormatException(file + ": more than " + (MAX_TOTAL_BYTES >> 30) + " GiB unpacked; not a release package");
                }
                if (files.put(path, e) != null) {
                    throw new PackageFormatException(file + ": '" + path + "' is in the package twice");
                }
            } else if (name.startsWith(ConfigPackage.SIGNATURES) && name.endsWith(".json")) {
                sigs.put(name, small(zip, e, file));
            } else {
                throw new PackageFormatException(file + ": unexpected entry '" + name
                        + "' (a package holds manifest.json, files/… and signatures/…)");
            }
        }
        if (manifest == null) {
            throw new PackageFormatException(file + " is not a package: it has no manifest.json");
        }
        Manifest m;
        try {
            m = Manifest.parse(manifest);
        } catch (PackageFormatException e) {
            throw new PackageFormatException(file + ": " + e.getMessage(), e);
        }
        List<PackageSignature> signatures = new ArrayList<>();
        for (Map.Entry<String, byte[]> s : sigs.entrySet()) {
            signatures.add(parseSignature(s.getValue(), file + ": " + s.getKey()));
        }
        return new ReleasePackage(file, zip, m, manifest, signatures, files);
    }

    /** The package file. */
    public Path file() {
        return file;
    }

    public Manifest manifest() {
        return manifest;
    }

    /** The manifest's exact bytes, which signatures cover. */
    public byte[] manifestBytes() {
        return manifestBytes.clone();
    }

    /** SM3 of the manifest's bytes, hex: names this release's content. */
    public String manifestSm3() {
        return Sm.hex(Sm.sm3(manifestBytes));
    }

    public List<PackageSignature> signatures() {
        return signatures;
    }

    /**
     * Verifies the package as a release of {@code expected} kind against {@code policy}: the kind, every signature
     * (valid, trusted for its role and this kind), the roles the policy requires — an author always, whatever the
     * policy says, since a release is code the terminal will run — and every file's SM3 against the manifest (each
     * hashed as a stream). Every failing check is listed; nothing is changed.
     */
    public ReleaseVerdict verify(TrustPolicy policy, PackageKind expected) {
        List<Problem> problems = new ArrayList<>();
        PackageKind kind = manifest.kind();
        if (kind != expected) {
            problems.add(new Problem(Check.WRONG_KIND, "this is " + (kind == PackageKind.APPLICATION ? "an " : "a ") + kind + " package (" + manifest.id() + " " + manifest.version()
                    + "), not " + (expected == PackageKind.APPLICATION ? "an " : "a ") + expected + " package"
                    + (kind.isRelease() ? "" : "; configuration packages are uploaded with `tanhe config upload`")));
        }
        Set<SignerRole> required = EnumSet.of(SignerRole.AUTHOR);
        required.addAll(policy.required(kind));
        TrustPolicy strict = policy.withRequirement(kind, required);
        List<SignatureCheck> checks = new ArrayList<>();
        problems.addAll(PackageVerifier.signatures(kind, manifestBytes, signatures, Optional.of(strict), checks));
        problems.addAll(integrity());
        return new ReleaseVerdict(manifest, manifestSm3(), checks, problems);
    }

    /** Every file whose SM3 differs from the manifest, every listed file missing, every file not listed (streamed). */
    public List<Problem> integrity() {
        List<Problem> problems = new ArrayList<>();
        Set<String> listed = new java.util.TreeSet<>();
        for (PackageFile f : manifest.files()) {
            listed.add(f.path());
            ZipEntry e = files.get(f.path());
            if (e == null) {
                problems.add(new Problem(Check.FILE_CHANGED, f.path() + " is listed in the manifest but missing from the package"));
                continue;
            }
            String sm3;
            try (InputStream in = zip.getInputStream(e)) {
                sm3 = copyHashing(in, OutputStream.nullOutputStream(), f.path());
            } catch (IOException | PackageFormatException ex) {
                problems.add(new Problem(Check.FILE_CHANGED, f.path() + " cannot be read from the package: " + ex.getMessage()));
                continue;
            }
            if (!sm3.equals(f.sm3())) {
                problems.add(new Problem(Check.FILE_CHANGED, f.path() + " was changed after the manifest was made (SM3 "
                        + sm3.substring(0, 16) + "…, the manifest says " + f.sm3().substring(0, Math.min(16, f.sm3().length()))
                        + "…); build and sign the package again"));
            }
        }
        for (String path : files.keySet()) {
            if (!listed.contains(path)) {
                problems.add(new Problem(Check.FILE_CHANGED, path + " was added to the package after the manifest was made"));
            }
        }
        return problems;
    }

    /**
     * Unpacks every listed file below {@code dir} (which must not exist yet or be empty), each hashed as it is written
     * and forced to disk, with the manifest and signatures in {@code dir/.tanhe/}. Files under a {@code bin/} folder are
     * made executable (a zip carries no file modes).
     *
     * @throws PackageFormatException when a file does not match the manifest (what was written stays for the caller to remove)
     */
    public void extractTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (PackageFile f : manifest.files()) {
            ZipEntry e = files.get(f.path());
            if (e == null) {
                throw new PackageFormatException(file + ": " + f.path() + " is listed in the manifest but missing from the package");
            }
            Path target = dir.resolve(f.path()).normalize();
            if (!target.startsWith(dir.normalize())) {
                throw new PackageFormatException("file path '" + f.path() + "' leaves the release folder");
            }
            Files.createDirectories(target.getParent());
            String sm3;
            try (InputStream in = zip.getInputStream(e); FileChannel ch = FileChannel.open(target, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                sm3 = copyHashing(in, java.nio.channels.Channels.newOutputStream(ch), f.path());
                ch.force(true);
            }
            if (!sm3.equals(f.sm3())) {
                throw new PackageFormatException(file + ": " + f.path() + " does not match the manifest (SM3 " + sm3.substring(0, 16)
                        + "…); the package changed after it was verified");
            }
            boolean exec = ("/" + f.path()).contains("/bin/") || f.path().endsWith("/jspawnhelper");
            setMode(target, exec ? "rwxr-xr-x" : "rw-r--r--");
        }
        Path meta = Files.createDirectories(dir.resolve(META));
        Files.write(meta.resolve(ConfigPackage.MANIFEST), manifestBytes);
        for (int i = 0; i < signatures.size(); i++) {
            PackageSignature s = signatures.get(i);
            Files.write(meta.resolve(String.format("%02d-%s.json", i + 1, s.role().label())), signatureJson(s));
        }
    }

    /**
     * Builds an unsigned release package of every regular file below {@code dir} into {@code out} (through a temporary
     * file and a rename), hashing and copying each as a stream. Returns {@code out}.
     */
    public static Path build(Path dir, PackageKind kind, String id, String version, String description, String compiler,
                             Instant built, Path out) throws IOException {
        if (!kind.isRelease()) {
            throw new IllegalArgumentException("a release package is of kind application or component, not " + kind
                    + "; build configuration packages with `tanhe package build`");
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a folder; give the release folder (e.g. one holding lib/tanhe.jar)");
        }
        Map<String, Path> sources = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = dir.relativize(p).toString().replace(java.io.File.separatorChar, '/');
                if (rel.equals(META) || rel.startsWith(META + "/")) {
                    continue;
                }
                sources.put(ConfigPackage.checkedPath(rel), p);
            }
        }
        if (sources.isEmpty()) {
            throw new IOException(dir + " holds no file to package");
        }
        List<PackageFile> listed = new ArrayList<>();
        for (Map.Entry<String, Path> s : sources.entrySet()) {
            try (InputStream in = Files.newInputStream(s.getValue())) {
                listed.add(new PackageFile(s.getKey(), copyHashing(in, OutputStream.nullOutputStream(), s.getKey()), Files.size(s.getValue())));
            }
        }
        Manifest m = new Manifest(kind, id, version, description, compiler, built, "", listed, List.of());
        writeAtomically(out, zip -> {
            put(zip, ConfigPackage.MANIFEST, m.toBytes());
            for (Map.Entry<String, Path> s : sources.entrySet()) {
                try (InputStream in = Files.newInputStream(s.getValue())) {
                    put(zip, ConfigPackage.FILES + s.getKey(), in);
                }
            }
        });
        return out;
    }

    /** Adds {@code key}'s signature in {@code role} to the release package {@code file} (rewritten through a rename). */
    public static void sign(Path file, SigningKey key, SignerRole role) throws IOException {
        try (ReleasePackage pkg = open(file)) {
            List<PackageSignature> all = new ArrayList<>(pkg.signatures);
            all.add(key.signatureOf(pkg.manifestBytes, role));
            writeAtomically(file, zip -> {
                put(zip, ConfigPackage.MANIFEST, pkg.manifestBytes);
                for (Map.Entry<String, ZipEntry> e : pkg.files.entrySet()) {
                    try (InputStream in = pkg.zip.getInputStream(e.getValue())) {
                        put(zip, ConfigPackage.FILES + e.getKey(), in);
                    }
                }
                for (int i = 0; i < all.size(); i++) {
                    PackageSignature s = all.get(i);
                    put(zip, ConfigPackage.SIGNATURES + String.format("%02d-%s.json", i + 1, s.role().label()), signatureJson(s));
                }
            });
        }
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    private interface ZipWriting {
        void write(ZipOutputStream zip) throws IOException;
    }

    private static void writeAtomically(Path out, ZipWriting body) throws IOException {
        Path abs = out.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
        try (OutputStream os = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(new java.io.BufferedOutputStream(os, 1 << 16))) {
            zip.setLevel(Deflater.BEST_SPEED); // a jar is compressed already
            body.write(zip);
        }
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        put(zip, name, new java.io.ByteArrayInputStream(bytes));
    }

    private static void put(ZipOutputStream zip, String name, InputStream in) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(0L);
        zip.putNextEntry(e);
        in.transferTo(zip);
        zip.closeEntry();
    }

    /** Copies {@code in} to {@code out} and returns the SM3 (hex) of what passed, refusing more than a file may hold. */
    private static String copyHashing(InputStream in, OutputStream out, String what) throws IOException {
        SM3Digest d = new SM3Digest();
        byte[] buf = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > MAX_FILE_BYTES) {
                throw new PackageFormatException("'" + what + "' is larger than " + (MAX_FILE_BYTES >> 30) + " GiB");
            }
            d.update(buf, 0, n);
            out.write(buf, 0, n);
        }
        out.flush();
        byte[] sum = new byte[d.getDigestSize()];
        d.doFinal(sum, 0);
        return Sm.hex(sum);
    }

    private static byte[] small(ZipFile zip, ZipEntry e, Path file) throws IOException {
        try (InputStream in = zip.getInputStream(e)) {
            byte[] b = in.readNBytes(MAX_META_BYTES + 1);
            if (b.length > MAX_META_BYTES) {
                throw new PackageFormatException(file + ": '" + e.getName() + "' is larger than " + (MAX_META_BYTES >> 20) + " MiB");
            }
            return b;
        }
    }

    private static void setMode(Path p, String mode) throws IOException {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
        } catch (UnsupportedOperationException e) {
            p.toFile().setExecutable(mode.startsWith("rwx"));
        }
    }

    private static byte[] signatureJson(PackageSignature s) {
        Map<String, String> n = new LinkedHashMap<>();
        n.put("role", s.role().label());
        n.put("name", s.name());
        n.put("public_key", PublicKeys.encode(s.publicKey()));
        n.put("fingerprint", s.fingerprint());
        n.put("algorithm", "SM3withSM2");
        n.put("signature", Sm.hex(s.signature()));
        try {
            return (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static PackageSignature parseSignature(byte[] bytes, String where) {
        try {
            JsonNode n = JSON.readTree(bytes);
            return new PackageSignature(SignerRole.of(n.path("role").asText()), n.path("name").asText(""),
                    PublicKeys.decode(n.path("public_key").asText("")), Sm.unhex(n.path("signature").asText("")));
        } catch (IOException | IllegalArgumentException e) {
            throw new PackageFormatException(where + ": not a signature: " + e.getMessage(), e);
        }
    }
}
