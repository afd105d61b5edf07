package io.tanhe.cli;

import io.tanhe.server.security.audit.AuditOutcome;
import io.tanhe.server.security.config.ConfigTamperedException;
import io.tanhe.server.security.config.SealedConfigs;
import io.tanhe.server.security.crypto.DeviceKey;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code tanhe keys …}: the device's SM4 key for secrets at rest. */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = {"The device key (SM4, " + DeviceKey.FILE + " in the data directory, 0600) that encrypts the",
                "secrets of stored configuration versions. Run on the machine itself against a stopped terminal;",
                "each command is audited."},
        subcommands = {KeysCommand.Show.class, KeysCommand.Rotate.class})
public final class KeysCommand implements Runnable {
    /** The role these commands act in: keys belong to the security operator. */
    static final String ROLE = "security";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code tanhe keys show}. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show the device key's id (never the key) and check every stored configuration version's signature.")
    static final class Show implements Callable<Integer> {
        @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data", description = "the terminal's data directory (default: ${DEFAULT-VALUE})")
        Path dataDir;

        @Override
        public Integer call() {
            System.setProperty("tanhe.log.level", "WARN");
            try (LocalSecurity local = LocalSecurity.open(dataDir)) {
                DeviceKey key = DeviceKey.loadOrCreate(dataDir);
                System.out.println("device key:      " + key.currentId() + " (SM4, " + dataDir.resolve(DeviceKey.FILE) + ")"
                        + (key.rotationPending() ? "  — a rotation was interrupted: run 'tanhe keys rotate' to finish it" : ""));
                System.out.println("device identity: SM2, SM3 fingerprint " + local.identity.fingerprint());
                try {
                    local.configs().verifyAll();
                    System.out.println("stored configuration versions: signatures valid");
                    local.record(ROLE, "keys.show", "device key", AuditOutcome.SUCCESS, "key " + key.currentId());
                    return 0;
                } catch (ConfigTamperedException e) {
                    System.err.println(e.getMessage());
                    local.record(ROLE, "keys.show", "configuration version " + e.version(), AuditOutcome.FAILURE, e.getMessage());
                    return 1;
                }
            } catch (IllegalStateException e) {
                System.err.println("keys show: " + e.getMessage());
                return 2;
            }
        }
    }

    /** {@code tanhe keys rotate}. */
    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = {"Make a new device key, re-encrypt every stored secret under it and re-sign the configuration",
                    "versions, then retire the old key. Interrupted, running it again finishes the rotation."})
    static final class Rotate implements Callable<Integer> {
        @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data", description = "the terminal's data directory (default: ${DEFAULT-VALUE})")
        Path dataDir;

        @Override
        public Integer call() {
            System.setProperty("tanhe.log.level", "WARN");
            try (LocalSecurity local = LocalSecurity.open(dataDir)) {
                SealedConfigs configs = local.configs();
                String before = configs.keyId();
                try {
                    int n = configs.rotateKey();
                    local.record(ROLE, "keys.rotate", "device key", AuditOutcome.SUCCESS, "key " + before + " -> " + configs.keyId()
                            + ", " + n + " secrets re-encrypted");
                    System.out.println("device key rotated: " + before + " -> " + configs.keyId() + "; " + n + " secrets re-encrypted");
                    return 0;
                } catch (ConfigTamperedException e) {
                    local.record(ROLE, "keys.rotate", "configuration version " + e.version(), AuditOutcome.FAILURE, e.getMessage());
                    System.err.println("keys rotate: nothing rotated: " + e.getMessage());
                    return 1;
                }
            } catch (IllegalStateException e) {
                System.err.println("keys rotate: " + e.getMessage());
                return 2;
            }
        }
    }
}
