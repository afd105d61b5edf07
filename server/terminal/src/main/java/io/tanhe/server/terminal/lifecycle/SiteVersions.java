package io.tanhe.server.terminal.lifecycle;

import io.tanhe.grammar.config.InvalidConfigException;
import io.tanhe.server.security.audit.AuditActor;
import io.tanhe.server.security.audit.AuditEvent;
import io.tanhe.server.security.audit.AuditLog;
import io.tanhe.server.security.audit.AuditOutcome;
import io.tanhe.server.security.config.SealedConfigs;
import io.tanhe.server.security.crypto.Sm;
import io.tanhe.server.site.Site;
import io.tanhe.server.store.ConfigStore;
import io.tanhe.server.store.ConfigVersion;
import io.tanhe.server.store.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Site file changes on a running terminal (issue 15, item 4): a candidate site file is read exactly as at start,
 * compared with the running one, stored as a new sealed configuration version (§7.4.1.4) and applied by restarting
 * only the acquisition of the devices and the uplink centres it changes. A change of anything else (methodology,
 * factors, bindings, rules, store, …) is refused naming the field: it needs a restart. A device or centre that does
 * not start with its new settings rolls the whole change back: the workers get their previous settings again and
 * the previous text is stored again as the latest version, saying why. Every step is audited.
 *
 * <p>A pushed version names the SM3 of the site file the terminal started from: while that file is unchanged the
 * next start runs the latest pushed version ({@link #pushedAtStart}); once the file is edited, the file wins.
 */
public final class SiteVersions {
    private static final Logger LOG = LoggerFactory.getLogger(SiteVersions.class);
    /** The note of a pushed version starts with this. */
    public static final String PUSH_NOTE = "site push";
    private static final Pattern FILE_MARK = Pattern.compile("\\[site file sm3 ([0-9a-f]{64})]");

    private final SealedConfigs sealed;
    private final ConfigStore configs;
    private final AuditLog audit;
    private final Clock clock;
    private final Function<String, Site> parser;
    private final LiveSite live;
    private final String fileSm3;
    private final String origin;
    private final Path dir;
    /** What the running site's files (points file, the centres' profiles and TLS stores) held when they were read. */
    private SiteChange.ReadFiles runningFiles;

    /**
     * @param parser   reads a site file's text as the terminal's start does (relative paths against the site file's
     *                 folder); null when this terminal cannot read site files (pushes are refused)
     * @param fileText the text of the site file the terminal was started with
     */
    public SiteVersions(SealedConfigs sealed, ConfigStore configs, AuditLog audit, Clock clock, Function<String, Site> parser,
                        LiveSite live, String fileText, String origin) {
        this.sealed = sealed;
        this.configs = configs;
        this.audit = audit;
        this.clock = clock;
        this.parser = parser;
        this.live = live;
        this.fileSm3 = fileSm3(fileText);
        this.origin = origin;
        Path parent = Path.of(origin).toAbsolutePath().getParent();
        this.dir = parent == null ? Path.of("").toAbsolutePath() : parent;
        this.runningFiles = SiteChange.ReadFiles.of(live.site().text(), origin, dir);
    }

    /** The SM3 a pushed version's note names the site file by (of its text with secrets redacted, as stored). */
    public static String fileSm3(String fileText) {
        return Sm.sm3Hex(Secrets.redact(fileText));
    }

    /**
     * The text the terminal should start with when it is given the site file {@code fileText}: the latest stored
     * version when it was pushed (or rolled back to) on a terminal started from that same file; empty otherwise.
     */
    public static Optional<SealedConfigs.Opened> pushedAtStart(SealedConfigs sealed, String fileText) {
        return sealed.latest().filter(o -> o.version().note().startsWith(PUSH_NOTE))
                .filter(o -> fileMark(o.version().note()).filter(fileSm3(fileText)::equals).isPresent());
    }

    private static Optional<String> fileMark(String note) {
        Matcher m = FILE_MARK.matcher(note);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** What a candidate would do: the workers that restart, or why it is refused. */
    public record Plan(SiteChange change, int fromVersion) {
    }

    /**
     * What a push did.
     *
     * @param plan      the change and the version it replaced
     * @param version   the version stored (empty for a dry run or when nothing differs)
     * @param restarted the workers restarted with their new settings
     * @param failure   why the change was rolled back (empty when it applied)
     */
    public record Pushed(Plan plan, Optional<ConfigVersion> version, List<String> restarted, Optional<String> failure) {
    }

    /** A candidate that needs a restart: names the fields. */
    public static final class NeedsRestartException extends IllegalArgumentException {
        private final List<String> fields;

        NeedsRestartException(List<String> fields) {
            super("cannot change " + String.join(", ", fields) + " on a running terminal: only the devices (`drivers:`,"
                    + " `drivers_file:`) and the uplink's centres (`uplink:`) apply live; edit the site file and restart the"
                    + " terminal for " + (fields.size() == 1 ? "this field" : "these fields"));
            this.fields = List.copyOf(fields);
        }

        /** The site file's top-level fields that differ and need a restart. */
        public List<String> fields() {
            return fields;
        }
    }

    /**
     * Pushes a candidate site file: reads it as the start does, plans the change and, unless {@code dryRun}, stores
     * it as a new version and applies it.
     *
     * @throws InvalidConfigException  when the candidate is not a valid site file (every problem with its field path)
     * @throws NeedsRestartException   when it changes fields that need a restart (nothing stored)
     * @throws IllegalStateException   when this terminal cannot read site files
     */
    public synchronized Pushed push(String text, AuditActor who, boolean dryRun) {
        return push(text, who, dryRun, PUSH_NOTE + " by " + who.user());
    }

    /**
     * Rolls the site file back to stored version {@code to}: its text is pushed again (stored as a new version).
     *
     * @throws IllegalArgumentException when no such version is stored
     */
    public synchronized Pushed rollback(int to, AuditActor who) {
        SealedConfigs.Opened v = sealed.version(to).orElseThrow(() -> new IllegalArgumentException(
                "to: no configuration version " + to + "; `tanhe site log` lists them"));
        return push(v.text(), who, false, PUSH_NOTE + " by " + who.user() + ": rollback to version " + to);
    }

    private Pushed push(String text, AuditActor who, boolean dryRun, String note) {
        if (parser == null) {
            throw new IllegalStateException("this terminal was started without a site file reader: site files cannot be pushed to it");
        }
        Site running = live.site();
        int from = configs.latest().map(ConfigVersion::version).orElse(0);
        Site candidate;
        SiteChange change;
        try {
            candidate = parser.apply(text);
        } catch (InvalidConfigException e) {
            refuse(who, from, e.getMessage());
            throw e;
        }
        SiteChange.ReadFiles candidateFiles;
        try {
            candidateFiles = SiteChange.ReadFiles.of(text, origin, dir);
            change = SiteChange.between(running.text(), runningFiles, text, candidateFiles, origin);
        } catch (RuntimeException e) {
            candidate.close();
            refuse(who, from, e.getMessage());
            throw e;
        }
        Plan plan = new Plan(change, from);
        if (!change.refused().isEmpty()) {
            candidate.close();
            NeedsRestartException e = new NeedsRestartException(change.refused());
            refuse(who, from, e.getMessage());
            throw e;
        }
        if (dryRun || (change.isEmpty() && text.equals(running.text()))) {
            candidate.close();
            return new Pushed(plan, Optional.empty(), List.of(), Optional.empty());
        }
        String marked = note + ": " + change.summary() + " [site file sm3 " + fileSm3 + "]";
        ConfigVersion saved = sealed.save(text, who.user(), clock.instant(), marked);
        record(who, "site.push", saved.version(), AuditOutcome.SUCCESS, "version " + from + " -> " + saved.version() + ": " + change.summary());
        LOG.info("site configuration version {} pushed by {} (was {}): {}", saved.version(), who.user(), from, change.summary());
        try {
            List<String> restarted = live.restart(candidate, change);
            runningFiles = candidateFiles;
            record(who, "site.applied", saved.version(), AuditOutcome.SUCCESS, "restarted " + (restarted.isEmpty() ? "nothing"
                    : String.join(", ", restarted)) + "; other workers kept running");
            return new Pushed(plan, Optional.of(saved), restarted, Optional.empty());
        } catch (RuntimeException e) {
            candidate.close();
            String why = e.getMessage();
            LOG.error("site configuration version {} did not apply, rolling back to version {}: {}", saved.version(), from, why);
            String previous = running.text();
            Site back = parser.apply(previous);
            // the same workers again: a file changed only in content is read anew, as it is now
            live.restart(back, SiteChange.between(text, candidateFiles, previous, runningFiles, origin));
            ConfigVersion again = sealed.save(previous, "terminal", clock.instant(), PUSH_NOTE + " rolled back: version "
                    + saved.version() + " did not apply (" + why + ") [site file sm3 " + fileSm3 + "]");
            record(who, "site.rolled-back", again.version(), AuditOutcome.FAILURE, "version " + saved.version() + " did not apply: "
                    + why + "; the previous settings run again, stored as version " + again.version());
            return new Pushed(plan, Optional.of(again), List.of(), Optional.of("version " + saved.version() + " did not apply: " + why
                    + "; rolled back to the previous settings (stored again as version " + again.version() + ")"));
        }
    }

    private void refuse(AuditActor who, int from, String why) {
        audit.record(new AuditEvent(clock.instant(), who.user(), who.role(), who.source(), "site.refuse", "site configuration",
                AuditOutcome.FAILURE, "candidate refused, version " + from + " stays: " + Secrets.redact(why)));
    }

    private void record(AuditActor who, String type, int version, AuditOutcome outcome, String detail) {
        audit.record(new AuditEvent(clock.instant(), who.user(), who.role(), who.source(), type, "configuration version " + version,
                outcome, detail));
    }

    /** Every stored version, oldest first (texts with their secrets redacted), and the one running. */
    public record Versions(List<ConfigVersion> versions, int running) {
    }

    /** Every stored version and the number of the one running. */
    public Versions versions() {
        List<ConfigVersion> all = configs.history();
        String runningRedacted = Secrets.redact(live.site().text());
        int running = all.reversed().stream().filter(v -> v.content().equals(runningRedacted)).mapToInt(ConfigVersion::version)
                .findFirst().orElse(0);
        return new Versions(all, running);
    }
}
