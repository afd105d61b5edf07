package io.tanhe.server.terminal.operations;

import io.tanhe.server.security.access.Actor;
import io.tanhe.server.security.audit.AuditActor;
import io.tanhe.server.security.audit.AuditEvent;
import io.tanhe.server.security.audit.AuditExport;
import io.tanhe.server.security.audit.AuditLog;
import io.tanhe.server.security.audit.AuditOutcome;
import io.tanhe.server.security.audit.AuditQuery;
import io.tanhe.server.store.FileTrees;
import io.tanhe.server.store.Store;
import io.tanhe.server.store.StoreException;
import io.tanhe.server.store.jdbc.Engine;
import io.tanhe.server.store.jdbc.JdbcStore;
import io.tanhe.server.store.jdbc.StoreSettings;
import io.tanhe.server.terminal.RestoreOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The restore of a running terminal as a job (docs/operations.md "Restore of a running terminal"). The store cannot be
 * replaced under the parts that hold it, so the job prepares a restart that applies it:
 * <ol>
 *   <li>checks the backup: a folder of {@code DATA/backups}, of the store's engine, restored into a scratch directory
 *       and counted (the job can be cancelled up to here, and nothing has changed);</li>
 *   <li>audits the request ({@code store.restore.order}) and archives what the restore replaces in
 *       {@code DATA/archive/<time>-job<id>}: the audit entries since the backup ({@code audit-since-backup.json}), the
 *       chain's head ({@code AUDIT-HEAD}) and a consistent copy of the current store ({@code store/});</li>
 *   <li>writes the {@link RestoreOrder} durably and asks for a restart; the start applies the order before it opens
 *       the store and records {@code store.restore} in the restored chain, naming the order, backup, archive and head.</li>
 * </ol>
 */
public final class RestoreJob {
    private static final Logger LOG = LoggerFactory.getLogger(RestoreJob.class);
    private static final Pattern FOLDER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,120}");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Store store;
    private final StoreSettings settings;
    private final Path dataDir;
    private final AuditLog audit;
    private final Consumer<String> restart;
    private final Clock clock;

    /**
     * @param settings the store's settings as the terminal opens it (the engine a backup must match)
     * @param restart  asks whoever runs the terminal to stop and start it again
     */
    public RestoreJob(Store store, StoreSettings settings, Path dataDir, AuditLog audit, Consumer<String> restart, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.dataDir = dataDir;
        this.audit = audit;
        this.restart = restart;
        this.clock = clock;
    }

    /**
     * The work of a restore from folder {@code name} of {@code DATA/backups}, as {@code actor}.
     *
     * @throws OperationRefused naming {@code backup}: not a plain folder name, no such backup (the backups there are listed)
     */
    Jobs.Work work(Actor actor, String name) {
        Path backups = dataDir.resolve("backups");
        if (name == null || !FOLDER.matcher(name).matches()) {
            throw OperationRefused.badInput("backup", "`" + name + "` is not a folder name of DATA/backups (letters, digits,"
                    + " . _ -; no directories); " + available(backups));
        }
        Path backup = backups.resolve(name).toAbsolutePath().normalize();
        if (!Files.isDirectory(backup)) {
            throw OperationRefused.badInput("backup", "no backup " + name + " in " + backups + "; " + available(backups));
        }
        Engine kind;
        try {
            kind = RestoreOrder.engineOf(backup, settings);
        } catch (StoreException e) {
            throw OperationRefused.badInput("backup", e.getMessage() + "; nothing was changed");
        }
        return job -> {
            job.progress(0.05, "checking the backup " + name);
            String stamp = STAMP.format(clock.instant()) + "Z-job" + job.id();
            Path archive = Files.createDirectories(dataDir.resolve("archive")).resolve(stamp).toAbsolutePath();
            Counts counts = check(backup, kind == Engine.POSTGRESQL ? Engine.SQLITE : kind, archive.resolveSibling(stamp + ".check"));
            job.checkCancelled(); // the last point a cancel stops it: from here the current store is archived and replaced
            job.progress(0.4, "archiving the current store and its audit in " + archive);
            Files.createDirectories(archive);
            record(actor, "store.restore.order", AuditOutcome.SUCCESS, "restore from " + backup + " (" + counts + ") ordered;"
                    + " the current store and its audit go to " + archive + ", the terminal restarts to apply it");
            long exported = exportAuditSince(backup, archive.resolve("audit-since-backup.json"), actor);
            String head = audit.head();
            Files.writeString(archive.resolve("AUDIT-HEAD"), head + "\n", StandardCharsets.UTF_8);
            store.backup(archive.resolve("store"));
            job.progress(0.9, "writing the restore order");
            new RestoreOrder(backup, archive, head, job.id(), actor.name(), actor.role(), actor.source(), clock.instant()).write(dataDir);
            restart.accept("restore of " + name + " ordered by " + actor.name() + " (job " + job.id() + ")");
            return "restore of " + name + " (" + counts + ") ordered; the replaced store and " + exported + " audit entries since"
                    + " the backup are in " + archive + " (audit head " + head + "). The terminal stops now (exit 75) and applies the"
                    + " restore when it starts: a service manager starts it again; started by hand, start it again";
        };
    }

    /** What a backup holds. */
    record Counts(long readings, long results) {
        @Override
        public String toString() {
            return readings + " readings, " + results + " results";
        }
    }

    /** Restores the backup into a scratch directory and counts it: readable, migratable, of the engine it claims. */
    private static Counts check(Path backup, Engine kind, Path scratch) throws IOException {
        try (JdbcStore copy = JdbcStore.restore(backup, StoreSettings.at(scratch).withEngine(kind))) {
            return new Counts(copy.readings().count(), copy.results().count());
        } catch (StoreException e) {
            throw OperationRefused.badInput("backup", backup.getFileName() + " cannot be restored, nothing was changed: "
                    + e.getMessage());
        } finally {
            delete(scratch);
        }
    }

    /** Exports the audit entries recorded since the backup was written (its newest file) with the chain's head. */
    private long exportAuditSince(Path backup, Path file, Actor actor) throws IOException {
        Instant since;
        try (Stream<Path> files = Files.walk(backup)) {
            since = files.filter(Files::isRegularFile).map(RestoreJob::modified).max(Comparator.naturalOrder())
                    .map(FileTime::toInstant).orElse(Instant.EPOCH);
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            return audit.export(AuditQuery.all().between(since.minusSeconds(1), clock.instant().plus(Duration.ofDays(1))),
                    AuditExport.Format.JSON, out, new AuditActor(actor.name(), actor.role(), actor.source()));
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static String available(Path backups) {
        try (Stream<Path> dirs = Files.list(backups)) {
            List<String> names = dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
            return names.isEmpty() ? "DATA/backups holds none: make one with the backup job" : "backups: " + String.join(", ", names);
        } catch (IOException e) {
            return "DATA/backups holds none: make one with the backup job";
        }
    }

    private void record(Actor actor, String type, AuditOutcome outcome, String detail) {
        audit.record(new AuditEvent(clock.instant(), actor.name(), actor.role(), actor.source(), type, "store", outcome, detail));
    }

    private static void delete(Path dir) {
        try {
            FileTrees.delete(dir);
        } catch (IOException e) {
            LOG.warn("could not remove the scratch copy {}: {}", dir, e.toString());
        }
    }
}
