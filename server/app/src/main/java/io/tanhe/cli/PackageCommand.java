package io.tanhe.cli;

import io.tanhe.server.packages.BuildException;
import io.tanhe.server.packages.ConfigPackage;
import io.tanhe.server.packages.Manifest;
import io.tanhe.server.packages.PackageBuilder;
import io.tanhe.server.packages.PackageDiff;
import io.tanhe.server.packages.PackageFile;
import io.tanhe.server.packages.PackageFormatException;
import io.tanhe.server.packages.PackageKind;
import io.tanhe.server.packages.PackageSignature;
import io.tanhe.server.packages.PackageVerifier;
import io.tanhe.server.packages.Problem;
import io.tanhe.server.packages.SignatureCheck;
import io.tanhe.server.packages.SignerRole;
import io.tanhe.server.packages.SigningKey;
import io.tanhe.server.packages.TestResult;
import io.tanhe.server.packages.TrustPolicy;
import io.tanhe.server.packages.Verdict;
import io.tanhe.server.packages.diff.DiffReport;
import io.tanhe.server.packages.diff.MethodologyDiff;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code tanhe package …}: build, sign, countersign and verify configuration packages (docs/packages.md). */
@Command(name = "package", mixinStandardHelpOptions = true,
        description = {"Signed configuration packages: a methodology (with its factor tables, rulesets, thresholds),",
                "a factor update or a threshold set, in one file that an author signs and a verification body",
                "countersigns with SM2 (docs/packages.md)."},
        subcommands = {PackageCommand.Build.class, PackageCommand.Sign.class, PackageCommand.Countersign.class,
                PackageCommand.Verify.class, PackageCommand.Keygen.class})
