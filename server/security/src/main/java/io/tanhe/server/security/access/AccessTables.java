package io.tanhe.server.security.access;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The access-control tables beside the store's, created when absent. Portable SQL for Derby, SQLite and
 * PostgreSQL: plain {@code CREATE TABLE} (existence checked through {@link DatabaseMetaData}, case-insensitively,
 * since Derby folds names to upper case and PostgreSQL to lower), VARCHAR, BIGINT and INTEGER only,
 * instants as epoch milliseconds, flags as 0/1.
 */
public final class AccessTables {
    /** Accounts: one role each, so no account holds two (三员). */
    static final String ACCOUNT = "TANHE_ACCOUNT";
    /** The last password hashes of each account, for the history rule. */
    static final String PASSWORD_HISTORY = "TANHE_PASSWORD_HISTORY";
    /** Machine tokens: only a hash of each is kept. */
    static final String API_TOKEN = "TANHE_API_TOKEN";
    /** Address allow-lists: the CIDR ranges each role may come from (none listed: any address). */
    static final String ADDRESS_ALLOW = "TANHE_ADDRESS_ALLOW";

    /** The login policy's values, by name ({@link SecurityPolicy#toSettings()}); absent names take the defaults. */
    static final String SETTING = "TANHE_SECURITY_SETTING";

    private static final Map<String, String> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put(ACCOUNT, "CREATE TABLE " + ACCOUNT + " (USERNAME VARCHAR(64) NOT NULL PRIMARY KEY,"
                + " ROLE_CODE VARCHAR(32) NOT NULL, PASSWORD_HASH VARCHAR(256) NOT NULL, PASSWORD_SET_AT BIGINT NOT NULL,"
                + " MUST_CHANGE INTEGER NOT NULL, DISABLED INTEGER NOT NULL, FAILURES INTEGER NOT NULL,"
                + " LOCKED_UNTIL BIGINT NOT NULL, CREATED_AT BIGINT NOT NULL)");
        TABLES.put(PASSWORD_HISTORY, "CREATE TABLE " + PASSWORD_HISTORY + " (USERNAME VARCHAR(64) NOT NULL,"
                + " SEQ INTEGER NOT NULL, SET_AT BIGINT NOT NULL, PASSWORD_HASH VARCHAR(256) NOT NULL, PRIMARY KEY (USERNAME, SEQ))");
        TABLES.put(API_TOKEN, "CREATE TABLE " + API_TOKEN + " (NAME VARCHAR(64) NOT NULL PRIMARY KEY,"
                + " ROLE_CODE VARCHAR(32) NOT NULL, TOKEN_HASH VARCHAR(64) NOT NULL, CREATED_AT BIGINT NOT NULL,"
                + " CREATED_BY VARCHAR(64) NOT NULL, REVOKED_AT BIGINT NOT NULL)");
        TABLES.put(ADDRESS_ALLOW, "CREATE TABLE " + ADDRESS_ALLOW + " (ROLE_CODE VARCHAR(32) NOT NULL,"
                + " CIDR VARCHAR(64) NOT NULL, PRIMARY KEY (ROLE_CODE, CIDR))");
        TABLES.put(SETTING, "CREATE TABLE " + SETTING + " (NAME VARCHAR(64) NOT NULL PRIMARY KEY,"
                + " SETTING_VALUE VARCHAR(256) NOT NULL)");
    }

    private AccessTables() {
    }

    /** Creates the tables that do not exist yet and commits. */
    public static void create(Connection c) throws SQLException {
        Set<String> existing = existing(c.getMetaData());
        try (Statement s = c.createStatement()) {
            for (Map.Entry<String, String> t : TABLES.entrySet()) {
                if (!existing.contains(t.getKey())) {
                    s.executeUpdate(t.getValue());
                }
            }
        }
        c.commit();
    }

    private static Set<String> existing(DatabaseMetaData meta) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (ResultSet rs = meta.getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME").toUpperCase(Locale.ROOT));
            }
        }
        return names;
    }
}
