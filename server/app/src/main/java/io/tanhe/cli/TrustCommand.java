package io.tanhe.cli;

import io.tanhe.server.packages.PackageKind;
import io.tanhe.server.packages.PublicKeys;
import io.tanhe.server.packages.SignerRole;
import io.tanhe.server.packages.SigningKey;
import io.tanhe.server.packages.TrustPolicy;
import io.tanhe.server.packages.TrustStore;
import io.tanhe.server.packages.TrustedKey;
import io.tanhe.server.security.access.Role;
import io.tanhe.server.security.audit.AuditOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code tanhe trust …}: the security operator's trust policy for packages, on the terminal's data directory. */
@Command(name = "trust", mixinStandardHelpOptions = true,
        description = {"The trust policy (the security operator's): which SM2 keys may author or countersign which kinds",
                "of package, and which signatures each kind needs. Kept in " + TrustStore.FILE + " under the data",
                "directory, signed by the device; run on the machine against a stopped terminal; every change is audited."},
        subcommands = {TrustCommand.Show.class, TrustCommand.AddKey.class, TrustCommand.RemoveKey.class, TrustCommand.Require.class})
public final class TrustCommand extends CommandGroup {
    /** The trust policy is the security operator's. */
    static final String ROLE = Role.SECURITY_OPERATOR.code();

    /** Loads, changes with {@code edit}, saves and audits; shared by the editing subcommands. */
    interface Edit {
        Edited apply(TrustPolicy p) throws IOException;
    }

    /** The changed policy and what was done, for the audit and the screen. */
    record Edited(TrustPolicy policy, String done) {
    }

    static int edit(StoppedTerminal terminal, String type, String target, Edit edit) {
        return terminal.run("trust", local -> {
            TrustStore store = new TrustStore(terminal.dataDir, local.identity);
            try {
                Edited next = edit.apply(store.load());
                store.save(next.policy());
                local.record(ROLE, type, target, AuditOutcome.SUCCESS, next.done());
                System.out.println(next.done());
                return 0;
            } catch (IllegalArgumentException | IllegalStateException | IOException e) {
                local.record(ROLE, type, target, AuditOutcome.FAILURE, e.getMessage());
                System.err.println("trust: nothing changed: " + e.getMessage());
                return 1;
            }
        });
    }

    /** {@code tanhe trust show}. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show the requirements per kind and the trusted keys.")
    static final class Show implements Callable<Integer> {
        @Mixin
        StoppedTerminal terminal;

        @Override
        public Integer call() {
            return terminal.run("trust show", local -> {
                TrustStore store = new TrustStore(terminal.dataDir, local.identity);
                TrustPolicy p;
                try {
                    p = store.load();
                } catch (IllegalStateException | IllegalArgumentException e) {
                    local.record(ROLE, "trust.show", store.file().toString(), AuditOutcome.FAILURE, e.getMessage());
                    System.err.println("trust show: " + e.getMessage());
                    return 1;
                }
                System.out.println("trust policy: " + (store.exists() ? store.file() + " (signed by this device)" : "none saved: the defaults, no key trusted"));
                System.out.println("requires:");
                for (PackageKind k : PackageKind.values()) {
                    Set<SignerRole> r = p.required(k);
                    System.out.println("  " + k + ": " + (r.isEmpty() ? "nothing (may be local and unsigned)"
                            : r.stream().sorted().map(SignerRole::label).collect(Collectors.joining(" and "))));
                }
                System.out.println("keys:" + (p.keys().isEmpty() ? " none" : ""));
                for (TrustedKey k : p.keys()) {
                    System.out.println("  " + k.name() + "  [" + k.fingerprint() + "]");
                    System.out.println("      author: " + kinds(k.author()) + "; countersign: " + kinds(k.verify()));
                }
                local.record(ROLE, "trust.show", store.file().toString(), AuditOutcome.SUCCESS, p.keys().size() + " keys");
                return 0;
            });
        }

        private static String kinds(Set<PackageKind> k) {
            return k.isEmpty() ? "-" : k.stream().sorted().map(PackageKind::label).collect(Collectors.joining(", "));
        }
    }

    /** {@code tanhe trust add-key PUB --author KINDS --verify KINDS}. */
    @Command(name = "add-key", mixinStandardHelpOptions = true,
            description = {"Trust the public key in PUB (from `tanhe package keygen`) to author and/or countersign the kinds",
                    "given; replaces what the same key was trusted for before."})
    static final class AddKey implements Callable<Integer> {
        @Mixin
        StoppedTerminal terminal;
        @Parameters(index = "0", paramLabel = "PUB", description = "the public key file (*.pub)")
        Path pub;
        @Option(names = "--author", split = ",", paramLabel = "KIND", description = "kinds this key may author: methodology, factor-update, threshold, application, component")
        List<String> author = List.of();
        @Option(names = "--verify", split = ",", paramLabel = "KIND", description = "kinds this key may countersign")
        List<String> verify = List.of();
        @Option(names = "--name", paramLabel = "NAME", description = "who holds it (default: the name in the key file)")
        String name;

