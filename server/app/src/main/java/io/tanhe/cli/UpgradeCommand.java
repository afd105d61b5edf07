package io.tanhe.cli;

import io.tanhe.server.packages.PackageFormatException;
import io.tanhe.server.packages.PackageKind;
import io.tanhe.server.packages.Problem;
import io.tanhe.server.packages.ReleasePackage;
import io.tanhe.server.packages.ReleaseVerdict;
import io.tanhe.server.packages.SignatureCheck;
import io.tanhe.server.packages.SignerRole;
import io.tanhe.server.packages.SigningKey;
import io.tanhe.server.packages.TrustPolicy;
import io.tanhe.server.packages.release.InstallRoot;
import io.tanhe.server.packages.release.UpgradeState;
import io.tanhe.server.packages.release.Upgrader;
import io.tanhe.server.security.audit.AuditOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code tanhe upgrade}: the program's signed releases (§8.4). Build and sign a release package, verify one, and on
 * the terminal's machine show the upgrade's state, roll it back, and {@code check} — the step the service runs before
 * every start (ExecStartPre), which finishes or undoes an interrupted upgrade and rolls back a release that keeps
 * failing. Uploading is {@code tanhe remote upgrade} (docs/operations.md).
 */
@Command(name = "upgrade", mixinStandardHelpOptions = true,
        description = {"Signed program releases (§8.4): build, sign, verify a release package; on the terminal's machine the",
                "upgrade's status, a rollback, and the check the service runs before each start. Upload with `tanhe remote upgrade`.",
                "See docs/operations.md, remote upgrade."},
        subcommands = {UpgradeCommand.Build.class, UpgradeCommand.Sign.class, UpgradeCommand.Verify.class,
                UpgradeCommand.Status.class, UpgradeCommand.Rollback.class, UpgradeCommand.Check.class})
public final class UpgradeCommand implements Runnable {
    /** The environment variable naming the install root (the Debian package's unit sets /opt/tanhe). */
    static final String ROOT_VARIABLE = "TANHE_INSTALL_ROOT";
    /** The environment variable giving the health window in seconds (default 180). */
    static final String WINDOW_VARIABLE = "TANHE_UPGRADE_WINDOW";
    /** Starts of a new release allowed in its window before it is rolled back. */
    static final int MAX_STARTS = 3;

    @Override
    public void run() {
        System.err.println("upgrade: say build, sign, verify, status, rollback or check; tanhe upgrade --help");
    }

    /** The install root from an option or {@value #ROOT_VARIABLE}; empty when neither gives one. */
    static Optional<InstallRoot> root(Path option) {
        if (option != null) {
            return Optional.of(new InstallRoot(option));
        }
        String env = System.getenv(ROOT_VARIABLE);
        return env == null || env.isBlank() ? Optional.empty() : Optional.of(new InstallRoot(Path.of(env)));
    }

