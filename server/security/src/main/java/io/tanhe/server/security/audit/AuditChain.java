package io.tanhe.server.security.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The live chain: its number, its first entry and the hash that entry continues from (zeros, or the head of
 * the chain a wipe removed), and the first entry retention kept.
 */
record AuditChain(int chain, long startedMillis, long firstSeq, String genesisHash, long keptSeq) {

    static Optional<AuditChain> read(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT chain_no, started_ms, first_seq, genesis_hash, kept_seq FROM audit_chain")) {
            if (!rs.next()) {
                return Optional.empty();
            }
            AuditChain chain = new AuditChain(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getLong(5));
            if (rs.next()) {
                throw new SQLException("audit_chain holds more than one row: the audit's tables were edited", "22000");
            }
            return Optional.of(chain);
        }
    }

    static void start(Connection c, AuditChain chain) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO audit_chain (chain_no, started_ms, first_seq, genesis_hash,"
                + " kept_seq) VALUES (?, ?, ?, ?, ?)")) {
            p.setInt(1, chain.chain());
            p.setLong(2, chain.startedMillis());
            p.setLong(3, chain.firstSeq());
            p.setString(4, chain.genesisHash());
            p.setLong(5, chain.keptSeq());
            p.executeUpdate();
        }
    }

    static void keepFrom(Connection c, int chain, long seq) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE audit_chain SET kept_seq = ? WHERE chain_no = ?")) {
            p.setLong(1, seq);
            p.setInt(2, chain);
            p.executeUpdate();
        }
    }
}
