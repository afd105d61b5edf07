package io.tanhe.server.security.audit;

import io.tanhe.server.security.crypto.Sm;
import io.tanhe.server.security.identity.DeviceIdentity;
import io.tanhe.server.security.identity.Sm2Signer;

import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Walks the chain in entry order and names the first entry that is not as written: missing (deleted),
 * inserted, changed (its content no longer gives its hash), out of place (its link to the entry before is
 * wrong), or rewritten with recomputed hashes (a signed checkpoint signs another hash). Entries a retention
 * pass is still removing (before the chain's kept start) are skipped.
 */
final class AuditVerifier {
    private final Connection c;
    private final PublicKey key;
    private final String keyId;
    private final Instant now;
    private final Period retention;

    private record Checkpoint(long seq, int chain, String hash, long atMillis, String keyId, String signature) {
    }

    /** Thrown inside the walk at the first problem. */
    private static final class Broken extends Exception {
        final long seq;

        Broken(long seq, String message) {
            super(message, null, false, false);
            this.seq = seq;
        }
    }

    AuditVerifier(Connection c, PublicKey key, Instant now, Period retention) {
        this.c = c;
        this.key = key;
        this.keyId = DeviceIdentity.fingerprint(key);
        this.now = now;
        this.retention = retention;
    }

    AuditVerification run() throws SQLException {
        AuditChain chain = AuditChain.read(c).orElseThrow(() -> new SQLException("the audit has no chain row (audit_chain is empty)"));
        TreeMap<Long, Checkpoint> checkpoints = checkpoints();
        long entries = 0;
        long lastSeq = chain.keptSeq() - 1;
        long lastSigned = 0;
        int signed = 0;
        try {
            String prev = start(chain, checkpoints);
            long expected = chain.keptSeq();
            long segmentStart = expected;
            try (Statement s = c.createStatement()) {
                s.setFetchSize(1000);
                try (ResultSet rs = s.executeQuery("SELECT seq, chain_no, at_ms, user_name, role_name, source, event_type, target,"
                        + " outcome, detail, prev_hash, entry_hash FROM audit_entry ORDER BY seq")) {
                    while (rs.next()) {
                        long seq = rs.getLong("seq");
                        if (seq < chain.keptSeq()) {
                            continue; // retention is removing it
                        }
                        if (seq > expected) {
                            throw new Broken(expected, "entry #" + expected + " is missing (deleted); the next entry is #" + seq);
                        }
                        AuditEntry e = AuditLog.entry(rs);
                        if (e.chain() != chain.chain()) {
                            throw new Broken(seq, "entry #" + seq + " names chain " + e.chain() + ", the live chain is " + chain.chain());
                        }
                        if (!e.event().outcome().name().equals(rs.getString("outcome"))) {
                            throw new Broken(seq, "entry #" + seq + " has outcome '" + rs.getString("outcome") + "', which the audit never writes");
                        }
                        if (!e.prevHash().equals(prev)) {
                            throw new Broken(seq, "entry #" + seq + " does not link to the entry before it (its stored link "
                                    + abbrev(e.prevHash()) + ", the chain's " + abbrev(prev) + "): an entry before it was removed,"
                                    + " inserted or reordered, or its link was edited");
                        }
                        String hash = AuditCanonical.entryHash(prev, seq, e.chain(), e.event());
                        if (!hash.equals(e.hash())) {
                            throw new Broken(seq, "entry #" + seq + " (" + e.event().type() + " by " + e.event().user() + " at "
                                    + e.event().at() + ") was changed after it was written: its content does not give its hash");
                        }
                        Checkpoint cp = checkpoints.get(seq);
                        if (cp != null) {
                            check(cp, hash, segmentStart);
                            signed++;
                            lastSigned = seq;
                            segmentStart = seq + 1;
                        }
                        prev = hash;
                        lastSeq = seq;
                        expected = seq + 1;
                        entries++;
                    }
                }
            }
            Long beyond = checkpoints.higherKey(lastSeq);
            if (beyond != null) {
                throw new Broken(lastSeq + 1, "entries from #" + (lastSeq + 1) + " on were removed: the signed checkpoint at #"
                        + beyond + " signs an entry that is gone");
            }
        } catch (Broken b) {
            return new AuditVerification(entries, signed, Optional.of(b.seq), Optional.of(b.getMessage()), 0, chain.chain(), chain.keptSeq());
        }
        return new AuditVerification(entries, signed, Optional.empty(), Optional.empty(),
                Math.max(0, lastSeq - Math.max(lastSigned, chain.keptSeq() - 1)), chain.chain(), chain.keptSeq());
    }

    /** The hash the first kept entry continues from: the genesis, or (after retention) a signed checkpoint old enough. */
    private String start(AuditChain chain, TreeMap<Long, Checkpoint> checkpoints) throws Broken {
        if (chain.keptSeq() == chain.firstSeq()) {
            return chain.genesisHash();
        }
        if (chain.keptSeq() < chain.firstSeq()) {
            throw new Broken(chain.keptSeq(), "the chain's kept start #" + chain.keptSeq() + " lies before its first entry #"
                    + chain.firstSeq() + ": audit_chain was edited");
        }
        Checkpoint anchor = checkpoints.get(chain.keptSeq() - 1);
        if (anchor == null) {
            throw new Broken(chain.keptSeq(), "entries before #" + chain.keptSeq() + " are gone and no signed checkpoint at #"
                    + (chain.keptSeq() - 1) + " shows that retention removed them");
        }
        if (!signatureValid(anchor)) {
            throw new Broken(chain.keptSeq(), "the checkpoint at #" + anchor.seq() + " that the kept entries continue from has no"
                    + " valid signature of this device");
        }
        long cut = now.atOffset(ZoneOffset.UTC).minus(retention).toInstant().toEpochMilli();
        if (anchor.atMillis() >= cut) {
            throw new Broken(chain.keptSeq(), "entries before #" + chain.keptSeq() + " are gone although they were younger than the"
                    + " retention period (the checkpoint at #" + anchor.seq() + " is from " + Instant.ofEpochMilli(anchor.atMillis())
                    + "): they were deleted, not expired");
        }
        return anchor.hash();
    }

    private void check(Checkpoint cp, String hash, long segmentStart) throws Broken {
        if (!cp.hash().equals(hash)) {
            throw new Broken(segmentStart, "the signed checkpoint at #" + cp.seq() + " signs another hash than the entries give:"
                    + " entries #" + segmentStart + "..#" + cp.seq() + " were rewritten with recomputed hashes");
        }
        if (!signatureValid(cp)) {
            throw new Broken(segmentStart, "the checkpoint at #" + cp.seq() + " has no valid signature of this device (key "
                    + abbrev(keyId) + (cp.keyId().equals(keyId) ? "" : "; it names key " + abbrev(cp.keyId())) + ")");
        }
    }

    private boolean signatureValid(Checkpoint cp) {
        try {
            return Sm2Signer.verify(key, AuditCanonical.checkpoint(cp.seq(), cp.chain(), cp.hash(), cp.atMillis()), Sm.unhex(cp.signature()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private TreeMap<Long, Checkpoint> checkpoints() throws SQLException {
        TreeMap<Long, Checkpoint> all = new TreeMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT seq, chain_no, entry_hash, at_ms, key_id, signature FROM audit_checkpoint");
             ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                all.put(rs.getLong(1), new Checkpoint(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                        rs.getString(6)));
            }
        }
        return all;
    }

    private static String abbrev(String hash) {
        return hash == null ? "null" : hash.length() > 12 ? hash.substring(0, 12) + "…" : hash;
    }
}
