package io.tanhe.server.security.audit;

import io.tanhe.server.security.identity.DeviceIdentity;
import io.tanhe.server.store.RetentionPolicy;
import io.tanhe.server.store.jdbc.StoreSettings;
import io.tanhe.server.store.jdbc.JdbcStore;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A real Derby store in a temp directory, the device identity beside it, and a clock the test moves. */
final class AuditFixture implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");

    final Path dir;
    final JdbcStore store;
    final DeviceIdentity identity;
    final MovableClock clock = new MovableClock(T0);

    AuditFixture(Path dir) {
        this.dir = dir;
        this.store = JdbcStore.open(settings(dir));
        this.identity = DeviceIdentity.loadOrCreate(dir);
    }

    static StoreSettings settings(Path dir) {
        return StoreSettings.at(dir).withMinFreeBytes(0).withRetention(RetentionPolicy.standard(), Duration.ZERO, 500);
    }

    AuditLog open(AuditSettings settings) {
        return AuditLog.open(store::connect, identity, clock, settings);
    }

    AuditLog open() {
        return open(AuditSettings.defaults().withCheckpointEvery(10).withCheckpointAfter(Duration.ofDays(365)));
    }

    static AuditEvent event(Instant at, String user, String type, AuditOutcome outcome) {
        return new AuditEvent(at, user, "admin", "10.0.0.7", type, "/api/site", outcome, "detail of " + type);
    }

    /** Runs SQL as someone with database access would, outside the audit. */
    void sql(String... statements) throws SQLException {
        try (Connection c = store.connect(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.executeUpdate(statement);
            }
            c.commit();
        }
    }

    /** The first column of the first row {@code query} returns, as text. */
    String scalar(String query) throws SQLException {
        try (Connection c = store.connect(); Statement s = c.createStatement(); var rs = s.executeQuery(query)) {
            rs.next();
            String value = rs.getString(1);
            c.commit();
            return value;
        }
    }

    @Override
    public void close() {
        store.close();
    }

    /** A clock that stands still until the test moves it. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
