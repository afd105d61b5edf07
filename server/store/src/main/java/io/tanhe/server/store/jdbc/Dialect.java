package io.tanhe.server.store.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * What differs between the engines behind {@link JdbcStore}: how to reach the database and end with it,
 * transactions, time columns, the few statements that are not portable (skipping duplicates, a row
 * limit, the migrations' types), backup and which errors mean a full disk or a dead database. Everything
 * else (the group committer, the row codecs, retention, migrations) is shared.
 */
sealed interface Dialect permits DerbyDialect, SqliteDialect, PostgresDialect {

    static Dialect of(StoreSettings settings) {
        return switch (settings.engine()) {
            case DERBY -> new DerbyDialect(settings.databaseDirectory());
            case SQLITE -> new SqliteDialect(settings.databaseDirectory());
            case POSTGRESQL -> new PostgresDialect(settings.server());
        };
    }

    Engine engine();

    /** Where the database is, for messages: a path or a URL, never a password. */
    String where();

    /** Makes sure the database exists (creating an embedded one) and can be reached. */
    void create() throws SQLException;

    /**
     * A new connection. {@code write}: it will write, so on SQLite its transactions take the write lock when
     * they begin (a read that later writes would otherwise fail instead of waiting).
     */
    Connection open(boolean write) throws SQLException;

    /** Whether idle connections are kept for the next transaction (a server connection costs a login). */
    boolean pooled();

    /** Starts a transaction on a connection from {@link #open}. */
    default void begin(Connection c, boolean write) throws SQLException {
    }

    default void commit(Connection c) throws SQLException {
        c.commit();
    }

    default void rollback(Connection c) throws SQLException {
        c.rollback();
    }

    /** Ends with the database (what is committed is on disk); idle connections are closed before. */
    void shutdown();

    TimeColumns times();

    /** The clause that limits a query to its first {@code n} rows. */
    String firstRows(int n);

    /**
     * {@code INSERT INTO table (columns) VALUES (values)} that skips a row whose key is stored (its update
     * count is then 0), or null when the engine has none (Derby: the duplicate fails the statement).
     */
    String insertSkippingDuplicates(String table, String columns, String values);

    /** What goes between an INSERT's column list and VALUES to store given values in an identity column. */
    default String overridingIdentity() {
        return "";
    }

    /** After rows with given ids were copied into {@code table}: makes new rows continue after them. */
    default void identityCopied(Connection c, String table) throws SQLException {
    }

    /** A migration statement written for Derby, in this engine's SQL (types, identity columns). */
    String translate(String statement);

    /** Whether an error in the chain says the disk is full. */
    boolean diskFull(SQLException e);

    /** Whether the connection or the database is no longer usable after this error. */
    boolean fatal(SQLException e);

    /** A consistent copy of the running database in {@code target} (an empty or absent directory); returns it. */
    Path backup(Database db, Path target);
}
