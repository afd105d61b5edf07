package io.tanhe.server.api;

import io.tanhe.server.packages.TrustStore;
import io.tanhe.server.packages.release.Components;
import io.tanhe.server.packages.release.UpgradeRefused;
import io.tanhe.server.packages.release.UpgradeState;
import io.tanhe.server.packages.release.Upgrader;
import io.tanhe.server.security.audit.AuditEvent;
import io.tanhe.server.security.audit.AuditOutcome;
import io.tanhe.server.terminal.Terminal;
import io.tanhe.server.terminal.operations.OperationRefused;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Upgrades} of a running terminal installed under an install root: uploads are streamed to
 * {@code incoming/} beside the releases, verified against the terminal's trust policy ({@code DATA/trust/policy.yaml},
 * the one configuration file of the data directory it reads), installed by the {@link Upgrader}, audited
 * ({@code upgrade.install}, {@code upgrade.rollback}, {@code component.install}, {@code component.uninstall}), and
 * the terminal is restarted by {@code restart} (the program exits with the code its service manager restarts on).
 */
public final class ReleaseUpgrades implements Upgrades {
    /** An upload larger than this is cut off: a release package is bounded at 2 GiB unpacked and compresses. */
    private static final long MAX_UPLOAD = 2L << 30;
    private final Terminal terminal;
    private final Upgrader upgrader;
    private final Components components;
    private final Runnable restart;

    /**
     * @param restart ends the program soon after the answer is sent, with the exit code that makes the service
     *                manager start it again (the new {@code current})
     */
    public ReleaseUpgrades(Terminal terminal, Upgrader upgrader, Runnable restart) {
        this.terminal = terminal;
        this.upgrader = upgrader;
        this.components = new Components(upgrader.root());
        this.restart = restart;
    }

    @Override
    public Map<String, Object> status() {
        try {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("installRoot", upgrader.root().root().toString());
            out.put("current", upgrader.root().currentVersion().orElse("base"));
            out.put("state", upgrader.status().toMap());
            out.put("releases", upgrader.releases());
            out.put("components", components.installed());
            out.put("window", upgrader.window().toString());
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, Object> upgrade(InputStream body, Caller by) throws UpgradeRefused {
        Path file = receive(body);
        try {
            UpgradeState s = upgrader.upgrade(file, new TrustStore(terminal.dataDir(), terminal.identity()).load(),
                    by.name() + " (" + by.role() + ") from " + by.from());
            audit(by, "upgrade.install", s.to(), AuditOutcome.SUCCESS, "from " + shown(s.from()) + " to " + s.to()
                    + ", manifest SM3 " + s.packageSm3() + "; restarting, health window " + upgrader.window());
            restart.run();
            Map<String, Object> out = new LinkedHashMap<>(s.toMap());
            out.put("restarting", true);
            return out;
        } catch (UpgradeRefused e) {
            audit(by, "upgrade.install", "-", AuditOutcome.FAILURE, e.getMessage());
            throw e;
        } catch (IllegalStateException e) {
            audit(by, "upgrade.install", "-", AuditOutcome.FAILURE, e.getMessage());
            throw new OperationRefused(OperationRefused.Reason.CONFLICT, "package", e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("upgrade: " + e.getMessage(), e);
        } finally {
            delete(file);
        }
    }

    @Override
    public Map<String, Object> rollback(Caller by) {
        try {
            UpgradeState s = upgrader.rollback("asked by " + by.name() + " (" + by.role() + ") from " + by.from());
            audit(by, "upgrade.rollback", s.to(), AuditOutcome.SUCCESS, "back to " + shown(s.from()) + "; restarting");
            restart.run();
            Map<String, Object> out = new LinkedHashMap<>(s.toMap());
            out.put("restarting", true);
            return out;
        } catch (IllegalStateException e) {
            throw new OperationRefused(OperationRefused.Reason.CONFLICT, "upgrade", e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("rollback: " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, Object> installComponent(InputStream body, Caller by) throws UpgradeRefused {
        Path file = receive(body);
        try {
            Map.Entry<String, String> c = components.install(file, new TrustStore(terminal.dataDir(), terminal.identity()).load());
            audit(by, "component.install", c.getKey(), AuditOutcome.SUCCESS, "version " + c.getValue() + "; restarting");
            restart.run();
            return Map.of("component", c.getKey(), "version", c.getValue(), "restarting", true);
        } catch (UpgradeRefused e) {
            audit(by, "component.install", "-", AuditOutcome.FAILURE, e.getMessage());
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("component: " + e.getMessage(), e);
        } finally {
            delete(file);
        }
    }

    @Override
    public Map<String, Object> uninstallComponent(String id, Caller by) {
        try {
            Optional<String> was = components.uninstall(id);
            if (was.isEmpty()) {
                throw new OperationRefused(OperationRefused.Reason.NOT_FOUND, "id", "no component " + id + " is installed");
            }
            audit(by, "component.uninstall", id, AuditOutcome.SUCCESS, "version " + was.get() + "; restarting");
            restart.run();
            return Map.of("component", id, "uninstalled", was.get(), "restarting", true);
        } catch (IllegalArgumentException e) {
            throw OperationRefused.badInput("id", e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("component: " + e.getMessage(), e);
        }
    }

    /** Streams the request body to a file in {@code incoming/}; an upload never sits in memory. */
    private Path receive(InputStream body) {
        try {
            Path dir = Files.createDirectories(upgrader.root().incoming());
            Path file = Files.createTempFile(dir, "upload-", ".tpkg");
            long total = 0;
            try (var out = Files.newOutputStream(file)) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = body.read(buf)) > 0) {
                    total += n;
                    if (total > MAX_UPLOAD) {
                        throw new OperationRefused(OperationRefused.Reason.BAD_INPUT, "package", "the upload is larger than "
                                + (MAX_UPLOAD >> 30) + " GiB; a release package is not");
                    }
                    out.write(buf, 0, n);
                }
            } catch (OperationRefused e) {
                delete(file);
                throw e;
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot receive the package in " + upgrader.root().incoming() + ": " + e.getMessage(), e);
        }
    }

    private void audit(Caller by, String type, String target, AuditOutcome outcome, String detail) {
        terminal.audit().record(new AuditEvent(Instant.now(), by.name(), by.role(), by.from(), type, target, outcome, detail));
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // an upload left in incoming/ is harmless; the next one gets another name
        }
    }

    private static String shown(String version) {
        return version.isEmpty() ? "the base build" : version;
    }
}