        @Override
        public Integer call() {
            return edit(terminal, "trust.add-key", pub.toAbsolutePath().toString(), p -> {
                if (author.isEmpty() && verify.isEmpty()) {
                    throw new IllegalArgumentException("give --author KINDS and/or --verify KINDS: a key trusted for nothing is not a trusted key");
                }
                SigningKey.Public key = SigningKey.loadPublic(pub);
                TrustedKey k = new TrustedKey(name == null ? key.name() : name, key.key(), kinds(author), kinds(verify));
                return new Edited(p.withKey(k), "trusted " + k.name() + " [" + PublicKeys.fingerprint(key.key()) + "] to author: "
                        + Show.kinds(k.author()) + "; to countersign: " + Show.kinds(k.verify()));
            });
        }
    }

    /** {@code tanhe trust remove-key FINGERPRINT}. */
    @Command(name = "remove-key", mixinStandardHelpOptions = true, description = "Stop trusting the key whose SM3 fingerprint starts with PREFIX (8 hex digits or more).")
    static final class RemoveKey implements Callable<Integer> {
        @Mixin
        StoppedTerminal terminal;
        @Parameters(index = "0", paramLabel = "PREFIX", description = "the key's fingerprint or its first digits")
        String prefix;

        @Override
        public Integer call() {
            return edit(terminal, "trust.remove-key", prefix, p -> new Edited(p.withoutKey(prefix),
                    "removed the key " + prefix + "… from the trust policy"));
        }
    }

    /** {@code tanhe trust require KIND ROLE...}. */
    @Command(name = "require", mixinStandardHelpOptions = true,
            description = {"Set the signatures a kind needs: `require methodology author verifier`, `require factor-update author`,",
                    "`require threshold none` (thresholds may then be set locally, unsigned)."})
    static final class Require implements Callable<Integer> {
        @Mixin
        StoppedTerminal terminal;
        @Parameters(index = "0", paramLabel = "KIND", description = "methodology, factor-update, threshold, application or component")
        String kind;
        @Parameters(index = "1..*", arity = "1..*", paramLabel = "ROLE", description = "author, verifier, or none")
        List<String> roles;

        @Override
        public Integer call() {
            return edit(terminal, "trust.require", kind, p -> {
                Set<SignerRole> r = roles.equals(List.of("none")) ? Set.of()
                        : roles.stream().map(SignerRole::of).collect(Collectors.toSet());
                PackageKind k = PackageKind.of(kind);
                return new Edited(p.withRequirement(k, r), k + " packages now need: "
                        + (r.isEmpty() ? "nothing (may be local and unsigned)" : r.stream().sorted().map(SignerRole::label).collect(Collectors.joining(" and "))));
            });
        }
    }

    static Set<PackageKind> kinds(List<String> labels) {
        Set<PackageKind> out = EnumSet.noneOf(PackageKind.class);
        labels.forEach(l -> out.add(PackageKind.of(l)));
        return out;
    }
}
