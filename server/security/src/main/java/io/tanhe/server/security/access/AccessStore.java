package io.tanhe.server.security.access;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The access-control rows in the store's database ({@link AccessTables}), one short transaction per call
 * on a connection from {@code Store.connect()}. Only data in and out: the rules live in {@link AccessControl}.
 */
public final class AccessStore {
    private final Supplier<Connection> connections;

    /** Opens the store over {@code connections} and creates its tables when absent. */
    public AccessStore(Supplier<Connection> connections) {
        this.connections = connections;
        run(c -> {
            AccessTables.create(c);
            return null;
        });
    }

    @FunctionalInterface
    private interface Work<T> {
        T in(Connection c) throws SQLException;
    }

    private <T> T run(Work<T> work) {
        try (Connection c = connections.get()) {
            try {
                T out = work.in(c);
                c.commit();
                return out;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new AccessStoreException("the access tables in the store's database: " + e.getMessage(), e);
        }
    }

    /** A database failure, with what was being done. */
    public static final class AccessStoreException extends RuntimeException {
        AccessStoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    // --- accounts

    public Optional<Account> account(String username) {
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM " + AccessTables.ACCOUNT + " WHERE USERNAME = ?")) {
                s.setString(1, username);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(account(rs)) : Optional.empty();
                }
            }
        });
    }

    public List<Account> accounts() {
        return run(c -> {
            List<Account> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM " + AccessTables.ACCOUNT + " ORDER BY USERNAME");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(account(rs));
                }
            }
            return List.copyOf(out);
        });
    }

    /** Inserts a new account with its first password in the history; false when the username is taken. */
    public boolean insert(Account a) {
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + AccessTables.ACCOUNT
                    + " WHERE LOWER(USERNAME) = ?")) {
                s.setString(1, a.username().toLowerCase(java.util.Locale.ROOT));
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        return false;
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + AccessTables.ACCOUNT
                    + " (USERNAME, ROLE_CODE, PASSWORD_HASH, PASSWORD_SET_AT, MUST_CHANGE, DISABLED, FAILURES, LOCKED_UNTIL,"
                    + " CREATED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, a.username());
                s.setString(2, a.role().code());
                s.setString(3, a.passwordHash());
                s.setLong(4, a.passwordSetAt().toEpochMilli());
                s.setInt(5, a.mustChange() ? 1 : 0);
                s.setInt(6, a.disabled() ? 1 : 0);
                s.setInt(7, a.failures());
                s.setLong(8, a.lockedUntil().toEpochMilli());
                s.setLong(9, a.createdAt().toEpochMilli());
                s.executeUpdate();
            }
            return true;
        });
    }

    /** Writes an account's mutable fields (password, flags, failure count). */
    public void update(Account a) {
        run(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE " + AccessTables.ACCOUNT + " SET PASSWORD_HASH = ?,"
                    + " PASSWORD_SET_AT = ?, MUST_CHANGE = ?, DISABLED = ?, FAILURES = ?, LOCKED_UNTIL = ? WHERE USERNAME = ?")) {
                s.setString(1, a.passwordHash());
                s.setLong(2, a.passwordSetAt().toEpochMilli());
                s.setInt(3, a.mustChange() ? 1 : 0);
                s.setInt(4, a.disabled() ? 1 : 0);
                s.setInt(5, a.failures());
                s.setLong(6, a.lockedUntil().toEpochMilli());
                s.setString(7, a.username());
                if (s.executeUpdate() != 1) {
                    throw new SQLException("no account `" + a.username() + "` to update");
                }
            }
            return null;
        });
    }

    /** The account's previous password hashes, newest first. */
    public List<String> history(String username) {
        return run(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT PASSWORD_HASH FROM " + AccessTables.PASSWORD_HISTORY
                    + " WHERE USERNAME = ? ORDER BY SEQ DESC")) {
                s.setString(1, username);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return List.copyOf(out);
        });
    }

    /** Records a password in the history and keeps only the newest {@code keep}. */
    public void remember(String username, Instant at, String hash, int keep) {
        run(c -> {
            List<Integer> seqs = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT SEQ FROM " + AccessTables.PASSWORD_HISTORY
                    + " WHERE USERNAME = ? ORDER BY SEQ DESC")) {
                s.setString(1, username);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        seqs.add(rs.getInt(1));
                    }
                }
            }
            int next = seqs.isEmpty() ? 1 : seqs.getFirst() + 1;
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + AccessTables.PASSWORD_HISTORY
                    + " (USERNAME, SEQ, SET_AT, PASSWORD_HASH) VALUES (?, ?, ?, ?)")) {
                s.setString(1, username);
                s.setInt(2, next);
                s.setLong(3, at.toEpochMilli());
                s.setString(4, hash);
                s.executeUpdate();
            }
            seqs.addFirst(next);
            if (seqs.size() > keep) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM " + AccessTables.PASSWORD_HISTORY
                        + " WHERE USERNAME = ? AND SEQ <= ?")) {
                    s.setString(1, username);
                    s.setInt(2, seqs.get(keep));
                    s.executeUpdate();
                }
            }
            return null;
        });
    }

    private static Account account(ResultSet rs) throws SQLException {
        return new Account(rs.getString("USERNAME"), Role.fromCode(rs.getString("ROLE_CODE")), rs.getString("PASSWORD_HASH"),
                Instant.ofEpochMilli(rs.getLong("PASSWORD_SET_AT")), rs.getInt("MUST_CHANGE") != 0, rs.getInt("DISABLED") != 0,
                rs.getInt("FAILURES"), Instant.ofEpochMilli(rs.getLong("LOCKED_UNTIL")), Instant.ofEpochMilli(rs.getLong("CREATED_AT")));
    }

    // --- tokens

    /** Stores a token by the hash of its secret, replacing a revoked one of the same name; false when a valid one has it. */
    public boolean insertToken(ApiToken t, String tokenHash) {
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT REVOKED_AT FROM " + AccessTables.API_TOKEN + " WHERE NAME = ?")) {
                s.setString(1, t.name());
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        if (rs.getLong(1) == 0) {
                            return false;
                        }
                        try (PreparedStatement d = c.prepareStatement("DELETE FROM " + AccessTables.API_TOKEN + " WHERE NAME = ?")) {
                            d.setString(1, t.name());
                            d.executeUpdate();
                        }
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + AccessTables.API_TOKEN
                    + " (NAME, ROLE_CODE, TOKEN_HASH, CREATED_AT, CREATED_BY, REVOKED_AT) VALUES (?, ?, ?, ?, ?, 0)")) {
                s.setString(1, t.name());
                s.setString(2, t.role().code());
                s.setString(3, tokenHash);
                s.setLong(4, t.createdAt().toEpochMilli());
                s.setString(5, t.createdBy());
                s.executeUpdate();
            }
            return true;
        });
    }

    /** The valid (unrevoked) token whose secret hashes to {@code tokenHash}. */
    public Optional<ApiToken> tokenByHash(String tokenHash) {
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM " + AccessTables.API_TOKEN
                    + " WHERE TOKEN_HASH = ? AND REVOKED_AT = 0")) {
                s.setString(1, tokenHash);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(token(rs)) : Optional.empty();
                }
            }
        });
    }

    public List<ApiToken> tokens() {
        return run(c -> {
            List<ApiToken> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM " + AccessTables.API_TOKEN + " ORDER BY NAME");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(token(rs));
                }
            }
            return List.copyOf(out);
        });
    }

    /** Revokes the valid token {@code name}; false when there is none. */
    public boolean revokeToken(String name, Instant at) {
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE " + AccessTables.API_TOKEN
                    + " SET REVOKED_AT = ? WHERE NAME = ? AND REVOKED_AT = 0")) {
                s.setLong(1, Math.max(1, at.toEpochMilli()));
                s.setString(2, name);
                return s.executeUpdate() == 1;
            }
        });
    }

    private static ApiToken token(ResultSet rs) throws SQLException {
        long revoked = rs.getLong("REVOKED_AT");
        return new ApiToken(rs.getString("NAME"), Role.fromCode(rs.getString("ROLE_CODE")),
                Instant.ofEpochMilli(rs.getLong("CREATED_AT")), rs.getString("CREATED_BY"),
                revoked == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(revoked)));
    }

    // --- address allow-lists

    /** Each role's allow-list; a role absent from the map may come from any address. */
    public Map<Role, List<Cidr>> allowLists() {
        return run(c -> {
            Map<Role, List<Cidr>> out = new EnumMap<>(Role.class);
            try (PreparedStatement s = c.prepareStatement("SELECT ROLE_CODE, CIDR FROM " + AccessTables.ADDRESS_ALLOW
                    + " ORDER BY ROLE_CODE, CIDR"); ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(Role.fromCode(rs.getString(1)), r -> new ArrayList<>()).add(Cidr.parse(rs.getString(2)));
                }
            }
            out.replaceAll((r, l) -> List.copyOf(l));
            return out;
        });
    }

    /** Replaces {@code role}'s allow-list (empty: any address). */
    public void setAllowList(Role role, List<Cidr> ranges) {
        run(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + AccessTables.ADDRESS_ALLOW + " WHERE ROLE_CODE = ?")) {
                s.setString(1, role.code());
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + AccessTables.ADDRESS_ALLOW
                    + " (ROLE_CODE, CIDR) VALUES (?, ?)")) {
                for (Cidr r : ranges.stream().distinct().toList()) {
                    s.setString(1, role.code());
                    s.setString(2, r.toString());
                    s.executeUpdate();
                }
            }
            return null;
        });
    }

    // --- policy settings

    /** The stored policy values by name. */
    public Map<String, String> settings() {
        return run(c -> {
            Map<String, String> out = new java.util.TreeMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT NAME, SETTING_VALUE FROM " + AccessTables.SETTING);
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
            return Map.copyOf(out);
        });
    }

    /** Replaces every stored policy value with {@code values}. */
    public void saveSettings(Map<String, String> values) {
        run(c -> {
            try (PreparedStatement d = c.prepareStatement("DELETE FROM " + AccessTables.SETTING)) {
                d.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + AccessTables.SETTING + " (NAME, SETTING_VALUE) VALUES (?, ?)")) {
                for (Map.Entry<String, String> e : values.entrySet()) {
                    s.setString(1, e.getKey());
                    s.setString(2, e.getValue());
                    s.executeUpdate();
                }
            }
            return null;
        });
    }
}
