package io.tanhe.server.terminal.operations;

import io.tanhe.server.recompute.DayOutcome;
import io.tanhe.server.recompute.DayRecompute;
import io.tanhe.server.security.access.Actor;
import io.tanhe.server.security.audit.AuditEvent;
import io.tanhe.server.security.audit.AuditOutcome;
import io.tanhe.server.security.audit.AuditTrail;
import io.tanhe.server.site.Site;
import io.tanhe.server.store.ReadingFilter;
import io.tanhe.server.store.ResultFilter;
import io.tanhe.server.store.Store;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.store.transfer.ImportException;
import io.tanhe.server.store.transfer.ImportReport;
import io.tanhe.server.store.transfer.StoreExport;
import io.tanhe.server.store.transfer.StoreImport;
import io.tanhe.server.store.transfer.TransferFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The long operator actions of a running terminal, each a {@link Job} with progress that can be cancelled: the
 * recompute of a range of closed days, an export of readings or results to a file in {@code DATA/exports}, an
 * import of a file from {@code DATA/imports} (copied there, or uploaded with {@link #upload}), a backup into {@code DATA/backups}. One job runs at a time (they all
 * lean on the store's single writer); others wait in order. Starting the same job while an identical one is queued
 * or running answers that one (a client that repeats after a lost answer). Each start, cancel and end is audited
 * ({@code job.start}, {@code job.cancel}, {@code job.end}). A restore checks the backup, archives the current store
 * and orders the restore for the next start, then asks for a restart ({@link RestoreJob}); no job starts after it.
 */
public final class Jobs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Jobs.class);
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,120}\\.(csv|json)");
    private static final int KEPT = 100;

    private final Supplier<Site> site;
    private final Store store;
    private final Path dataDir;
    private final Supplier<Optional<Instant>> openWindowFrom;
    private final AuditTrail audit;
    private final RestoreJob restore;
    private final Clock clock;
    private final ExecutorService runner;
    private final Map<Long, Job> jobs = new LinkedHashMap<>();
    private long next = 1;

    public Jobs(Supplier<Site> site, Store store, Path dataDir, Supplier<Optional<Instant>> openWindowFrom, RestoreJob restore,
                AuditTrail audit, Clock clock) {
        this.site = site;
        this.restore = restore;
        this.store = store;
        this.dataDir = dataDir;
        this.openWindowFrom = openWindowFrom;
        this.audit = audit;
        this.clock = clock;
        this.runner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tanhe-jobs");
            t.setDaemon(true);
            return t;
        });
    }

    /** What a person asks for. */
    public sealed interface Request {
        /** Recompute every closed day from {@code from} to {@code to} (local days, both included). */
        record Recompute(LocalDate from, LocalDate to) implements Request {
        }

        /** Export readings or results ({@code results}) measured in {@code range} as {@code format}. */
        record Export(boolean results, TimeRange range, TransferFormat format) implements Request {
        }

        /** Import readings or results from {@code DATA/imports/file}. */
        record Import(boolean results, String file) implements Request {
        }

        /** A consistent copy of the store into a folder of its own in {@code DATA/backups} ({@code 20260601-080000Z-job7}). */
        record Backup() implements Request {
        }

        /**
         * Replace the store with the backup in folder {@code backup} of {@code DATA/backups}: checked, the current store
         * and its audit archived, then applied by a restart ({@link RestoreJob}).
         */
        record Restore(String backup) implements Request {
        }
    }

    /** A started job, and whether it is an identical one started before. */
    public record Started(Job.Snapshot job, boolean existing) {
    }

    /**
     * Starts {@code request} as {@code actor}.
     *
     * @throws OperationRefused naming the field at fault: a day range outside the closed days, a file name, a
     *                          file that is not there
     */
    public synchronized Started start(Actor actor, Request request) {
        if (io.tanhe.server.terminal.RestoreOrder.pendingIn(dataDir)) {
            throw new OperationRefused(OperationRefused.Reason.CONFLICT, "kind", "a restore is ordered and the terminal is"
                    + " restarting to apply it; start jobs once it is back");
        }
        String what = describe(request);
        for (Job j : jobs.values()) {
            if (j.what().equals(what) && !j.snapshot().ended()) {
                return new Started(j.snapshot(), true);
            }
        }
        Work work = switch (request) {
            case Request.Recompute r -> recompute(r);
            case Request.Export e -> export(e);
            case Request.Import i -> importing(i);
            case Request.Backup b -> job -> {
                job.progress(0, "copying the store");
                // a folder per backup: the store never overwrites one, so a second backup into the same folder would fail
                String stamp = java.time.format.DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC)
                        .format(clock.instant());
                Path dir = store.backup(Files.createDirectories(dataDir.resolve("backups").resolve(stamp + "Z-job" + job.id())));
                job.file(dir);
                return "backup in " + dir;
            };
            case Request.Restore r -> restore.work(actor, r.backup());
        };
        Job job = new Job(next++, kind(request), what, actor.name(), clock.instant());
        jobs.put(job.id(), job);
        while (jobs.size() > KEPT) {
            Long oldest = jobs.values().stream().filter(j -> j.snapshot().ended()).map(Job::id).findFirst().orElse(null);
            if (oldest == null) {
                break;
            }
            jobs.remove(oldest);
        }
        record(actor, "job.start", job, AuditOutcome.SUCCESS, what);
        runner.execute(() -> run(actor, job, work));
        return new Started(job.snapshot(), false);
    }

    /** The largest file {@link #upload} takes. */
    public static final long MAX_UPLOAD = 64L * 1024 * 1024;

    /**
     * Takes an uploaded import file: writes {@code body} (at most {@link #MAX_UPLOAD} bytes) to {@code DATA/imports/name},
     * checks it whole as the import will (every row parses; a reading contradicts no stored one), then starts its import
     * job. A file that fails the check is not kept and nothing is stored; the refusal lists the bad rows by line. Sending
     * the same file again under its name starts (or answers) the same import; a different file under a name already
     * taken is refused, so an import file is never replaced under a job that may read it.
     *
     * @throws OperationRefused naming {@code name} (not a plain .csv/.json file name; taken by another file, 409),
     *                          {@code body} (empty, too large, bad rows)
     */
    public Started upload(Actor actor, boolean results, String name, InputStream body) {
        if (name == null || !FILE_NAME.matcher(name).matches()) {
            throw OperationRefused.badInput("name", "`" + name + "` is not a plain file name (letters, digits, . _ -, ending .csv or"
                    + " .json, as tanhe store export writes them; no directories)");
        }
        Path imports;
        Path part;
        try {
            imports = Files.createDirectories(dataDir.resolve("imports"));
            part = Files.createTempDirectory(imports, ".upload-");
        } catch (IOException e) {
            throw new OperationRefused(OperationRefused.Reason.UNAVAILABLE, "body", "cannot write to " + dataDir.resolve("imports")
                    + ": " + e.getMessage());
        }
        Path file = part.resolve(name);
        try {
            long size = copyAtMost(body, file);
            if (size == 0) {
                throw OperationRefused.badInput("body", "the body is empty; send the file's bytes (Content-Type text/csv,"
                        + " application/json or application/octet-stream)");
            }
            long rows;
            try {
                StoreImport check = new StoreImport(store);
                rows = results ? check.checkResults(file) : check.checkReadings(file);
            } catch (ImportException e) {
                String problems = String.join("; ", e.problems());
                record(actor, "import.upload", name, AuditOutcome.FAILURE, problems);
                throw OperationRefused.badInput("body", name + " has bad rows, nothing was kept or imported: " + problems);
            }
            Path target = imports.resolve(name);
            synchronized (this) {
                if (Files.exists(target) && Files.mismatch(target, file) != -1) {
                    throw new OperationRefused(OperationRefused.Reason.CONFLICT, "name", "DATA/imports already holds another file named "
                            + name + "; send it under a new name");
                }
                Files.move(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            record(actor, "import.upload", name, AuditOutcome.SUCCESS, size + " bytes, " + rows + " row(s) of " + (results ? "results" : "readings"));
            return start(actor, new Request.Import(results, name));
        } catch (IOException e) {
            throw new OperationRefused(OperationRefused.Reason.UNAVAILABLE, "body", "the upload could not be stored: " + e.getMessage());
        } finally {
            deleteQuietly(file);
            deleteQuietly(part);
        }
    }

    /** Copies {@code in} to {@code file}; refuses (400, {@code body}) past {@link #MAX_UPLOAD} bytes. */
    private static long copyAtMost(InputStream in, Path file) throws IOException {
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > MAX_UPLOAD) {
                    throw OperationRefused.badInput("body", "the file has more than " + MAX_UPLOAD / (1024 * 1024) + " MiB; split it,"
                            + " or copy it to DATA/imports on the machine and start the import job with its name");
                }
                out.write(buffer, 0, n);
            }
        }
        return total;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("could not remove {}: {}", p, e.toString());
        }
    }

    /** Every job kept (the last {@value #KEPT}), newest first. */
    public synchronized List<Job.Snapshot> list() {
        List<Job.Snapshot> out = new ArrayList<>(jobs.values().stream().map(Job::snapshot).toList());
        out.sort(Comparator.comparingLong(Job.Snapshot::id).reversed());
        return out;
    }

    /** One job; 404 naming {@code id} when there is none. */
    public synchronized Job.Snapshot get(long id) {
        return job(id).snapshot();
    }

    /**
     * Asks job {@code id} to stop at its next step. Cancelling a job that has ended changes nothing and answers it.
     */
    public Job.Snapshot cancel(Actor actor, long id) {
        Job job;
        synchronized (this) {
            job = job(id);
        }
        if (job.requestCancel()) {
            record(actor, "job.cancel", job, AuditOutcome.SUCCESS, job.what());
        }
        return job.snapshot();
    }

    private Job job(long id) {
        Job j = jobs.get(id);
        if (j == null) {
            throw new OperationRefused(OperationRefused.Reason.NOT_FOUND, "id", "no job " + id + "; GET /api/jobs lists them");
        }
        return j;
    }

    @FunctionalInterface
    interface Work {
        String run(Job job) throws Exception;
    }

    private void run(Actor actor, Job job, Work work) {
        if (job.snapshot().state() == Job.State.QUEUED) {
            try {
                job.checkCancelled();
                job.running();
                String outcome = work.run(job);
                job.end(Job.State.DONE, outcome, clock.instant());
            } catch (Job.Cancelled e) {
                job.end(Job.State.CANCELLED, "cancelled at " + Math.round(job.snapshot().progress() * 100) + " %", clock.instant());
            } catch (Exception e) {
                LOG.warn("job {} ({}) failed: {}", job.id(), job.what(), e.toString());
                job.end(Job.State.FAILED, e.getMessage() == null ? e.toString() : e.getMessage(), clock.instant());
            }
        }
        Job.Snapshot s = job.snapshot();
        record(actor, "job.end", job, s.state() == Job.State.DONE ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE,
                s.state() + ": " + s.outcome());
    }

    private Work recompute(Request.Recompute r) {
        if (r.to().isBefore(r.from())) {
            throw OperationRefused.badInput("to", "`to` (" + r.to() + ") is before `from` (" + r.from() + ")");
        }
        Instant window = openWindowFrom.get().orElseThrow(() -> OperationRefused.badInput("from",
                "the terminal has no data yet: there is no closed day to recompute"));
        LocalDate open = window.atZone(site.get().zone()).toLocalDate();
        if (!r.to().isBefore(open)) {
            throw OperationRefused.badInput("to", "the days from " + open + " are still open (results are written as readings"
                    + " arrive); recompute closed days only: `to` at most " + open.minusDays(1));
        }
        if (r.from().plusDays(3660).isBefore(r.to())) {
            throw OperationRefused.badInput("from", "at most ten years at once");
        }
        return job -> {
            DayRecompute days = new DayRecompute(site.get(), store, clock);
            long total = r.from().datesUntil(r.to().plusDays(1)).count();
            int done = 0;
            int revised = 0;
            int added = 0;
            for (LocalDate d = r.from(); !d.isAfter(r.to()); d = d.plusDays(1)) {
                job.checkCancelled();
                job.progress((double) done / total, "recomputing " + d);
                DayOutcome o = days.run(d, List.of(), "recompute of " + r.from() + " … " + r.to() + " asked by an operator");
                revised += o.revised();
                added += o.added();
                done++;
            }
            return done + " day(s) recomputed: " + revised + " figure(s) revised, " + added + " added";
        };
    }

    private Work export(Request.Export e) {
        return job -> {
            Path dir = Files.createDirectories(dataDir.resolve("exports"));
            String ext = e.format().name().toLowerCase(java.util.Locale.ROOT);
            Path file = dir.resolve((e.results() ? "results" : "readings") + "-job" + job.id() + "." + ext);
            StoreExport export = new StoreExport(store);
            long rows;
            try (OutputStream out = new ProgressStream(Files.newOutputStream(file), job)) {
                rows = e.results()
                        ? export.results(ResultFilter.of(e.range()), e.format(), out)
                        : export.readings(ReadingFilter.of(e.range()), e.format(), out);
            } catch (RuntimeException x) {
                Files.deleteIfExists(file);
                throw x;
            }
            job.file(file);
            return rows + " row(s) in " + file.getFileName() + " (GET /api/jobs/" + job.id() + "/file)";
        };
    }

    private Work importing(Request.Import i) {
        if (!FILE_NAME.matcher(i.file()).matches()) {
            throw OperationRefused.badInput("file", "`" + i.file() + "` is not a file name of DATA/imports (letters, digits, . _ -,"
                    + " ending .csv or .json; no directories)");
        }
        Path file = dataDir.resolve("imports").resolve(i.file());
        if (!Files.isRegularFile(file)) {
            throw OperationRefused.badInput("file", "no file " + i.file() + " in " + dataDir.resolve("imports")
                    + "; copy it there first (tanhe store export writes this format)");
        }
        return job -> {
            job.progress(0, "checking and importing " + i.file());
            ImportReport r = i.results() ? new StoreImport(store).results(file) : new StoreImport(store).readings(file);
            return r.rows() + " row(s): " + r.stored() + " stored, " + r.revised() + " revised, " + r.unchanged() + " unchanged";
        };
    }

    /** Counts an export's bytes as its only sign of life, and stops it when cancelled. */
    private static final class ProgressStream extends java.io.FilterOutputStream {
        private final Job job;
        private long bytes;

        ProgressStream(OutputStream out, Job job) {
            super(out);
            this.job = job;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            job.checkCancelled();
            out.write(b, off, len);
            bytes += len;
            job.progress(0, bytes / 1024 + " KiB written");
        }
    }

    private static String kind(Request r) {
        return switch (r) {
            case Request.Recompute x -> "recompute";
            case Request.Export x -> "export";
            case Request.Import x -> "import";
            case Request.Backup x -> "backup";
            case Request.Restore x -> "restore";
        };
    }

    private static String describe(Request r) {
        return switch (r) {
            case Request.Recompute x -> "recompute " + x.from() + " … " + x.to();
            case Request.Export x -> "export " + (x.results() ? "results " : "readings ") + x.range() + " as "
                    + x.format().name().toLowerCase(java.util.Locale.ROOT);
            case Request.Import x -> "import " + (x.results() ? "results" : "readings") + " from " + x.file();
            case Request.Backup x -> "backup";
            case Request.Restore x -> "restore from " + x.backup();
        };
    }

    private void record(Actor actor, String type, Job job, AuditOutcome outcome, String detail) {
        record(actor, type, "job " + job.id(), outcome, detail);
    }

    private void record(Actor actor, String type, String target, AuditOutcome outcome, String detail) {
        audit.record(new AuditEvent(clock.instant(), actor.name(), actor.role(), actor.source(), type, target, outcome,
                detail.length() > 1500 ? detail.substring(0, 1500) + "…" : detail));
    }

    /** Stops the job thread (the terminal is closing); a running job is interrupted. */
    @Override
    public void close() {
        runner.shutdownNow();
    }
}
