package io.tanhe.server.packages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tanhe.server.security.crypto.Sm;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A configuration package as read from or written to its file: a zip holding {@code manifest.json}, every file
 * under {@code files/} and each signature as {@code signatures/NN-role.json} (docs/packages.md). Reading checks
 * only the form; what the files, signatures and contents are worth is {@link PackageVerifier}'s job, so a
 * tampered package still reads and its verdict names what was changed.
 *
 * @param manifest      the parsed manifest
 * @param manifestBytes the manifest's exact bytes, which signatures cover
 * @param files         the files as stored, by path (these may differ from what the manifest lists)
 * @param signatures    the signatures in the order they were added
 */
public record ConfigPackage(Manifest manifest, byte[] manifestBytes, Map<String, byte[]> files,
                            List<PackageSignature> signatures) {
    /** The usual file name ending. */
    public static final String SUFFIX = ".tpkg";
    static final String MANIFEST = "manifest.json";
    static final String FILES = "files/";
    static final String SIGNATURES = "signatures/";
    /** Bounds against a zip bomb: a methodology with its shared files is well below these. */
    static final long MAX_FILE_BYTES = 16L << 20;
    static final long MAX_TOTAL_BYTES = 64L << 20;
    static final int MAX_ENTRIES = 4096;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ConfigPackage {
        manifestBytes = manifestBytes.clone();
        TreeMap<String, byte[]> copy = new TreeMap<>();
        files.forEach((k, v) -> copy.put(k, v.clone()));
        files = java.util.Collections.unmodifiableMap(copy);
        signatures = List.copyOf(signatures);
    }

    /** A new unsigned package of {@code files} (path → bytes); the manifest lists the SM3 of each. */
    public static ConfigPackage of(PackageKind kind, String id, String version, String description, String compiler,
                                   java.time.Instant built, String entry, Map<String, byte[]> files, List<RecordedTest> tests) {
        List<PackageFile> listed = new ArrayList<>();
        files.forEach((path, bytes) -> listed.add(new PackageFile(checkedPath(path), Sm.hex(Sm.sm3(bytes)), bytes.length)));
        Manifest m = new Manifest(kind, id, version, description, compiler, built, entry, listed, tests);
        return new ConfigPackage(m, m.toBytes(), files, List.of());
    }

    @Override
    public byte[] manifestBytes() {
        return manifestBytes.clone();
    }

    /** The stored bytes of {@code path}, or null. */
    public byte[] file(String path) {
        byte[] b = files.get(path);
        return b == null ? null : b.clone();
    }

    /** The stored text (UTF-8) of {@code path}, or null. */
    public String text(String path) {
        byte[] b = files.get(path);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    /** SM3 of the manifest's bytes, hex: names this package's content (signatures aside). */
    public String manifestSm3() {
        return Sm.hex(Sm.sm3(manifestBytes));
    }

    /** This package with {@code signature} added after the others. */
    public ConfigPackage withSignature(PackageSignature signature) {
        List<PackageSignature> all = new ArrayList<>(signatures);
        all.add(signature);
        return new ConfigPackage(manifest, manifestBytes, files, all);
    }

    /** Writes every stored file below {@code dir} at its package path (for compiling); returns {@code dir}. */
    public Path extractTo(Path dir) {
        try {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                Path target = dir.resolve(checkedPath(e.getKey())).normalize();
                if (!target.startsWith(dir.normalize())) {
                    throw new PackageFormatException("file path '" + e.getKey() + "' leaves the package");
                }
                Files.createDirectories(target.getParent());
                Files.write(target, e.getValue());
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the package to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The package as the bytes of its file; the same package always gives the same bytes. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            put(zip, MANIFEST, manifestBytes);
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                put(zip, FILES + e.getKey(), e.getValue());
            }
            for (int i = 0; i < signatures.size(); i++) {
                PackageSignature s = signatures.get(i);
                put(zip, SIGNATURES + String.format("%02d-%s.json", i + 1, s.role().label()), signatureJson(s));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes the package to {@code file} through a temporary file and a rename, so a crash leaves no half package. */
    public void write(Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        if (abs.getParent() != null) {
            Files.createDirectories(abs.getParent());
        }
        Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
        Files.write(tmp, toBytes());
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Reads the package file {@code file}.
     *
     * @throws PackageFormatException when it is not a package (the message names the file and what is wrong)
     * @throws IOException            when it cannot be read
     */
    public static ConfigPackage read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /** Reads a package from {@code bytes} (e.g. an upload); {@code origin} names it in errors. */
    public static ConfigPackage read(byte[] bytes, String origin) {
        try {
            return read(new ByteArrayInputStream(bytes), origin);
        } catch (IOException e) {
            throw new PackageFormatException(origin + ": " + e.getMessage(), e);
        }
    }

    private static ConfigPackage read(InputStream in, String origin) throws IOException {
        byte[] manifest = null;
        Map<String, byte[]> files = new TreeMap<>();
        TreeMap<String, byte[]> signatures = new TreeMap<>();
        long total = 0;
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (++entries > MAX_ENTRIES) {
                    throw new PackageFormatException(origin + ": more than " + MAX_ENTRIES + " entries; not a package");
                }
                if (e.isDirectory()) {
                    continue;
                }
                String name = e.getName();
                byte[] bytes = readBounded(zip, origin, name);
                total += bytes.length;
                if (total > MAX_TOTAL_BYTES) {
                    throw new PackageFormatException(origin + ": more than " + (MAX_TOTAL_BYTES >> 20) + " MiB unpacked; not a package");
                }
                if (name.equals(MANIFEST)) {
                    manifest = bytes;
                    refuseRelease(bytes, origin);
                } else if (name.startsWith(FILES)) {
                    String path = checkedPath(name.substring(FILES.length()));
                    if (files.put(path, bytes) != null) {
                        throw new PackageFormatException(origin + ": '" + path + "' is in the package twice");
                    }
                } else if (name.startsWith(SIGNATURES) && name.endsWith(".json")) {
                    signatures.put(name, bytes);
                } else {
                    throw new PackageFormatException(origin + ": unexpected entry '" + name
                            + "' (a package holds manifest.json, files/… and signatures/…)");
                }
            }
        } catch (ZipException e) {
            throw new PackageFormatException(origin + " is not a package (not a zip file): " + e.getMessage(), e);
        }
        if (manifest == null) {
            throw new PackageFormatException(origin + " is not a package: it has no manifest.json"
                    + (entries == 0 ? " (it is empty or not a zip file)" : ""));
        }
        Manifest m;
        try {
            m = Manifest.parse(manifest);
        } catch (PackageFormatException e) {
            throw new PackageFormatException(origin + ": " + e.getMessage(), e);
        }
        List<PackageSignature> sigs = new ArrayList<>();
        for (Map.Entry<String, byte[]> s : signatures.entrySet()) {
            sigs.add(parseSignature(s.getValue(), origin + ": " + s.getKey()));
        }
        return new ConfigPackage(m, manifest, files, sigs);
    }

    /** A release's manifest comes first in its file: say what it is before its size is refused. */
    private static void refuseRelease(byte[] manifest, String origin) {
        PackageKind kind;
        try {
            kind = Manifest.parse(manifest).kind();
        } catch (PackageFormatException e) {
            return; // reported with the whole package below
        }
        if (kind.isRelease()) {
            throw new PackageFormatException(origin + " is a release package (kind " + kind + "), not a configuration package: install it with"
                    + " `tanhe upgrade install` or `tanhe remote upgrade` (docs/operations.md, remote upgrade)");
        }
    }

    private static byte[] readBounded(ZipInputStream zip, String origin, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = zip.read(buf)) > 0) {
            out.write(buf, 0, n);
            if (out.size() > MAX_FILE_BYTES) {
                throw new PackageFormatException(origin + ": '" + name + "' is larger than " + (MAX_FILE_BYTES >> 20) + " MiB");
            }
        }
        return out.toByteArray();
    }

    /** A relative '/'-separated path without '..', '.', empty or absolute parts. */
    static String checkedPath(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.contains(":")
                || Arrays.stream(path.split("/", -1)).anyMatch(p -> p.isEmpty() || p.equals("..") || p.equals("."))) {
            throw new PackageFormatException("unsafe file path '" + path + "' in a package: paths are relative, '/'-separated,"
                    + " without '..', '.' or drive letters");
        }
        return path;
    }

    private static byte[] signatureJson(PackageSignature s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("role", s.role().label());
        n.put("name", s.name());
        n.put("public_key", PublicKeys.encode(s.publicKey()));
        n.put("fingerprint", s.fingerprint());
        n.put("algorithm", "SM3withSM2");
        n.put("signature", Sm.hex(s.signature()));
        try {
            return (JSON.writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigPackage p && Arrays.equals(p.manifestBytes, manifestBytes) && p.signatures.equals(signatures)
                && p.files.size() == files.size()
                && files.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), p.files.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(manifestBytes);
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(0L);
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }
}
