package io.tanhe.server.terminal;

import io.tanhe.server.security.audit.AuditEvent;
import io.tanhe.server.security.audit.AuditOutcome;
import io.tanhe.server.security.audit.AuditTrail;
import io.tanhe.server.store.StoreException;
import io.tanhe.server.store.jdbc.Engine;
import io.tanhe.server.store.jdbc.JdbcStore;
import io.tanhe.server.store.jdbc.StoreSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * A restore of the store ordered on a running terminal and applied at its next start, before the store is opened
 * ({@code DATA/restore.order}; docs/operations.md "Restore of a running terminal"). The order names the backup, the
 * archive that holds the replaced store and its audit, the replaced chain's head and who asked. It is written durably
 * (a temporary file, fsync, rename, fsync of the directory) and removed only after the restored store holds the
 * {@code store.restore} audit entry: a start that dies while applying it (a power cut, kill -9) leaves it in place and
 * the next start applies it again from the beginning, so the store is never left half restored.
 *
 * @param backup      the backup's directory (absolute)
 * @param archive     where the replaced store and its audit export were put (absolute)
 * @param auditHead   the replaced chain's head when it was archived ({@code seq:hash})
 * @param job         the job that ordered it
 * @param orderedBy   who asked
 * @param role        their role
 * @param source      where from (an address)
 * @param orderedAt   when
 */
public record RestoreOrder(Path backup, Path archive, String auditHead, long job, String orderedBy, String role,
                           String source, Instant orderedAt) {
    private static final Logger LOG = LoggerFactory.getLogger(RestoreOrder.class);

    /** The order's file name in the data directory. */
    public static final String FILE = "restore.order";

    public RestoreOrder {
        Objects.requireNonNull(backup, "backup");
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(auditHead, "auditHead");
        Objects.requireNonNull(orderedBy, "orderedBy");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(orderedAt, "orderedAt");
    }

    /** Whether {@code dataDir} holds an order not applied yet. */
    public static boolean pendingIn(Path dataDir) {
        return Files.exists(dataDir.resolve(FILE));
    }

    /**
     * The order {@code dataDir} holds, if any.
     *
     * @throws IllegalStateException when the file cannot be read or lacks a field: the terminal must not start over a
     *                               store it was told to replace
     */
    public static Optional<RestoreOrder> pending(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
            return Optional.of(new RestoreOrder(Path.of(field(p, file, "backup")), Path.of(field(p, file, "archive")),
                    field(p, file, "auditHead"), Long.parseLong(field(p, file, "job")), field(p, file, "orderedBy"),
                    field(p, file, "role"), field(p, file, "source"), Instant.parse(field(p, file, "orderedAt"))));
        } catch (IOException | NumberFormatException | DateTimeParseException e) {
            throw new IllegalStateException(file + " (a restore ordered on this terminal) cannot be read: " + e.getMessage()
                    + "; restore by hand with `tanhe store restore BACKUP --store " + dataDir + "` and remove the file, or remove"
                    + " it to keep the current store", e);
        }
    }

    private static String field(Properties p, Path file, String name) {
        String v = p.getProperty(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException(file + " has no `" + name + "`; it is not an order this terminal wrote");
        }
        return v;
    }

    /** Writes the order into {@code dataDir} durably: once this returns, the next start applies it. */
    public void write(Path dataDir) throws IOException {
        Properties p = new Properties();
        p.setProperty("backup", backup.toString());
        p.setProperty("archive", archive.toString());
        p.setProperty("auditHead", auditHead);
        p.setProperty("job", Long.toString(job));
        p.setProperty("orderedBy", orderedBy);
        p.setProperty("role", role);
        p.setProperty("source", source);
        p.setProperty("orderedAt", orderedAt.toString());
        StringWriter text = new StringWriter();
        p.store(text, "a restore of the store, applied at the next start (docs/operations.md)");
        Path temp = dataDir.resolve(FILE + ".part");
        try (FileChannel c = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            c.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
            c.force(true);
        }
        Files.move(temp, dataDir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(dataDir);
    }

    /**
     * Replaces the store {@code settings} names with the backup and opens it ({@link JdbcStore#restore}, as
     * {@code tanhe store restore} does). Applying it again after a crash starts over from the backup.
     */
    public JdbcStore apply(StoreSettings settings) {
        LOG.info("restore ordered by {} (job {}) at {}: replacing the store with {}", orderedBy, job, orderedAt, backup);
        if (settings.engine() == Engine.SQLITE) {
            keepFinalStore(settings.directory().resolve(Engine.SQLITE_FILE));
        }
        return JdbcStore.restore(backup, settings.withEngine(engineOf(backup, settings)));
    }

    /**
     * Copies the SQLite store as the terminal left it into {@code archive/store-at-restart}: the job's archive was
     * taken a moment before the terminal stopped, and what was stored in between is kept here. Only the first attempt
     * copies it; a later one (after a crash mid-apply) would copy a half-restored file.
     */
    private void keepFinalStore(Path file) {
        Path target = archive.resolve("store-at-restart");
        if (Files.exists(target) || !Files.isRegularFile(file)) {
            return;
        }
        try {
            Path part = Files.createDirectories(archive.resolve("store-at-restart.part"));
            for (String suffix : new String[]{"", "-wal"}) {
                Path from = Path.of(file + suffix);
                if (Files.isRegularFile(from)) {
                    Files.copy(from, part.resolve(Engine.SQLITE_FILE + suffix), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StoreException("cannot keep the store as it was stopped in " + target + " before restoring: "
                    + e.getMessage() + "; free space there, the next start tries again", e);
        }
    }

    /**
     * Records the restore in the restored store's audit chain, then removes the order: from here on the start
     * continues as any other.
     */
    public void complete(Path dataDir, AuditTrail audit, Instant now) throws IOException {
        audit.record(new AuditEvent(now, orderedBy, role, source, "store.restore", "store", AuditOutcome.SUCCESS,
                "restored from " + backup + " by the order of job " + job + " (" + orderedAt + "); the replaced store and"
                        + " its audit are in " + archive + ", the replaced audit chain's head " + auditHead));
        Files.deleteIfExists(dataDir.resolve(FILE));
        syncDirectory(dataDir);
        LOG.info("restore applied: the store is {}; the replaced one is archived in {}", backup, archive);
    }

    /**
     * The engine of a backup: Derby's online backup holds {@code service.properties}; every other backup is a
     * SQLite file. A PostgreSQL store takes its SQLite backup.
     *
     * @throws StoreException when the backup is not one the store can take
     */
    public static Engine engineOf(Path backup, StoreSettings settings) {
        Engine kind = Files.isRegularFile(backup.resolve("service.properties")) ? Engine.DERBY : Engine.SQLITE;
        if (kind == Engine.SQLITE && !Files.isRegularFile(backup.resolve(Engine.SQLITE_FILE))) {
            throw new StoreException(backup + " holds no " + Engine.SQLITE_FILE + " nor a Derby backup: it is not a folder the"
                    + " backup job or `tanhe store backup` wrote");
        }
        if (settings.engine() == Engine.POSTGRESQL && kind == Engine.SQLITE) {
            return Engine.POSTGRESQL;
        }
        if (kind != settings.engine()) {
            throw new StoreException(backup + " is a " + kind + " backup but the store is " + settings.engine()
                    + "; a restore takes a backup of the same engine");
        }
        return kind;
    }

    private static void syncDirectory(Path dir) throws IOException {
        // a rename or delete is durable only once the directory is on disk (not possible on every file system)
        try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
            c.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("could not sync {}: {}", dir, e.toString());
        }
    }
}