    /** The upgrader of {@code root} with the window from {@value #WINDOW_VARIABLE} (default 180 s). */
    static Upgrader upgrader(InstallRoot root) {
        String w = System.getenv(WINDOW_VARIABLE);
        long seconds = 180;
        if (w != null && !w.isBlank()) {
            try {
                seconds = Long.parseLong(w.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(WINDOW_VARIABLE + "=" + w + " is not a number of seconds");
            }
        }
        return new Upgrader(root, Clock.systemUTC(), Duration.ofSeconds(seconds), MAX_STARTS);
    }

    /** This program's version as its build wrote it, or {@code unknown}. */
    static String programVersion() {
        java.util.Properties p = new java.util.Properties();
        try (var in = UpgradeCommand.class.getClassLoader().getResourceAsStream("io/tanhe/build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // shown as unknown
        }
        return p.getProperty("version", "unknown");
    }

    /** What a subcommand does; its exit code. */
    @FunctionalInterface
    interface Action {
        int run() throws IOException, PackageFormatException;
    }

    /** Runs {@code action}; a failure is printed as {@code upgrade NAME: why} and exits {@code failure}. */
    static int attempt(String name, int failure, Action action) {
        try {
            return action.run();
        } catch (IOException | IllegalArgumentException | IllegalStateException | PackageFormatException e) {
            System.err.println("upgrade " + name + ": " + e.getMessage());
            return failure;
        }
    }

    /** A release version as people read it: the empty one is the packaged build. */
    static String shown(String version) {
        return version.isEmpty() ? "the base build" : version;
    }

    /** The release this program runs as: the launcher's {@code -Dtanhe.release}, or {@code base}. */
    static String runningRelease() {
        return System.getProperty("tanhe.release", "base");
    }

    static final class RootOption {
        @Option(names = "--install-root", paramLabel = "DIR", description = "where releases live (default: $" + ROOT_VARIABLE
                + "; the Debian package: /opt/tanhe)")
        Path installRoot;

        InstallRoot require() {
            return root(installRoot).orElseThrow(() -> new IllegalArgumentException("no install root: give --install-root DIR or set "
                    + ROOT_VARIABLE + " (the Debian package uses /opt/tanhe)"));
        }
    }

    /** {@code tanhe upgrade build}. */
    @Command(name = "build",
            description = {"Build an unsigned release package: of a release folder (--dir: lib/tanhe.jar, optional runtime/, bin/)",
                    "or of a jar (--jar: packed as lib/tanhe.jar). Kind application (the program) or component (--kind component:",
                    "an optional component; its jars under lib/ join the class path). Sign it with `tanhe upgrade sign`."})
    static final class Build implements Callable<Integer> {
        // not mixinStandardHelpOptions: its -V/--version would clash with --version, the one of the package built,
        // and picocli then dropped --help as well
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        boolean help;

        @Option(names = "--dir", paramLabel = "DIR", description = "the release folder to pack")
        Path dir;

        @Option(names = "--jar", paramLabel = "JAR", description = "a jar to pack as lib/tanhe.jar (e.g. server/app/target/tanhe.jar)")
        Path jar;

        @Option(names = "--kind", defaultValue = "application", description = "application or component (default: ${DEFAULT-VALUE})")
        String kind;

        @Option(names = "--id", defaultValue = "tanhe", description = "the program's or component's id (default: ${DEFAULT-VALUE})")
        String id;

        @Option(names = "--version", required = true, paramLabel = "V", description = "the release version, naming its folder")
        String version;

        @Option(names = "--description", paramLabel = "TEXT", defaultValue = "", description = "a line for people")
        String description;

        @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "the package file to write (.tpkg)")
        Path out;

        @Override
        public Integer call() throws IOException {
            if ((dir == null) == (jar == null)) {
                System.err.println("upgrade build: give --dir DIR or --jar JAR (one of them)");
                return 2;
            }
            PackageKind k;
            try {
                k = PackageKind.of(kind);
                if (!k.isRelease()) {
                    throw new IllegalArgumentException("--kind " + kind + " is a configuration kind; build it with `tanhe package build`;"
                            + " here use application or component");
                }
            } catch (IllegalArgumentException e) {
                System.err.println("upgrade build: " + e.getMessage());
                return 2;
            }
            Path source = dir;
            Path scratch = null;
            if (jar != null) {
                if (!Files.isRegularFile(jar)) {
                    System.err.println("upgrade build: no jar at " + jar);
                    return 2;
                }
                scratch = Files.createTempDirectory("tanhe-release");
                Files.createDirectories(scratch.resolve("lib"));
                Files.createSymbolicLink(scratch.resolve("lib/tanhe.jar"), jar.toAbsolutePath());
                source = scratch;
            }
            Path packed = source;
            PackageKind packedKind = k;
            try {
                return attempt("build", 1, () -> {
                    ReleasePackage.build(packed, packedKind, id, version, description, "tanhe " + programVersion(), Instant.now(), out);
                    try (ReleasePackage p = ReleasePackage.open(out)) {
                        System.out.println(out + ": " + packedKind + " " + id + " " + version + ", " + p.manifest().files().size() + " files, "
                                + Files.size(out) / (1 << 20) + " MiB, manifest SM3 " + p.manifestSm3() + "; unsigned: sign it with"
                                + " `tanhe upgrade sign " + out + " --key KEY`");
                    }
                    return 0;
                });
            } finally {
                if (scratch != null) {
                    Files.deleteIfExists(scratch.resolve("lib/tanhe.jar"));
                    Files.deleteIfExists(scratch.resolve("lib"));
                    Files.deleteIfExists(scratch);
                }
            }
        }
    }

    /** {@code tanhe upgrade sign}. */
    @Command(name = "sign", mixinStandardHelpOptions = true,
            description = "Sign a release package with an SM2 key (`tanhe package keygen` makes one): as its author, or --role verifier.")
    static final class Sign implements Callable<Integer> {
        @Parameters(paramLabel = "PACKAGE", description = "the release package file")
        Path pkg;

        @Option(names = "--key", required = true, paramLabel = "FILE", description = "the private key file")
        Path key;

        @Option(names = "--role", defaultValue = "author", description = "author or verifier (default: ${DEFAULT-VALUE})")
        String role;

        @Override
        public Integer call() {
            return attempt("sign", 1, () -> {
                SigningKey k = SigningKey.load(key);
                ReleasePackage.sign(pkg, k, SignerRole.of(role));
                System.out.println(pkg + ": signed by " + k.name() + " as " + role + " [" + k.fingerprint().substring(0, 16) + "…]");
                return 0;
            });
        }
    }

    /** {@code tanhe upgrade verify}. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Verify a release package against a trust policy file (--trust), as the terminal will on upload.")
    static final class Verify implements Callable<Integer> {
        @Parameters(paramLabel = "PACKAGE", description = "the release package file")
        Path pkg;

        @Option(names = "--trust", required = true, paramLabel = "FILE", description = "a trust policy (YAML; e.g. DATA/trust/policy.yaml)")
        Path trust;

        @Option(names = "--kind", defaultValue = "application", description = "what it should be: application or component")
        String kind;

        @Override
        public Integer call() {
            return attempt("verify", 2, () -> {
                try (ReleasePackage p = ReleasePackage.open(pkg)) {
                    TrustPolicy policy = TrustPolicy.parse(Files.readString(trust), trust.toString());
                    ReleaseVerdict v = p.verify(policy, PackageKind.of(kind));
                    System.out.println(pkg + ": " + p.manifest().kind() + " " + p.manifest().id() + " " + p.manifest().version()
                            + ", manifest SM3 " + v.manifestSm3());
                    for (SignatureCheck s : v.signatures()) {
                        System.out.println("  " + s.signature() + (s.valid() ? " valid" : " INVALID")
                                + (s.trustedAs().isPresent() ? ", trusted" : ", not trusted"));
                    }
                    for (Problem pr : v.problems()) {
                        System.out.println("  " + pr);
                    }
                    System.out.println(v.accepted() ? "accepted" : "REFUSED");
                    return v.accepted() ? 0 : 1;
                }
            });
        }
    }

    /** {@code tanhe upgrade status}. */
    @Command(name = "status", mixinStandardHelpOptions = true, description = "The upgrade's state, the release in use and those kept.")
    static final class Status implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        RootOption root;

        @Override
        public Integer call() {
            return attempt("status", 2, () -> {
                Upgrader u = upgrader(root.require());
                UpgradeState s = u.status();
                System.out.println("install root  " + u.root().root());
                System.out.println("in use        " + u.root().currentVersion().orElse("base (the packaged build)"));
                System.out.println("releases      " + String.join(", ", u.releases()));
                System.out.println("components    " + new io.tanhe.server.packages.release.Components(u.root()).installed());
                s.toMap().forEach((k, v) -> {
                    if (v != null && !"".equals(v)) {
                        System.out.printf("%-13s %s%n", k, v);
                    }
                });
                return 0;
            });
        }
    }

