package io.tanhe.server.evidence;

import io.tanhe.server.packages.PublicKeys;
import io.tanhe.server.packages.TrustPolicy;
import io.tanhe.server.packages.TrustedKey;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The keys a verification body trusts, from {@code --trust}: a folder (or one file) of SM2 public keys — PEM files
 * ({@code *.pub}, {@code *.pem}, e.g. a copy of a terminal's {@code identity/device-sm2.pub}) and trust policies
 * ({@code *.yaml}, docs/packages.md: every key under {@code keys:}). Each key is known by its SM3 fingerprint.
 */
public record TrustedKeys(String origin, Map<String, String> namesByFingerprint) {

    public TrustedKeys {
        namesByFingerprint = Map.copyOf(namesByFingerprint);
    }

    /**
     * Reads {@code path}.
     *
     * @throws IllegalArgumentException naming the file that holds no key or does not read
     */
    public static TrustedKeys load(Path path) throws IOException {
        List<Path> files;
        if (Files.isDirectory(path)) {
            try (Stream<Path> s = Files.list(path)) {
                files = s.filter(Files::isRegularFile).filter(TrustedKeys::isKeyFile).sorted().toList();
            }
        } else if (Files.isRegularFile(path)) {
            files = List.of(path);
        } else {
            throw new IllegalArgumentException("--trust " + path + ": no such file or folder");
        }
        Map<String, String> keys = new LinkedHashMap<>();
        for (Path f : files) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            String name = f.getFileName().toString();
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                for (TrustedKey k : TrustPolicy.parse(text, f.toString()).keys()) {
                    keys.put(PublicKeys.fingerprint(k.key()), k.name() + " (" + name + ")");
                }
            } else {
                keys.put(PublicKeys.fingerprint(pem(text, f)), name);
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("--trust " + path + ": no public key found (give *.pub or *.pem files, or a trust policy *.yaml)");
        }
        return new TrustedKeys(path.toString(), keys);
    }

    private static boolean isKeyFile(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".pub") || n.endsWith(".pem") || n.endsWith(".yaml") || n.endsWith(".yml");
    }

    private static PublicKey pem(String text, Path file) {
        String body = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return PublicKeys.decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": not an SM2 public key in PEM (" + e.getMessage() + ")");
        }
    }

    /** The name the trust store gives {@code key}, when it holds it. */
    public Optional<String> name(PublicKey key) {
        return Optional.ofNullable(namesByFingerprint.get(PublicKeys.fingerprint(key)));
    }
}
