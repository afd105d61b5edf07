package io.tanhe.cli;

import io.tanhe.server.security.audit.AuditActor;
import io.tanhe.server.security.audit.AuditEvent;
import io.tanhe.server.security.audit.AuditLog;
import io.tanhe.server.security.audit.AuditOutcome;
import io.tanhe.server.security.audit.AuditSettings;
import io.tanhe.server.security.crypto.DeviceKey;
import io.tanhe.server.security.config.SealedConfigs;
import io.tanhe.server.security.identity.DeviceIdentity;
import io.tanhe.server.store.jdbc.Engine;
import io.tanhe.server.store.jdbc.StoreSettings;
import io.tanhe.server.store.jdbc.JdbcStore;
import io.tanhe.server.terminal.TerminalFile;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * A stopped terminal's data directory opened for the security commands on the machine itself: its store,
 * device identity and audit. Every action is recorded in the audit with source {@code local} and the
 * operating-system user's name.
 */
final class LocalSecurity implements AutoCloseable {
    final Path dataDir;
    final JdbcStore store;
    final DeviceIdentity identity;
    final AuditLog audit;

    private LocalSecurity(Path dataDir, JdbcStore store, DeviceIdentity identity, AuditLog audit) {
        this.dataDir = dataDir;
        this.store = store;
        this.identity = identity;
        this.audit = audit;
    }

    /**
     * @throws IllegalStateException saying why not: no store there, or a terminal runs on it
     */
    static LocalSecurity open(Path dataDir) {
        if (!Engine.holdsStore(dataDir)) {
            throw new IllegalStateException("no terminal store in " + dataDir.toAbsolutePath() + " (give the terminal's --data-dir)");
        }
        Optional<TerminalFile> running = TerminalFile.read(dataDir).filter(TerminalFile::processAlive);
        if (running.isPresent()) {
            throw new IllegalStateException("a terminal (pid " + running.get().pid() + ") runs on " + dataDir.toAbsolutePath()
                    + " and holds its store; stop it first (these commands are for bootstrap and recovery on a stopped terminal)");
        }
        System.setProperty("derby.system.home", dataDir.toAbsolutePath().toString());
        JdbcStore store = JdbcStore.open(StoreSettings.at(dataDir));
        try {
            DeviceIdentity identity = DeviceIdentity.loadOrCreate(dataDir);
            AuditLog audit = AuditLog.open(store::connect, identity, Clock.systemUTC(), AuditSettings.defaults());
            return new LocalSecurity(dataDir, store, identity, audit);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** The sealed configurations under the data directory's device key. */
    SealedConfigs configs() {
        return SealedConfigs.open(store::connect, store.configs(), DeviceKey.loadOrCreate(dataDir), identity);
    }

    /** The operating-system user on this machine, acting as {@code role}. */
    static AuditActor actor(String role) {
        return AuditActor.local(role);
    }

    /** Records what a command did. */
    void record(String role, String type, String target, AuditOutcome outcome, String detail) {
        AuditActor by = actor(role);
        audit.record(new AuditEvent(java.time.Instant.now(), by.user(), by.role(), by.source(), type, target, outcome, detail));
    }

    @Override
    public void close() {
        try {
            audit.close();
        } finally {
            store.close();
        }
    }
}
