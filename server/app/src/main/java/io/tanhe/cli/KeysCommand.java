package io.tanhe.cli;

import io.tanhe.server.security.access.Role;
import io.tanhe.server.security.audit.AuditOutcome;
import io.tanhe.server.security.config.ConfigTamperedException;
import io.tanhe.server.security.config.SealedConfigs;
import io.tanhe.server.security.crypto.DeviceKey;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import io.tanhe.server.security.crypto.KeyBackup;
import io.tanhe.server.store.PrivateFiles;
import io.tanhe.server.store.jdbc.Engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tanhe keys …}: the device's SM4 key for secrets at rest. */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = {"The device key (SM4, " + DeviceKey.FILE + " in the data directory, 0600) that encrypts the",
                "secrets of stored configuration versions. Run on the machine itself against a stopped terminal;",
                "each command is audited."},
        subcommands = {KeysCommand.Show.class, KeysCommand.Rotate.class, KeysCommand.Export.class, KeysCommand.Import.class})
public final class KeysCommand extends CommandGroup {
    /** The role these commands act in: keys belong to the security operator. */
    static final String ROLE = Role.SECURITY_OPERATOR.code();

    /** {@code tanhe keys show}. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show the device key's id (never the key) and check every stored configuration version's signature.")
    static final class Show implements Callable<Integer> {
        @Mixin
        StoppedTerminal terminal;

        @Override
        public Integer call() {
            return terminal.run("keys show", local -> {
                DeviceKey key = DeviceKey.loadOrCreate(terminal.dataDir);
                System.out.println("device key:      " + key.currentId() + " (SM4, " + terminal.dataDir.resolve(DeviceKey.FILE) + ")"
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
            });
        }
    }

    /** {@code tanhe keys rotate}. */
    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = {"Make a new device key, re-encrypt every stored secret under it and re-sign the configuration",
                    "versions, then retire the old key. Interrupted, running it again finishes the rotation."})
    static final class Rotate implements Callable<Integer> {
        @Mixin
        StoppedTerminal terminal;

        @Override
        public Integer call() {
            return terminal.run("keys rotate", local -> {
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
            });
        }
    }

    /** The passphrase: the first line of {@code file}, else asked twice (once when {@code confirm} is false) on the console. */
    static char[] passphrase(Path file, boolean confirm) throws IOException {
        if (file != null) {
            return Files.readAllLines(file).stream().findFirst().orElse("").toCharArray();
        }
        java.io.Console console = System.console();
        if (console == null) {
            throw new IllegalStateException("no console to ask for the passphrase; give --passphrase-file FILE (a 0600 file)");
        }
        char[] first = console.readPassword("passphrase (at least %d characters): ", KeyBackup.MIN_PASSPHRASE);
        if (confirm && !Arrays.equals(first, console.readPassword("again: "))) {
            throw new IllegalStateException("the two passphrases differ");
        }
        return first;
    }

    /** {@code tanhe keys export}. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Write the device key, the SM2 identity and its certificate chain to FILE, encrypted (SM4-GCM",
                    "under PBKDF2-HMAC-SM3 of a passphrase). Keep it apart from the store's backup: without it a restored",
                    "store's secrets cannot be decrypted and its audit checkpoints do not verify."})
    static final class Export implements Callable<Integer> {
        @Mixin
        StoppedTerminal terminal;
        @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "the backup file to write (made 0600)")
        Path output;
        @Option(names = "--passphrase-file", paramLabel = "FILE", description = "read the passphrase from FILE's first line (default: ask)")
        Path passphraseFile;

        @Override
        public Integer call() {
            return terminal.run("keys export", local -> {
                try {
                    String backup = KeyBackup.export(terminal.dataDir, passphrase(passphraseFile, true));
                    PrivateFiles.writeString(output, backup);
                    local.record(ROLE, "keys.export", output.toAbsolutePath().toString(), AuditOutcome.SUCCESS, "encrypted key backup");
                    System.out.println("keys exported, encrypted, to " + output);
                    return 0;
                } catch (IllegalArgumentException | IllegalStateException e) {
                    local.record(ROLE, "keys.export", output.toAbsolutePath().toString(), AuditOutcome.FAILURE, e.getMessage());
                    System.err.println("keys export: " + e.getMessage());
                    return 2;
                }
            });
        }
    }

    /** {@code tanhe keys import}. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Restore the key files from a backup made by 'tanhe keys export' into the data directory (after",
                    "restoring its store, or before the terminal's first start there). Other keys already there are kept",
                    "unless --replace is given."})
    static final class Import implements Callable<Integer> {
        @Mixin
        StoppedTerminal terminal;
        @CommandLine.Parameters(paramLabel = "FILE", description = "the backup file")
        Path file;
        @Option(names = "--passphrase-file", paramLabel = "FILE", description = "read the passphrase from FILE's first line (default: ask)")
        Path passphraseFile;
        @Option(names = "--replace", description = "replace differing key files (secrets and signatures made under them are lost)")
        boolean replace;

        @Override
        public Integer call() {
            System.setProperty("tanhe.log.level", "WARN");
            List<String> restored;
            String problem = null;
            try {
                PrivateFiles.directory(terminal.dataDir);
                restored = KeyBackup.restore(terminal.dataDir, Files.readString(file), passphrase(passphraseFile, false), replace);
            } catch (IllegalArgumentException | IllegalStateException | IOException e) {
                restored = List.of();
                problem = e.getMessage();
            }
            // the store is opened after the restore: opening it first would make a new identity
            if (Engine.holdsStore(terminal.dataDir)) {
                try (LocalSecurity local = LocalSecurity.open(terminal.dataDir)) {
                    local.record(ROLE, "keys.import", file.toAbsolutePath().toString(), problem == null ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE,
                            problem == null ? "restored " + restored : problem);
                } catch (IllegalStateException e) {
                    System.err.println("keys import: not audited: " + e.getMessage());
                }
            }
            if (problem != null) {
                System.err.println("keys import: nothing restored: " + problem);
                return 2;
            }
            System.out.println("keys restored into " + terminal.dataDir + ": " + String.join(", ", restored));
            return 0;
        }
    }
}
