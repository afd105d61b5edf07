package io.tanhe.server.packages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.IOException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The security operator's trust policy: which keys may author or countersign which kinds of package, and which
 * signatures each kind needs. A kind that requires nothing may be applied unsigned (thresholds set locally).
 * The text form is YAML (docs/packages.md):
 * <pre>
 * requires:
 *   methodology: [author, verifier]
 *   factor-update: [author]
 *   threshold: []
 * keys:
 *   - name: Li Wei (accountant)
 *     public_key: MFkwEwYHKoZIzj0CAQYIKoEcz1UBgi0DQgAE…
 *     author: [methodology, factor-update, threshold]
 *     verify: []
 * </pre>
 *
 * @param requires the signer roles each kind needs (a kind not listed needs an author and a verifier)
 * @param keys     the trusted keys
 */
public record TrustPolicy(Map<PackageKind, Set<SignerRole>> requires, List<TrustedKey> keys) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    public TrustPolicy {
        EnumMap<PackageKind, Set<SignerRole>> r = new EnumMap<>(PackageKind.class);
        for (PackageKind k : PackageKind.values()) {
            Set<SignerRole> roles = requires.get(k);
            r.put(k, roles == null ? Set.of(SignerRole.AUTHOR, SignerRole.VERIFIER)
                    : roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles)));
        }
        requires = java.util.Collections.unmodifiableMap(r);
        keys = List.copyOf(keys);
        Set<String> seen = new java.util.HashSet<>();
        for (TrustedKey k : keys) {
            if (!seen.add(k.fingerprint())) {
                throw new IllegalArgumentException("the key of " + k.name() + " (" + k.fingerprint().substring(0, 16)
                        + "…) is listed twice; list each key once with every kind it may sign");
            }
        }
    }

    /** The defaults and no keys: a methodology needs author and verifier, a factor update an author, thresholds nothing,
     * an application release or component an author (who always signs those: {@link ReleasePackage}). */
    public static TrustPolicy defaults() {
        return new TrustPolicy(Map.of(PackageKind.METHODOLOGY, Set.of(SignerRole.AUTHOR, SignerRole.VERIFIER),
                PackageKind.FACTOR_UPDATE, Set.of(SignerRole.AUTHOR),
                PackageKind.THRESHOLD, Set.of(), PackageKind.APPLICATION, Set.of(SignerRole.AUTHOR),
                PackageKind.COMPONENT, Set.of(SignerRole.AUTHOR)), List.of());
    }

    /** The roles a package of {@code kind} must be signed in. */
    public Set<SignerRole> required(PackageKind kind) {
        return requires.get(kind);
    }

    /** The trusted entry for {@code key}, if any. */
    public Optional<TrustedKey> key(PublicKey key) {
        String fp = PublicKeys.fingerprint(key);
        return keys.stream().filter(k -> k.fingerprint().equals(fp)).findFirst();
    }

    /** This policy with {@code key} added, or replacing the entry of the same public key. */
    public TrustPolicy withKey(TrustedKey key) {
        List<TrustedKey> all = new ArrayList<>(keys.stream().filter(k -> !k.fingerprint().equals(key.fingerprint())).toList());
        all.add(key);
        return new TrustPolicy(requires, all);
    }

    /**
     * This policy without the key whose fingerprint starts with {@code fingerprintPrefix} (at least 8 hex digits).
     *
     * @throws IllegalArgumentException when no key or more than one key matches
     */
    public TrustPolicy withoutKey(String fingerprintPrefix) {
        String p = fingerprintPrefix.strip().toLowerCase(java.util.Locale.ROOT);
        if (p.length() < 8) {
            throw new IllegalArgumentException("give at least 8 hex digits of the key's fingerprint, not '" + fingerprintPrefix + "'");
        }
        List<TrustedKey> matching = keys.stream().filter(k -> k.fingerprint().startsWith(p)).toList();
        if (matching.size() != 1) {
            throw new IllegalArgumentException(matching.isEmpty() ? "no trusted key has a fingerprint starting " + p
                    : matching.size() + " keys have a fingerprint starting " + p + "; give more digits");
        }
        return new TrustPolicy(requires, keys.stream().filter(k -> k != matching.getFirst()).toList());
    }

    /** This policy with {@code kind} requiring exactly {@code roles}. */
    public TrustPolicy withRequirement(PackageKind kind, Set<SignerRole> roles) {
        Map<PackageKind, Set<SignerRole>> r = new EnumMap<>(requires);
        r.put(kind, roles);
        return new TrustPolicy(r, keys);
    }

    /** The policy as YAML text. */
    public String toYaml() {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> req = new LinkedHashMap<>();
        requires.forEach((k, roles) -> req.put(k.label(), roles.stream().sorted().map(SignerRole::label).toList()));
        root.put("requires", req);
        List<Map<String, Object>> ks = new ArrayList<>();
        for (TrustedKey k : keys) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", k.name());
            m.put("fingerprint", k.fingerprint());
            m.put("public_key", PublicKeys.encode(k.key()));
            m.put("author", k.author().stream().sorted().map(PackageKind::label).toList());
            m.put("verify", k.verify().stream().sorted().map(PackageKind::label).toList());
            ks.add(m);
        }
        root.put("keys", ks);
        try {
            return "# Tanhe trust policy: which keys may author or countersign which packages (docs/packages.md)\n"
                    + YAML.writeValueAsString(root);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Reads a policy's YAML text; {@code origin} names it in errors.
     *
     * @throws IllegalArgumentException naming the field path and what is wrong
     */
    public static TrustPolicy parse(String text, String origin) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(origin + ": not YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(origin + ": expected the fields requires and keys");
        }
        for (var it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("requires") && !f.equals("keys")) {
                throw new IllegalArgumentException(origin + ": unknown field '" + f + "' (a trust policy has requires and keys)");
            }
        }
        Map<PackageKind, Set<SignerRole>> requires = new EnumMap<>(defaults().requires());
        JsonNode req = root.path("requires");
        if (!req.isMissingNode() && !req.isNull()) {
            for (var it = req.fields(); it.hasNext(); ) {
                var e = it.next();
                String where = origin + ": requires." + e.getKey();
                PackageKind kind = wrap(where, () -> PackageKind.of(e.getKey()));
                requires.put(kind, list(e.getValue(), where).stream().map(s -> wrap(where, () -> SignerRole.of(s)))
                        .collect(Collectors.toSet()));
            }
        }
        List<TrustedKey> keys = new ArrayList<>();
        JsonNode ks = root.path("keys");
        if (!ks.isMissingNode() && !ks.isNull()) {
            if (!ks.isArray()) {
                throw new IllegalArgumentException(origin + ": keys must be a list");
            }
            int i = 0;
            for (JsonNode k : ks) {
                String where = origin + ": keys[" + i++ + "]";
                String name = k.path("name").asText("");
                if (name.isBlank()) {
                    throw new IllegalArgumentException(where + ".name is missing: name who holds the key");
                }
                PublicKey key = wrap(where + ".public_key", () -> PublicKeys.decode(k.path("public_key").asText("")));
                String fp = k.path("fingerprint").asText("");
                if (!fp.isEmpty() && !fp.equalsIgnoreCase(PublicKeys.fingerprint(key))) {
                    throw new IllegalArgumentException(where + ".fingerprint does not match public_key; remove the fingerprint"
                            + " line or add the key again with `tanhe trust add-key`");
                }
                Set<PackageKind> author = kinds(k.path("author"), where + ".author");
                Set<PackageKind> verify = kinds(k.path("verify"), where + ".verify");
                keys.add(new TrustedKey(name, key, author, verify));
            }
        }
        return wrap(origin, () -> new TrustPolicy(requires, keys));
    }

    private static Set<PackageKind> kinds(JsonNode n, String where) {
        return list(n, where).stream().map(s -> wrap(where, () -> PackageKind.of(s))).collect(Collectors.toSet());
    }

    private static List<String> list(JsonNode n, String where) {
        if (n.isMissingNode() || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            throw new IllegalArgumentException(where + " must be a list such as [author, verifier]");
        }
        List<String> out = new ArrayList<>();
        n.forEach(e -> out.add(e.asText()));
        return out;
    }

    private static <T> T wrap(String where, java.util.function.Supplier<T> s) {
        try {
            return s.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }
}
