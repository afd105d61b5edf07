package io.tanhe.server.security.access;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Semaphore;

/**
 * Hashes passwords with Argon2id (Bouncy Castle's {@link Argon2BytesGenerator}), a memory-hard KDF, in
 * the PHC string form {@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}. The parameters travel with each
 * hash, so a hash made with other parameters still verifies. Why Argon2id and not PBKDF2-HMAC-SM3: see
 * docs/security.md (measured: about 50 ms per hash at 19 MiB against about 100 ms for 100,000 PBKDF2
 * iterations, which are not memory-hard).
 */
public final class PasswordHasher {
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    /** The OWASP minimum for Argon2id: 19 MiB, 2 passes, 1 lane. */
    public static final PasswordHasher DEFAULT = new PasswordHasher(19 * 1024, 2, 1);

    private final int memoryKib;
    private final int iterations;
    private final int lanes;
    private final SecureRandom random = new SecureRandom();
    /**
     * At most this many hashes at once: each takes {@code memoryKib} of heap, and a burst of logins from many
     * addresses (each under its rate limit) must not exhaust a terminal's small heap.
     */
    private final Semaphore running = new Semaphore(CONCURRENT, true);
    /** Hashes computed at the same time; more wait their turn. */
    public static final int CONCURRENT = 2;

    /**
     * @param memoryKib  memory per hash in KiB (at least 1024 in production; tests may use less)
     * @param iterations passes over the memory
     * @param lanes      parallelism
     */
    public PasswordHasher(int memoryKib, int iterations, int lanes) {
        if (memoryKib < 8 * lanes || iterations < 1 || lanes < 1) {
            throw new IllegalArgumentException("Argon2id needs memory ≥ 8 KiB per lane, ≥ 1 pass and ≥ 1 lane, not m="
                    + memoryKib + ", t=" + iterations + ", p=" + lanes);
        }
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.lanes = lanes;
    }

    /** A new hash of {@code password} with a fresh random salt. */
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return encode(salt, derive(password, salt, memoryKib, iterations, lanes, HASH_BYTES));
    }

    private String encode(byte[] salt, byte[] digest) {
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + lanes + "$" + B64.encodeToString(salt)
                + "$" + B64.encodeToString(digest);
    }

    /**
     * A stored-hash look-alike that no password matches: this hasher's parameters, a random salt and a random digest.
     * Verifying against it costs what verifying against an account's hash costs (the digest is derived the same way and
     * then compared), so an unknown or locked account answers as slowly as a live one; unlike a hash of a random
     * password it costs nothing to make (a match would need a 256-bit digest guessed).
     */
    public String decoy() {
        byte[] salt = new byte[SALT_BYTES];
        byte[] digest = new byte[HASH_BYTES];
        random.nextBytes(salt);
        random.nextBytes(digest);
        return encode(salt, digest);
    }

    /** Whether {@code password} matches {@code encoded}; false for a hash this class cannot read. */
    public boolean verify(String password, String encoded) {
        String[] parts = encoded.split("\\$");
        if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
            return false;
        }
        int m;
        int t;
        int p;
        // a stored hash is trusted data, but bound its cost anyway: a corrupted row must not take the heap
        final int maxMemoryKib = 256 * 1024;
        byte[] salt;
        byte[] expected;
        try {
            String[] params = parts[3].split(",");
            m = Integer.parseInt(params[0].substring(2));
            t = Integer.parseInt(params[1].substring(2));
            p = Integer.parseInt(params[2].substring(2));
            salt = B64D.decode(parts[4]);
            expected = B64D.decode(parts[5]);
        } catch (RuntimeException e) {
            return false;
        }
        if (m < 8 * p || m > maxMemoryKib || t < 1 || t > 16 || p < 1 || p > 16 || expected.length < 16 || expected.length > 64) {
            return false;
        }
        byte[] actual = derive(password, salt, m, t, p, expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    private byte[] derive(String password, byte[] salt, int m, int t, int p, int length) {
        running.acquireUninterruptibly();
        try {
            return argon2(password, salt, m, t, p, length);
        } finally {
            running.release();
        }
    }

    private static byte[] argon2(String password, byte[] salt, int m, int t, int p, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(m).withIterations(t).withParallelism(p).withSalt(salt).build());
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
