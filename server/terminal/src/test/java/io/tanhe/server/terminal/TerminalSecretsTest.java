package io.tanhe.server.terminal;

import io.tanhe.server.store.jdbc.StoreSettings;
import io.tanhe.server.store.jdbc.JdbcStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 12, defect 12: no secret in the stored configuration; the data directory is the terminal's alone. */
class TerminalSecretsTest {
    @TempDir
    Path dir;

    @Test
    void tlsKeystorePasswordsAreNotStoredInClearAndTheDataDirectoryAndItsFilesArePrivate() throws Exception {
        Path trust = Files.writeString(dir.resolve("ca.p12"), "not read before a connection");
        String uplink = """

                uplink:
                  centres:
                    - id: third
                      protocol: https
                      address: https://carbon.example.com/api/uplink
                      terminal_id: T-0001
                      tls:
                        trust_store: %s
                        trust_store_password: Tru5t-Me-Not
                        key_store_password: "K3y-S3cret"
                      indicators:
                        - {node: E, code: co2_total}
                """.formatted(trust);
        Path data = dir.resolve("data");
        try (Terminal t = DemoRuns.open(dir.resolve("site"), data, s -> s + uplink, DemoRuns.settings(data))) {
            assertEquals(1, t.site().uplink().centres().size());
            assertEquals("Tru5t-Me-Not", t.site().uplink().centres().get(0).tls().trustStorePassword(), "the running terminal has it");
        }
        try (JdbcStore store = JdbcStore.open(StoreSettings.at(data))) {
            String stored = store.configs().latest().orElseThrow().content();
            assertTrue(stored.contains("trust_store_password: (redacted)"), stored);
            assertFalse(stored.contains("Tru5t-Me-Not"), stored);
            assertFalse(stored.contains("K3y-S3cret"), stored);
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        try (Stream<Path> all = Files.walk(data)) {
            List<String> open = all.filter(p -> Files.isDirectory(p) ? !posix(p).equals("rwx------") : !posix(p).equals("rw-------"))
                    .map(p -> data.relativize(p) + " " + posix(p)).toList();
            assertEquals(List.of(), open, "every directory under the data directory is 0700, every file 0600");
        }
    }

    private static String posix(Path p) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