public final class PackageCommand implements Runnable {
    /** The compiler a manifest names: this tanhe. */
    static final String COMPILER = TanheCli.class.getAnnotation(Command.class).version()[0];

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code tanhe package build DIR -o FILE}. */
    @Command(name = "build",
            description = {"Build a package from DIR: compile its methodology with the shared files it imports, run its",
                    "in-file tests, and record the SM3 of every file in the manifest. A compile error or a failing",
                    "test writes nothing. The kind is taken from DIR's package.yaml or its files unless given."})
    static final class Build implements Callable<Integer> {
        // not mixinStandardHelpOptions: its -V/--version would clash with --version, the one of the package built,
        // and picocli then dropped --help as well
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        boolean help;

        @Parameters(index = "0", paramLabel = "DIR", description = "the folder to package")
        Path dir;
        @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "the package file to write (*.tpkg)")
        Path output;
        @Option(names = "--kind", paramLabel = "KIND", description = "methodology, factor-update or threshold")
        String kind;
        @Option(names = "--id", paramLabel = "ID", description = "the package id (default: the methodology's or factor table's)")
        String id;
        @Option(names = "--version", paramLabel = "VERSION", description = "the package version (default: the methodology's or table's)")
        String version;

        @Override
        public Integer call() {
            try {
                PackageKind k = kind == null ? null : PackageKind.of(kind);
                ConfigPackage p = PackageBuilder.build(new PackageBuilder.Request(dir, InstalledLibrary.importPath(), k, id, version,
                        COMPILER, Instant.now()));
                p.write(output);
                Manifest m = p.manifest();
                long passed = m.tests().stream().filter(t -> t.passed()).count();
                System.out.println("built " + output + ": " + m.kind() + " " + m.id() + " " + m.version() + ", " + m.files().size()
                        + " files, " + passed + " in-file tests passed; manifest SM3 " + p.manifestSm3());
                System.out.println("next: tanhe package sign " + output + " --key AUTHOR-KEY");
                return 0;
            } catch (BuildException e) {
                System.err.println("package build: nothing written; " + dir + " cannot be packaged:");
                e.problems().forEach(p -> System.err.println("  " + p));
                return 1;
            } catch (IllegalArgumentException | IOException e) {
                System.err.println("package build: " + e.getMessage());
                return 2;
            }
        }
    }

    /** Signs as {@code role}: shared by sign and countersign. */
    static int sign(Path file, Path keyFile, Path output, SignerRole role) {
        String cmd = role == SignerRole.AUTHOR ? "package sign" : "package countersign";
        try {
            ConfigPackage p = ConfigPackage.read(file);
            List<Problem> changed = PackageVerifier.integrity(p);
            if (!changed.isEmpty()) {
                System.err.println(cmd + ": not signed; the package's files do not match its manifest:");
                changed.forEach(c -> System.err.println("  " + c));
                return 1;
            }
            SigningKey key = SigningKey.load(keyFile);
            for (PackageSignature s : p.signatures()) {
                if (s.role() == role && s.fingerprint().equals(key.fingerprint())) {
                    System.err.println(cmd + ": " + key.name() + " already signed this package as " + role + "; nothing changed");
                    return 1;
                }
            }
            byte[] manifest = p.manifestBytes();
            if (role == SignerRole.VERIFIER && p.signatures().stream().noneMatch(s -> s.role() == SignerRole.AUTHOR && s.validFor(manifest))) {
                System.err.println(cmd + ": not countersigned; the package has no valid author signature (the author signs"
                        + " first with `tanhe package sign`)");
                return 1;
            }
            ConfigPackage signed = key.sign(p, role);
            Path out = output == null ? file : output;
            signed.write(out);
            System.out.println((role == SignerRole.AUTHOR ? "signed " : "countersigned ") + out + " as " + role + ": " + key.name()
                    + " [" + key.fingerprint() + "]");
            return 0;
        } catch (PackageFormatException | IOException e) {
            System.err.println(cmd + ": " + e.getMessage());
            return 2;
        }
    }

    /** {@code tanhe package sign FILE --key KEY}. */
    @Command(name = "sign", mixinStandardHelpOptions = true,
            description = "Sign a package as its author (SM2); the signature covers the manifest, which covers every file.")
    static final class Sign implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE", description = "the package")
        Path file;
        @Option(names = "--key", required = true, paramLabel = "KEY", description = "the author's private key file (tanhe package keygen)")
        Path key;
        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write the signed package here (default: in place)")
        Path output;

        @Override
        public Integer call() {
            return sign(file, key, output, SignerRole.AUTHOR);
        }
    }

    /** {@code tanhe package countersign FILE --key KEY}. */
    @Command(name = "countersign", mixinStandardHelpOptions = true,
            description = "Countersign an author-signed package as the verification body (SM2).")
    static final class Countersign implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE", description = "the package")
        Path file;
        @Option(names = "--key", required = true, paramLabel = "KEY", description = "the verifier's private key file (tanhe package keygen)")
        Path key;
        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write the countersigned package here (default: in place)")
        Path output;

        @Override
        public Integer call() {
            return sign(file, key, output, SignerRole.VERIFIER);
        }
    }

    /** {@code tanhe package keygen --name NAME -o FILE}. */
    @Command(name = "keygen", mixinStandardHelpOptions = true,
            description = {"Make an SM2 key pair for an author or a verification body: FILE (private, 0600) and FILE.pub",
                    "(public: give it to the security operator for `tanhe trust add-key`)."})
    static final class Keygen implements Callable<Integer> {
        @Option(names = "--name", required = true, paramLabel = "NAME", description = "who holds the key, e.g. \"Li Wei (accountant)\"")
        String name;
        @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "the private key file to write")
        Path output;
        @Option(names = "--force", description = "replace an existing key file")
        boolean force;

        @Override
        public Integer call() {
            if (Files.exists(output) && !force) {
                System.err.println("package keygen: " + output + " exists; nothing written (give --force to replace it; signatures"
                        + " made with the old key then no longer match a key you hold)");
                return 1;
            }
            try {
                SigningKey key = SigningKey.generate(name);
                key.save(output);
                System.out.println("wrote " + output + " (private, keep it) and " + SigningKey.publicFile(output)
                        + " (public) for " + name + "; SM3 fingerprint " + key.fingerprint());
                return 0;
            } catch (IllegalArgumentException | IOException e) {
                System.err.println("package keygen: " + e.getMessage());
                return 2;
            }
        }
    }

    /** {@code tanhe package verify FILE [--against BASE] [--trust POLICY]}. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Show what a package holds, who signed it, whether its files match, whether it compiles and its",
                    "in-file tests pass, and (with --against) what changed. With --trust, check the signers against a",
                    "trust policy as the terminal will. Exit code 0 when accepted, 1 when refused."})
    static final class Verify implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE", description = "the package")
        Path file;
        @Option(names = "--against", paramLabel = "BASE", description = "a package, methodology folder or file to diff against")
        Path against;
        @Option(names = "--trust", paramLabel = "POLICY", description = "a trust policy file (e.g. the terminal's " + io.tanhe.server.packages.TrustStore.FILE + ")")
        Path trust;

        @Override
        public Integer call() {
            PrintStream out = System.out;
            try {
                ConfigPackage p = ConfigPackage.read(file);
                Optional<TrustPolicy> policy = trust == null ? Optional.empty()
                        : Optional.of(TrustPolicy.parse(Files.readString(trust), trust.toString()));
                Verdict v = PackageVerifier.verify(p, policy);
                print(p, v, out);
                if (against != null) {
                    out.println();
                    out.println("changes against " + against + ":");
                    DiffReport d = MethodologyDiff.between(DiffCommand.snapshot(against), PackageDiff.snapshot(p, file.toString()));
                    d.text().lines().skip(2).dropWhile(String::isBlank).forEach(l -> out.println(l.isBlank() ? "" : "  " + l));
                }
                out.println();
                if (v.accepted()) {
                    out.println("verdict: accepted" + (policy.isEmpty() ? " (signatures checked for validity only; give --trust to check the signers)" : ""));
                    return 0;
                }
                out.println("verdict: refused");
                v.problems().forEach(pr -> out.println("  - " + pr));
                return 1;
            } catch (PackageFormatException | IllegalArgumentException | IOException e) {
                System.err.println("package verify: " + e.getMessage());
                return 2;
            }
        }

        private static void print(ConfigPackage p, Verdict v, PrintStream out) {
            Manifest m = p.manifest();
            out.println("package:   " + m.kind() + " " + m.id() + " " + m.version() + (m.description().isEmpty() ? "" : " — " + m.description()));
            out.println("built:     " + m.built() + " by " + m.compiler() + (m.entry().isEmpty() ? "" : ", from folder " + m.entry()));
            out.println("manifest:  SM3 " + p.manifestSm3());
            out.println("files:     " + m.files().size());
            for (PackageFile f : m.files()) {
                out.println("  " + f.path() + "  " + f.size() + " B  SM3 " + f.sm3().substring(0, Math.min(16, f.sm3().length())) + "…");
            }
            out.println("signers:   " + (v.signatures().isEmpty() ? "none" : ""));
            for (SignatureCheck c : v.signatures()) {
                String trusted = v.policy().isEmpty() ? "" : c.trustedAs().isPresent() ? ", trusted" : ", NOT trusted";
                out.println("  " + c.signature().role() + "  " + c.signature().name() + "  [" + c.signature().fingerprint() + "]  "
                        + (c.valid() ? "valid" : "INVALID") + trusted);
            }
            long passed = v.tests().stream().filter(TestResult::passed).count();
            out.println("tests:     " + passed + " passed, " + (v.tests().size() - passed) + " failed");
            for (TestResult t : v.tests()) {
                out.println("  " + (t.passed() ? "PASS " : "FAIL ") + t.file() + ": " + t.title());
                t.failures().forEach(f -> out.println("      " + f));
            }
        }
    }
}
