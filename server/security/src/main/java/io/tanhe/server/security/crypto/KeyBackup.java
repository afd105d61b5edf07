package io.tanhe.server.security.crypto;

import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A backup of the device's key files (the SM4 device key, the SM2 identity and its certificate chain), made
 * only when asked and encrypted: SM4-GCM under a key derived from a passphrase with PBKDF2-HMAC-SM3
 * (100,000 iterations, random 16-byte salt). Without it a restored store's secrets cannot be decrypted and
 * its audit checkpoints no longer verify.
 */
public final class KeyBackup {
    /** The key files a backup holds, relative to the data directory; absent ones are skipped. */
    public static final List<String> FILES = List.of(DeviceKey.FILE, "identity/device-sm2.key", "identity/device-sm2.pub",
            "identity/device-chain.pem");
    /** The shortest passphrase accepted. */
    public static final int MIN_PASSPHRASE = 12;
    private static final String HEADER = "tanhe key backup v1";
    private static final int ITERATIONS = 100_000;
    private static final byte[] AAD = HEADER.getBytes(StandardCharsets.US_ASCII);

    private KeyBackup() {
    }

    /** The encrypted backup text of {@code dataDir}'s key files. */
    public static String export(Path dataDir, char[] passphrase) {
        checkPassphrase(passphrase);
        StringBuilder plain = new StringBuilder();
        try {
            for (String name : FILES) {
                Path file = dataDir.resolve(name);
                if (Files.exists(file)) {
                    plain.append(name).append('=').append(Base64.getEncoder().encodeToString(Files.readAllBytes(file))).append('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the key files in " + dataDir + ": " + e.getMessage(), e);
        }
        if (plain.isEmpty()) {
            throw new IllegalArgumentException(dataDir + " holds no key files (" + String.join(", ", FILES) + "); has a terminal started there?");
        }
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        byte[] sealed = new Sm4Gcm(derive(passphrase, salt)).encrypt(plain.toString().getBytes(StandardCharsets.UTF_8), AAD);
        return HEADER + "\nkdf=pbkdf2-hmac-sm3\niterations=" + ITERATIONS + "\nsalt=" + Sm.hex(salt) + "\ndata=" + Sm.hex(sealed) + "\n";
    }

    /**
     * Writes the key files of {@code backup} into {@code dataDir} (0600).
     *
     * @param replace whether key files that exist and differ may be replaced (secrets sealed under them are then lost)
     * @return the files written
     * @throws IllegalArgumentException for a wrong passphrase, a damaged backup, or differing keys without {@code replace}
     */
    public static List<String> restore(Path dataDir, String backup, char[] passphrase, boolean replace) {
        Map<String, String> fields = new LinkedHashMap<>();
        List<String> lines = backup.lines().toList();
        if (lines.isEmpty() || !lines.getFirst().equals(HEADER)) {
            throw new IllegalArgumentException("not a tanhe key backup (its first line is not '" + HEADER + "')");
        }
        for (String line : lines.subList(1, lines.size())) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                fields.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        if (!"pbkdf2-hmac-sm3".equals(fields.get("kdf")) || !String.valueOf(ITERATIONS).equals(fields.get("iterations"))
                || fields.get("salt") == null || fields.get("data") == null) {
            throw new IllegalArgumentException("the key backup is damaged: it needs kdf=pbkdf2-hmac-sm3, iterations=" + ITERATIONS
                    + ", salt= and data= lines");
        }
        byte[] plain;
        try {
            plain = new Sm4Gcm(derive(passphrase, Sm.unhex(fields.get("salt")))).decrypt(Sm.unhex(fields.get("data")), AAD);
        } catch (CryptoException e) {
            throw new IllegalArgumentException("the passphrase is wrong, or the key backup was changed", e);
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String line : new String(plain, StandardCharsets.UTF_8).lines().toList()) {
            int eq = line.indexOf('=');
            String name = line.substring(0, eq);
            if (!FILES.contains(name)) {
                throw new IllegalArgumentException("the key backup names an unexpected file '" + name + "'");
            }
            files.put(name, Base64.getDecoder().decode(line.substring(eq + 1)));
        }
        try {
            List<String> differing = new ArrayList<>();
            for (var f : files.entrySet()) {
                Path target = dataDir.resolve(f.getKey());
                if (Files.exists(target) && !java.util.Arrays.equals(Files.readAllBytes(target), f.getValue())) {
                    differing.add(f.getKey());
                }
            }
            if (!differing.isEmpty() && !replace) {
                throw new IllegalArgumentException(dataDir + " already has other keys (" + String.join(", ", differing)
                        + "); secrets and signatures made under them would be lost. Restore into the data directory the"
                        + " backup belongs to, or add --replace");
            }
            for (var f : files.entrySet()) {
                KeyFiles.write(dataDir.resolve(f.getKey()), new String(f.getValue(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the key files into " + dataDir + ": " + e.getMessage(), e);
        }
        return List.copyOf(files.keySet());
    }

    private static void checkPassphrase(char[] passphrase) {
        if (passphrase.length < MIN_PASSPHRASE) {
            throw new IllegalArgumentException("the passphrase has " + passphrase.length + " characters; give at least " + MIN_PASSPHRASE);
        }
    }

    private static byte[] derive(char[] passphrase, byte[] salt) {
        PKCS5S2ParametersGenerator g = new PKCS5S2ParametersGenerator(new SM3Digest());
        g.init(new String(passphrase).getBytes(StandardCharsets.UTF_8), salt, ITERATIONS);
        return ((KeyParameter) g.generateDerivedMacParameters(Sm4Gcm.KEY_BYTES * 8)).getKey();
    }
}