    /** {@code tanhe upgrade rollback}. */
    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = {"Switch back to the release in use before the upgrade; restart the service after it",
                    "(systemctl restart tanhe). With --data-dir on a stopped terminal it is audited there."})
    static final class Rollback implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        RootOption root;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "the stopped terminal's data directory, to audit the rollback")
        Path dataDir;

        @Override
        public Integer call() {
            return attempt("rollback", 1, () -> {
                Upgrader u = upgrader(root.require());
                UpgradeState s = u.rollback("asked on the machine by " + System.getProperty("user.name"));
                System.out.println("rolled back from " + s.to() + " to " + shown(s.from()) + "; restart the terminal (systemctl restart tanhe)");
                audit(dataDir, s);
                return 0;
            });
        }

        private static void audit(Path dataDir, UpgradeState s) {
            if (dataDir == null) {
                System.out.println("(not audited: give --data-dir of the stopped terminal to record it)");
                return;
            }
            try (LocalSecurity local = LocalSecurity.open(dataDir)) {
                local.record("sysadmin", "upgrade.rollback", s.to(), AuditOutcome.SUCCESS,
                        "back to " + shown(s.from()) + " on the machine");
            } catch (IllegalStateException e) {
                System.err.println("upgrade rollback: done, but not audited: " + e.getMessage());
            }
        }
    }

    /** {@code tanhe upgrade check}: the service's ExecStartPre. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Run before each start of the service (ExecStartPre, from the packaged build): finish or undo an",
                    "upgrade a power cut interrupted, count the new release's starts, roll it back when they or its window",
                    "are used up. Never fails the start: the release it leaves in `current` is the one to run."})
    static final class Check implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        RootOption root;

        @Override
        public Integer call() {
            Optional<InstallRoot> r = root(root.installRoot);
            if (r.isEmpty() || !Files.isDirectory(r.get().root())) {
                System.out.println("upgrade check: no install root; the packaged build runs");
                return 0;
            }
            try {
                Upgrader u = upgrader(r.get());
                UpgradeState s = u.started();
                System.out.println("upgrade check: " + s.phase().name().toLowerCase(java.util.Locale.ROOT) + "; in use: "
                        + u.root().currentVersion().orElse("base") + (s.reason().isEmpty() ? "" : " (" + s.reason() + ")"));
            } catch (IOException | RuntimeException e) {
                // the start goes on with whatever `current` names: refusing to start would leave the plant unmonitored
                System.err.println("upgrade check: " + e.getMessage() + "; starting with the release in use");
            }
            return 0;
        }
    }
}
