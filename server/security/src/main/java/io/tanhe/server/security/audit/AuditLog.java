package io.tanhe.server.security.audit;

import io.tanhe.server.security.identity.DeviceIdentity;
import io.tanhe.server.security.crypto.Sm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The terminal's audit (§7.4.1.3), kept in the store's database: every event appended as an entry whose
 * SM3 hash covers the entry before it, with a checkpoint signed by the device's SM2 key every
 * {@link AuditSettings#checkpointEvery} entries. Entries are never deleted one by one: retention removes
 * whole segments older than the retention period (never below six months) up to a signed checkpoint,
 * which the chain then continues from; the auditor may wipe everything, which starts a new chain whose
 * first entry records the wipe and the old chain's head. Reads, exports, verifications and wipes are
 * audited themselves.
 *
 * <p>{@link #record} returns after a durable commit; a kill at any moment leaves a verifiable chain (the
 * entry being written is either all there or not at all). Thread-safe.
 */
public final class AuditLog implements AuditTrail, AutoCloseable {
    /** The role that may wipe the audit. */
    public static final String AUDITOR_ROLE = "auditor";

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final String COLUMNS = "seq, chain_no, at_ms, user_name, role_name, source, event_type, target, outcome,"
            + " detail, prev_hash, entry_hash";
    private static final String INSERT = "INSERT INTO audit_entry (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final int RETRIES = 3;
    private static final int DELETE_BATCH = 1000;

    private final Supplier<Connection> connections;
    private final DeviceIdentity identity;
    private final Clock clock;
    private final AuditSettings settings;
    private Connection connection;
    private Head head;

    /** The last entry and checkpoint, as this process last wrote or read them. */
    private record Head(int chain, long seq, String hash, long checkpointSeq, long checkpointAtMillis) {
    }

    private AuditLog(Supplier<Connection> connections, DeviceIdentity identity, Clock clock, AuditSettings settings) {
        this.connections = connections;
        this.identity = identity;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * Opens the audit in the database {@code connections} reaches (e.g. {@code store::connect}), creating its
     * tables when absent.
     *
     * @param clock the device clock: entries carry its time
     */
    public static AuditLog open(Supplier<Connection> connections, DeviceIdentity identity, Clock clock, AuditSettings settings) {
        AuditLog log = new AuditLog(connections, identity, clock, settings);
        synchronized (log) {
            log.inTransaction("opening the audit", c -> {
                AuditSchema.ensure(c);
                if (AuditChain.read(c).isEmpty()) {
                    AuditChain.start(c, new AuditChain(1, clock.millis(), 1, AuditCanonical.ZERO_HASH, 1));
                }
                log.head = readHead(c);
                return null;
            });
        }
        return log;
    }

    /** The device identity whose key signs the checkpoints. */
    public DeviceIdentity identity() {
        return identity;
    }

    @Override
    public synchronized void record(AuditEvent event) {
        AuditEvent fitted = fit(event);
        for (int attempt = 1; ; attempt++) {
            try {
                inTransaction("recording an audit event", c -> {
                    Head h = head;
                    long seq = h.seq() + 1;
                    String hash = AuditCanonical.entryHash(h.hash(), seq, h.chain(), fitted);
                    insert(c, new AuditEntry(seq, h.chain(), fitted, h.hash(), hash));
                    Head next = new Head(h.chain(), seq, hash, h.checkpointSeq(), h.checkpointAtMillis());
                    if (seq - h.checkpointSeq() >= settings.checkpointEvery()
                            || clock.millis() - h.checkpointAtMillis() >= settings.checkpointAfter().toMillis()) {
                        next = checkpoint(c, next);
                    }
                    c.commit();
                    head = next;
                    return null;
                });
                return;
            } catch (AuditException e) {
                // another writer (another process on a shared database) took the number: read the head again
                if (attempt >= RETRIES || !(e.getCause() instanceof SQLException)) {
                    throw e;
                }
                inTransaction("re-reading the audit head", c -> {
                    head = readHead(c);
                    return null;
                });
            }
        }
    }

    /** The chain's head now, as {@code seq:hash} (the hash of its last entry): names the chain's state in another record. */
    public synchronized String head() {
        return head.seq() + ":" + head.hash();
    }

    /** Signs a checkpoint at the current head now, unless the head has one. */
    public synchronized void checkpoint() {
        if (head.checkpointSeq() >= head.seq() || head.seq() < 1) {
            return;
        }
        inTransaction("signing an audit checkpoint", c -> {
            Head next = checkpoint(c, head);
            c.commit();
            head = next;
            return null;
        });
    }

    /** One page of the entries {@code query} selects; the read is audited as {@code audit.query}. */
    public AuditPage query(AuditQuery query, AuditActor by) {
        AuditPage page = inTransaction("querying the audit", c -> {
            List<AuditEntry> entries = new ArrayList<>();
            AuditSql sql = AuditSql.select(query);
            try (PreparedStatement p = sql.prepare(c, "SELECT " + COLUMNS + " FROM audit_entry")) {
                p.setMaxRows((int) Math.min((long) query.offset() + query.limit(), Integer.MAX_VALUE));
                try (ResultSet rs = p.executeQuery()) {
                    int skipped = 0;
                    while (rs.next()) {
                        if (skipped++ < query.offset()) {
                            continue;
                        }
                        entries.add(entry(rs));
                    }
                }
            }
            long total;
            try (PreparedStatement p = sql.prepareCount(c); ResultSet rs = p.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
            return new AuditPage(entries, total, query.offset());
        });
        record(event(by, "audit.query", "audit", AuditOutcome.SUCCESS, query.describe() + " offset=" + query.offset()
                + " limit=" + query.limit() + " returned=" + page.entries().size() + " of " + page.total()));
        return page;
    }

    /**
     * Writes every entry {@code query} selects (its paging ignored) to {@code out}; audited as
     * {@code audit.export}.
     *
     * @return how many entries were written
     */
    public long export(AuditQuery query, AuditExport.Format format, Writer out, AuditActor by) {
        long written = inTransaction("exporting the audit", c -> {
            AuditSql sql = AuditSql.select(query);
            try (PreparedStatement p = sql.prepare(c, "SELECT " + COLUMNS + " FROM audit_entry")) {
                p.setFetchSize(500);
                try (ResultSet rs = p.executeQuery(); AuditExport export = AuditExport.start(format, out)) {
                    long n = 0;
                    while (rs.next()) {
                        export.write(entry(rs));
                        n++;
                    }
                    return n;
                } catch (IOException e) {
                    throw new AuditException("cannot write the audit export: " + e.getMessage(), e);
                }
            }
        });
        record(event(by, "audit.export", "audit", AuditOutcome.SUCCESS, "format=" + format.name().toLowerCase(java.util.Locale.ROOT)
                + " " + query.describe() + " entries=" + written));
        return written;
    }

    /** Checks the chain and its signed checkpoints; audited as {@code audit.verify} with the result. */
    public AuditVerification verify(AuditActor by) {
        AuditVerification result = verifyQuietly();
        record(event(by, "audit.verify", "audit", result.intact() ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE, result.summary()));
        return result;
    }

    /** Checks the chain without recording the check (for tests and for a start-up check that records its own event). */
    public synchronized AuditVerification verifyQuietly() {
        return inTransaction("verifying the audit", c -> new AuditVerifier(c, identity.publicKey(), clock.instant(),
                settings.retention()).run());
    }

    /**
     * Removes everything and starts a new chain whose first entry ({@code audit.wipe}) records the old chain's
     * number, range and head hash, and whose hashes continue from that head. Only the auditor may; a refusal
     * is audited and thrown.
     *
     * @throws AuditDenied when {@code by} is not in {@link #AUDITOR_ROLE}
     */
    public synchronized AuditEntry wipe(AuditActor by) {
        if (!AUDITOR_ROLE.equals(by.role())) {
            record(event(by, "audit.wipe", "audit", AuditOutcome.DENIED, "only the " + AUDITOR_ROLE + " may wipe the audit"));
            throw new AuditDenied("only the " + AUDITOR_ROLE + " may wipe the audit; " + by.user() + " acts as " + by.role());
        }
        AuditEntry first = inTransaction("wiping the audit", c -> {
            Head old = head;
            AuditChain chain = AuditChain.read(c).orElseThrow();
            long count;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM audit_entry")) {
                rs.next();
                count = rs.getLong(1);
            }
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM audit_entry");
                s.executeUpdate("DELETE FROM audit_checkpoint");
                s.executeUpdate("DELETE FROM audit_chain");
            }
            int newChain = old.chain() + 1;
            long seq = old.seq() + 1;
            AuditChain.start(c, new AuditChain(newChain, clock.millis(), seq, old.hash(), seq));
            AuditEvent wipe = fit(event(by, "audit.wipe", "audit", AuditOutcome.SUCCESS, "wiped chain " + old.chain()
                    + ": entries #" + chain.keptSeq() + "..#" + old.seq() + " (" + count + "), head hash " + old.hash()));
            AuditEntry entry = new AuditEntry(seq, newChain, wipe, old.hash(), AuditCanonical.entryHash(old.hash(), seq, newChain, wipe));
            insert(c, entry);
            Head next = checkpoint(c, new Head(newChain, seq, entry.hash(), 0, clock.millis()));
            c.commit();
            head = next;
            return entry;
        });
        LOG.warn("audit wiped by {} ({}) from {}: {}", by.user(), by.role(), by.source(), first.event().detail());
        return first;
    }

    /**
     * Removes the segments older than the retention period: every entry up to the newest signed checkpoint
     * older than the cut, when every entry up to it is older too. The chain then continues from that
     * checkpoint. Audited as {@code audit.retention} when something was removed.
     *
     * @return how many entries were removed
     */
    public synchronized long applyRetention() {
        Instant now = clock.instant();
        long cutMillis = now.atOffset(ZoneOffset.UTC).minus(settings.retention()).toInstant().toEpochMilli();
        long[] removed = {0, 0, 0};
        inTransaction("applying audit retention", c -> {
            AuditChain chain = AuditChain.read(c).orElseThrow();
            long boundary = -1;
            try (PreparedStatement p = c.prepareStatement("SELECT MAX(seq) FROM audit_checkpoint WHERE chain_no = ? AND at_ms < ?"
                    + " AND seq >= ?")) {
                p.setInt(1, chain.chain());
                p.setLong(2, cutMillis);
                p.setLong(3, chain.keptSeq());
                try (ResultSet rs = p.executeQuery()) {
                    if (rs.next()) {
                        boundary = rs.getLong(1);
                        boundary = rs.wasNull() ? -1 : boundary;
                    }
                }
            }
            if (boundary < chain.keptSeq() || boundary >= head.seq()) {
                return null;
            }
            try (PreparedStatement p = c.prepareStatement("SELECT MAX(at_ms) FROM audit_entry WHERE seq <= ?")) {
                p.setLong(1, boundary);
                try (ResultSet rs = p.executeQuery()) {
                    if (rs.next() && rs.getLong(1) >= cutMillis) {
                        LOG.warn("audit retention skipped: entries up to #{} include one younger than {} (the clock went back?)",
                                boundary, Instant.ofEpochMilli(cutMillis));
                        return null;
                    }
                }
            }
            // first move the chain's start (one commit), then delete: a crash in between leaves old entries the
            // verifier skips, never a chain that starts at an entry that is gone
            AuditChain.keepFrom(c, chain.chain(), boundary + 1);
            c.commit();
            removed[1] = chain.keptSeq();
            removed[2] = boundary;
            return null;
        });
        if (removed[2] == 0) {
            return 0;
        }
        for (long from = removed[1]; from <= removed[2]; from += DELETE_BATCH) {
            long lo = from;
            long hi = Math.min(removed[2], from + DELETE_BATCH - 1);
            removed[0] += inTransaction("removing old audit entries", c -> {
                int n;
                try (PreparedStatement p = c.prepareStatement("DELETE FROM audit_entry WHERE seq >= ? AND seq <= ?")) {
                    p.setLong(1, lo);
                    p.setLong(2, hi);
                    n = p.executeUpdate();
                }
                c.commit();
                return (long) n;
            });
        }
        inTransaction("removing old audit checkpoints", c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM audit_checkpoint WHERE seq < ?")) {
                p.setLong(1, removed[2]);
                p.executeUpdate();
            }
            c.commit();
            return null;
        });
        record(new AuditEvent(now, "system", "-", "local", "audit.retention", "audit", AuditOutcome.SUCCESS,
                "removed entries #" + removed[1] + "..#" + removed[2] + " (" + removed[0] + ") older than "
                        + Instant.ofEpochMilli(cutMillis) + "; the chain continues from the signed checkpoint at #" + removed[2]));
        return removed[0];
    }

    /** Signs a checkpoint at the head and closes the connection. */
    @Override
    public synchronized void close() {
        try {
            checkpoint();
        } catch (AuditException e) {
            LOG.warn("audit: no closing checkpoint: {}", e.getMessage());
        }
        closeConnection();
    }

    private AuditEvent event(AuditActor by, String type, String target, AuditOutcome outcome, String detail) {
        return new AuditEvent(clock.instant(), by.user(), by.role(), by.source(), type, target, outcome, detail);
    }

    private Head checkpoint(Connection c, Head h) throws SQLException {
        long at = clock.millis();
        byte[] signature = identity.signer().sign(AuditCanonical.checkpoint(h.seq(), h.chain(), h.hash(), at));
        try (PreparedStatement p = c.prepareStatement("INSERT INTO audit_checkpoint (seq, chain_no, entry_hash, at_ms, key_id,"
                + " signature) VALUES (?, ?, ?, ?, ?, ?)")) {
            p.setLong(1, h.seq());
            p.setInt(2, h.chain());
            p.setString(3, h.hash());
            p.setLong(4, at);
            p.setString(5, identity.fingerprint());
            p.setString(6, Sm.hex(signature));
            p.executeUpdate();
        }
        return new Head(h.chain(), h.seq(), h.hash(), h.seq(), at);
    }

    private static void insert(Connection c, AuditEntry e) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(INSERT)) {
            p.setLong(1, e.seq());
            p.setInt(2, e.chain());
            p.setLong(3, e.event().at().toEpochMilli());
            p.setString(4, e.event().user());
            p.setString(5, e.event().role());
            p.setString(6, e.event().source());
            p.setString(7, e.event().type());
            p.setString(8, e.event().target());
            p.setString(9, e.event().outcome().name());
            p.setString(10, e.event().detail());
            p.setString(11, e.prevHash());
            p.setString(12, e.hash());
            p.executeUpdate();
        }
    }

    static AuditEntry entry(ResultSet rs) throws SQLException {
        AuditEvent event = new AuditEvent(Instant.ofEpochMilli(rs.getLong("at_ms")), rs.getString("user_name"),
                rs.getString("role_name"), rs.getString("source"), rs.getString("event_type"), rs.getString("target"),
                outcome(rs.getString("outcome")), rs.getString("detail"));
        return new AuditEntry(rs.getLong("seq"), rs.getInt("chain_no"), event, rs.getString("prev_hash"), rs.getString("entry_hash"));
    }

    /** An outcome as stored; a value edited into something else reads as FAILURE (verification reports the edit). */
    private static AuditOutcome outcome(String stored) {
        try {
            return AuditOutcome.valueOf(stored);
        } catch (IllegalArgumentException | NullPointerException e) {
            return AuditOutcome.FAILURE;
        }
    }

    /** The event cut to the column sizes, at millisecond precision: what is stored is exactly what is hashed. */
    private static AuditEvent fit(AuditEvent e) {
        return new AuditEvent(Instant.ofEpochMilli(e.at().toEpochMilli()), cut(e.user(), AuditSchema.NAME_MAX),
                cut(e.role(), AuditSchema.NAME_MAX), cut(e.source(), AuditSchema.NAME_MAX), cut(e.type(), AuditSchema.TYPE_MAX),
                cut(e.target(), AuditSchema.TARGET_MAX), e.outcome(), cut(e.detail(), AuditSchema.DETAIL_MAX));
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static Head readHead(Connection c) throws SQLException {
        AuditChain chain = AuditChain.read(c).orElseThrow();
        long cpSeq = 0;
        long cpAt = chain.startedMillis(); // a new chain's first checkpoint is due by count or by age from its start
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT seq, at_ms FROM audit_checkpoint WHERE seq = (SELECT MAX(seq) FROM audit_checkpoint)")) {
            if (rs.next()) {
                cpSeq = rs.getLong(1);
                cpAt = rs.getLong(2);
            }
        }
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT seq, entry_hash FROM audit_entry WHERE seq = (SELECT MAX(seq) FROM audit_entry)")) {
            if (rs.next()) {
                return new Head(chain.chain(), rs.getLong(1), rs.getString(2), cpSeq, cpAt);
            }
        }
        return new Head(chain.chain(), chain.firstSeq() - 1, chain.genesisHash(), cpSeq, cpAt);
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} on the held connection; rolls back what it did not commit; a failed connection is dropped. */
    private synchronized <T> T inTransaction(String what, Work<T> work) {
        try {
            if (connection == null || connection.isClosed()) {
                connection = connections.get();
                connection.setAutoCommit(false);
            }
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            closeConnection();
            throw new AuditException(what + " failed: " + e.getMessage() + " (SQLState " + e.getSQLState() + ")", e);
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("closing the audit connection: {}", e.getMessage());
            }
            connection = null;
        }
    }
}
