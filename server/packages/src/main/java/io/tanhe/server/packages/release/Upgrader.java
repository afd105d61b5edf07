package io.tanhe.server.packages.release;

import io.tanhe.server.packages.PackageFormatException;
import io.tanhe.server.packages.PackageKind;
import io.tanhe.server.packages.ReleasePackage;
import io.tanhe.server.packages.ReleaseVerdict;
import io.tanhe.server.packages.TrustPolicy;
import io.tanhe.server.store.FileTrees;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Installs application releases under an {@link InstallRoot} as a state machine kept in {@code upgrade.json}:
 * verify, unpack into {@code releases/.<version>.partial} and rename it to {@code releases/<version>} ({@link Phase#STAGED}),
 * switch the {@code current} link by an atomic rename ({@link Phase#SWITCHING} → {@link Phase#PROBATION}), then the
 * new release proves healthy within the window ({@link #markGood}) or is rolled back ({@link #rollback}). Each
 * phase is written, durably, before its step, so {@link #started} — run at every start of the terminal, before the
 * program itself (ExecStartPre) — finishes or undoes whatever a power cut interrupted, and counts the new release's
 * starts: one that keeps failing, or is still unproven when the window ends, is rolled back there.
 *
 * <p>The data directory is never named here: a release holds the program only.
 */
public final class Upgrader {
    private static final Logger LOG = LoggerFactory.getLogger(Upgrader.class);
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._+~-]{0,63}");

    /** The steps an upgrade passes, each reported to {@link Steps} as it is reached (tests stop a process there). */
    enum Step { VERIFIED, UNPACKING, UNPACKED, STAGED, SWITCHING, SWITCHED, PROBATION, ROLLING_BACK, ROLLED_BACK_LINK }

    /** Told of each step as it is reached; nothing by default. */
    @FunctionalInterface
    interface Steps {
        void reached(Step step);
    }

    private final InstallRoot root;
    private final Clock clock;
    private final Duration window;
    private final int maxStarts;
    private final Steps steps;

    /**
     * @param window    how long a new release has to prove healthy after the switch
     * @param maxStarts how many starts of the new release the window allows (a release that crashes at start is
     *                  restarted by the service manager until then)
     */
    public Upgrader(InstallRoot root, Clock clock, Duration window, int maxStarts) {
        this(root, clock, window, maxStarts, step -> { });
    }

    Upgrader(InstallRoot root, Clock clock, Duration window, int maxStarts, Steps steps) {
        this.root = root;
        this.clock = clock;
        this.window = window;
        this.maxStarts = maxStarts;
        this.steps = steps;
    }

    public InstallRoot root() {
        return root;
    }

    /** The health window. */
    public Duration window() {
        return window;
    }

    /** The state as kept. */
    public synchronized UpgradeState status() throws IOException {
        return UpgradeState.read(root.stateFile());
    }

    /**
     * Verifies the release package {@code file} against {@code policy}, unpacks it and switches {@code current} to it;
     * the caller then restarts the program (the service manager starts the new release, which has {@link #window()} to
     * prove healthy). {@code by} names who asked (for the state; the caller audits).
     *
     * @throws UpgradeRefused when the package is refused (every reason) or an upgrade is under way; nothing changed
     */
    public synchronized UpgradeState upgrade(Path file, TrustPolicy policy, String by) throws UpgradeRefused, IOException {
        UpgradeState staged = stage(file, policy, by);
        return switchOver(staged);
    }

    /** Verifies and unpacks, up to {@link Phase#STAGED}. */
    synchronized UpgradeState stage(Path file, TrustPolicy policy, String by) throws UpgradeRefused, IOException {
        UpgradeState now = status();
        if (now.phase().active()) {
            throw new UpgradeRefused("an upgrade to " + now.to() + " is under way (" + now.phase().name().toLowerCase(java.util.Locale.ROOT)
                    + "); wait for it to end or roll it back with `tanhe upgrade rollback`", List.of());
        }
        Files.createDirectories(root.releases());
        try (ReleasePackage pkg = open(file)) {
            ReleaseVerdict verdict = pkg.verify(policy, PackageKind.APPLICATION);
            if (!verdict.accepted()) {
                throw new UpgradeRefused(file.getFileName() + " " + verdict.summary(), verdict.problems());
            }
            String version = pkg.manifest().version();
            if (!VERSION.matcher(version).matches()) {
                throw new UpgradeRefused("the release version '" + version + "' cannot name a folder: letters, digits and . _ + ~ -,"
                        + " at most 64", List.of());
            }
            Optional<String> current = root.currentVersion();
            if (current.isPresent() && current.get().equals(version)) {
                throw new UpgradeRefused("release " + version + " is the one in use already", List.of());
            }
            steps.reached(Step.VERIFIED);
            UpgradeState state = new UpgradeState(Phase.UNPACKING, current.orElse(""), version, verdict.manifestSm3(), by,
                    clock.instant(), null, 0, "", clock.instant());
            state.write(root.stateFile());
            Path target = root.release(version);
            if (Files.exists(target)) {
                // an earlier upload of the same version: keep it only if it is this very release
                if (sameRelease(target, pkg.manifestBytes())) {
                    state = state.in(Phase.STAGED, clock.instant());
                    state.write(root.stateFile());
                    steps.reached(Step.STAGED);
                    return state;
                }
                FileTrees.delete(target);
            }
            Path partial = partial(version);
            FileTrees.delete(partial);
            steps.reached(Step.UNPACKING);
            try {
                pkg.extractTo(partial);
            } catch (PackageFormatException | IOException e) {
                FileTrees.delete(partial);
                state.in(Phase.FAILED, clock.instant()).because(e.getMessage()).write(root.stateFile());
                throw e;
            }
            InstallRoot.force(partial);
            Files.move(partial, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            InstallRoot.force(root.releases());
            steps.reached(Step.UNPACKED);
            state = state.in(Phase.STAGED, clock.instant());
            state.write(root.stateFile());
            steps.reached(Step.STAGED);
            LOG.info("upgrade: release {} unpacked in {}", version, target);
            return state;
        }
    }

    /** Switches {@code current} to the staged release: {@link Phase#SWITCHING}, the link, {@link Phase#PROBATION}. */
    synchronized UpgradeState switchOver(UpgradeState staged) throws IOException {
        UpgradeState state = staged.in(Phase.SWITCHING, clock.instant());
        state.write(root.stateFile());
        steps.reached(Step.SWITCHING);
        link(state);
        steps.reached(Step.SWITCHED);
        state = state.withDeadline(clock.instant().plus(window)).in(Phase.PROBATION, clock.instant());
        state.write(root.stateFile());
        steps.reached(Step.PROBATION);
        LOG.info("upgrade: switched from {} to {}; it has {} to prove healthy", state.from().isEmpty() ? "the base build" : state.from(),
                state.to(), window);
        return state;
    }

    /**
     * Run at every start of the terminal, before the program (the service's ExecStartPre, or {@code tanhe upgrade-check}):
     * finishes or undoes a step a crash interrupted, counts a start of the release on probation and rolls it back when
     * its starts or its window are used up. Returns the state after.
     */
    public synchronized UpgradeState started() throws IOException {
        UpgradeState state = status();
        Instant now = clock.instant();
        return switch (state.phase()) {
            case IDLE, GOOD, ROLLED_BACK, FAILED -> state;
            case UNPACKING -> {
                // the release folder may be half written: abandon; the release in use never changed
                FileTrees.delete(partial(state.to()));
                if (!state.to().equals(root.currentVersion().orElse(null)) && !state.to().equals(InstallRoot.linked(root.previous()).orElse(null))) {
                    FileTrees.delete(root.release(state.to()));
                }
                UpgradeState failed = state.in(Phase.FAILED, now).because("interrupted while unpacking; upload the package again");
                failed.write(root.stateFile());
                LOG.warn("upgrade: to {} interrupted while unpacking; abandoned, {} stays in use", state.to(), shown(state.from()));
                yield failed;
            }
            case STAGED -> {
                LOG.info("upgrade: to {} was staged when the terminal stopped; switching now", state.to());
                yield countStart(switchOver(state), now);
            }
            case SWITCHING -> {
                link(state);
                UpgradeState probation = state.withDeadline(now.plus(window)).in(Phase.PROBATION, now);
                probation.write(root.stateFile());
                LOG.info("upgrade: the switch to {} was interrupted; finished", state.to());
                yield countStart(probation, now);
            }
            case PROBATION -> countStart(state, now);
            case ROLLING_BACK -> finishRollback(state);
        };
    }

    private UpgradeState countStart(UpgradeState state, Instant now) throws IOException {
        int starts = state.starts() + 1;
        if (starts > maxStarts) {
            return rollback(state, "release " + state.to() + " started " + state.starts() + " times without proving healthy");
        }
        if (state.deadline() != null && now.isAfter(state.deadline())) {
            return rollback(state, "release " + state.to() + " did not prove healthy by " + state.deadline());
        }
        UpgradeState counted = state.withStarts(starts).in(Phase.PROBATION, now);
        counted.write(root.stateFile());
        return counted;
    }

    /**
     * The new release proved healthy: it stays, and releases older than the one before it are removed ({@link #prune}).
     * False when no release is on probation.
     */
    public synchronized boolean markGood() throws IOException {
        UpgradeState state = status();
        if (state.phase() != Phase.PROBATION) {
            return false;
        }
        state.in(Phase.GOOD, clock.instant()).write(root.stateFile());
        LOG.info("upgrade: release {} proved healthy and stays", state.to());
        prune(state);
        return true;
    }

    /**
     * Removes every unpacked release but the one in use and the rollback target (the release in use before it, which
     * {@code previous} names), so that releases do not pile up on the appliance's disk. Run once a release proved
     * healthy, never during an upgrade; a folder that cannot be removed is logged and left for the next time.
     *
     * @return the versions removed
     */
    synchronized List<String> prune(UpgradeState good) throws IOException {
        Set<String> keep = new HashSet<>();
        keep.add(good.to());
        keep.add(good.from());
        root.currentVersion().ifPresent(keep::add);
        InstallRoot.linked(root.previous()).ifPresent(keep::add);
        List<String> removed = new ArrayList<>();
        for (String version : releases()) {
            if (keep.contains(version)) {
                continue;
            }
            try {
                FileTrees.delete(root.release(version));
                removed.add(version);
            } catch (IOException e) {
                LOG.warn("upgrade: old release {} could not be removed ({}); it is tried again after the next upgrade", version,
                        e.getMessage());
            }
        }
        if (!removed.isEmpty()) {
            InstallRoot.force(root.releases());
            LOG.info("upgrade: removed old release(s) {} from {}; kept {} (in use) and {} (to roll back to)", String.join(", ", removed),
                    root.releases(), good.to(), shown(good.from()));
        }
        return List.copyOf(removed);
    }

    /** Whether the running program is the release on probation whose window has ended (it must roll back). */
    public synchronized boolean overdue() throws IOException {
        UpgradeState state = status();
        return state.phase() == Phase.PROBATION && state.deadline() != null && clock.instant().isAfter(state.deadline());
    }

    /**
     * Switches back to the release in use before the upgrade (the caller restarts the program); {@code reason} is kept.
     *
     * @throws IllegalStateException when there is no upgrade to roll back
     */
    public synchronized UpgradeState rollback(String reason) throws IOException {
        UpgradeState state = status();
        if (state.phase() == Phase.IDLE || state.phase() == Phase.ROLLED_BACK || state.phase() == Phase.FAILED
                || state.phase() == Phase.UNPACKING) {
            throw new IllegalStateException("no upgrade to roll back (state " + state.phase().name().toLowerCase(java.util.Locale.ROOT)
                    + "; release in use: " + shown(root.currentVersion().orElse("")) + ")");
        }
        if (state.phase() == Phase.STAGED) {
            UpgradeState failed = state.in(Phase.FAILED, clock.instant()).because(reason);
            failed.write(root.stateFile());
            return failed;
        }
        return rollback(state, reason);
    }

    private UpgradeState rollback(UpgradeState state, String reason) throws IOException {
        UpgradeState rolling = state.in(Phase.ROLLING_BACK, clock.instant()).because(reason);
        rolling.write(root.stateFile());
        steps.reached(Step.ROLLING_BACK);
        LOG.warn("upgrade: rolling back from {} to {}: {}", state.to(), shown(state.from()), reason);
        return finishRollback(rolling);
    }

    private UpgradeState finishRollback(UpgradeState state) throws IOException {
        InstallRoot.relink(root.current(), state.from().isEmpty() ? Optional.empty() : Optional.of(root.release(state.from())));
        steps.reached(Step.ROLLED_BACK_LINK);
        UpgradeState done = state.in(Phase.ROLLED_BACK, clock.instant());
        done.write(root.stateFile());
        return done;
    }

    /** Links {@code current} to the new release and {@code previous} to the old one (idempotent). */
    private void link(UpgradeState state) throws IOException {
        InstallRoot.relink(root.previous(), state.from().isEmpty() ? Optional.empty() : Optional.of(root.release(state.from())));
        InstallRoot.relink(root.current(), Optional.of(root.release(state.to())));
    }

    /** The releases unpacked, newest first by folder time, with the one in use marked by the caller. */
    public List<String> releases() throws IOException {
        if (!Files.isDirectory(root.releases())) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(root.releases())) {
            s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing((Path p) -> p.toFile().lastModified()).reversed())
                    .forEach(p -> out.add(p.getFileName().toString()));
        }
        return out;
    }

    private Path partial(String version) {
        return root.releases().resolve("." + version + ".partial");
    }

    private static boolean sameRelease(Path release, byte[] manifest) throws IOException {
        Path kept = release.resolve(ReleasePackage.META).resolve("manifest.json");
        return Files.exists(kept) && java.util.Arrays.equals(Files.readAllBytes(kept), manifest);
    }

    private static ReleasePackage open(Path file) throws UpgradeRefused, IOException {
        try {
            return ReleasePackage.open(file);
        } catch (PackageFormatException e) {
            throw new UpgradeRefused(e.getMessage(), List.of());
        }
    }

    private static String shown(String version) {
        return version.isEmpty() ? "the base build" : version;
    }
}
