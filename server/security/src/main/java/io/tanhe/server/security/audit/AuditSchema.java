package io.tanhe.server.security.audit;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The audit's tables, in SQL every store engine runs (Derby, SQLite, PostgreSQL): plain CREATE TABLE
 * after asking the metadata (names compared case-insensitively, as engines fold them differently),
 * VARCHAR/BIGINT/INTEGER only, instants as epoch milliseconds, hashes and signatures as hex.
 */
final class AuditSchema {
    /** Longest detail kept; a longer one is cut (before hashing) and marked. */
    static final int DETAIL_MAX = 4000;
    static final int TARGET_MAX = 512;
    static final int NAME_MAX = 128;
    static final int TYPE_MAX = 64;

    private static final String[][] TABLES = {
            {"audit_entry", "CREATE TABLE audit_entry (seq BIGINT NOT NULL PRIMARY KEY, chain_no INTEGER NOT NULL,"
                    + " at_ms BIGINT NOT NULL, user_name VARCHAR(128) NOT NULL, role_name VARCHAR(128) NOT NULL,"
                    + " source VARCHAR(128) NOT NULL, event_type VARCHAR(64) NOT NULL, target VARCHAR(512) NOT NULL,"
                    + " outcome VARCHAR(16) NOT NULL, detail VARCHAR(4000) NOT NULL, prev_hash VARCHAR(64) NOT NULL,"
                    + " entry_hash VARCHAR(64) NOT NULL)",
                    "CREATE INDEX audit_entry_at ON audit_entry (at_ms)"},
            {"audit_checkpoint", "CREATE TABLE audit_checkpoint (seq BIGINT NOT NULL PRIMARY KEY, chain_no INTEGER NOT NULL,"
                    + " entry_hash VARCHAR(64) NOT NULL, at_ms BIGINT NOT NULL, key_id VARCHAR(64) NOT NULL,"
                    + " signature VARCHAR(512) NOT NULL)"},
            // one row: the live chain, where it starts (genesis) and the first entry retention kept
            {"audit_chain", "CREATE TABLE audit_chain (chain_no INTEGER NOT NULL PRIMARY KEY, started_ms BIGINT NOT NULL,"
                    + " first_seq BIGINT NOT NULL, genesis_hash VARCHAR(64) NOT NULL, kept_seq BIGINT NOT NULL)"},
    };

    private AuditSchema() {
    }

    /** Creates what is missing and commits. */
    static void ensure(Connection c) throws SQLException {
        Set<String> existing = tables(c.getMetaData());
        try (Statement s = c.createStatement()) {
            for (String[] table : TABLES) {
                if (!existing.contains(table[0])) {
                    for (int i = 1; i < table.length; i++) {
                        s.executeUpdate(table[i]);
                    }
                }
            }
        }
        c.commit();
    }

    private static Set<String> tables(DatabaseMetaData meta) throws SQLException {
        Set<String> names = new HashSet<>();
        try (ResultSet rs = meta.getTables(null, null, "%", new String[]{"TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }
}
