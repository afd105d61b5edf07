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

/**
 * Issue 12, defect 12, and issue 14: no secret in clear anywhere in the data directory (the stored configuration
 * keeps them sealed under the device key); the data directory is the terminal's alone.
 */
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
        List<String> hits = new java.util.ArrayList<>();
        try (Stream<Path> all = Files.walk(data)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                String bytes = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
                for (String secret : List.of("Tru5t-Me-Not", "K3y-S3cret")) {
                    if (bytes.contains(secret)) {
                        hits.add(data.relativize(file) + " holds " + secret);
                    }
                }
            }
        }
        assertEquals(List.of(), hits, "no file under the data directory (store, logs, keys, audit) holds a secret in clear");
        try (JdbcStore store = JdbcStore.open(StoreSettings.at(data))) {
            var sealed = io.tanhe.server.security.config.SealedConfigs.open(store::connect, store.configs(),
                    io.tanhe.server.security.crypto.DeviceKey.loadOrCreate(data), io.tanhe.server.security.identity.DeviceIdentity.loadOrCreate(data));
            String opened = sealed.latest().orElseThrow().text();
            assertTrue(opened.contains("trust_store_password: Tru5t-Me-Not") && opened.contains("\"K3y-S3cret\""),
                    "the stored version opens with its secrets under the device key");
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        try (Stream<Path> all = Files.walk(data)) {
            List<String> open = all.filter(p -> Files.isDirectory(p) ? !posix(p).equals("rwx------") : !posix(p).equals("rw-------"))
                    .map(p -> data.relativize(p) + " " + posix(p)).toList();
            assertEquals(List.of(), open, "every directory under the data directory is 0700, every file 0600");
        }
    }

    @Test
    void aStoredConfigurationChangedWithSqlStopsTheNextStartNamingTheVersion() throws Exception {
        Path data = dir.resolve("data");
        try (Terminal t = DemoRuns.open(dir.resolve("site"), data, s -> s, DemoRuns.settings(data))) {
            assertEquals(1, t.store().configs().history().size());
        }
        try (JdbcStore store = JdbcStore.open(StoreSettings.at(data));
             java.sql.Connection c = store.connect(); java.sql.Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE config_version SET note = 'nothing to see' WHERE version_no = 1");
            c.commit();
        }
        var e = org.junit.jupiter.api.Assertions.assertThrows(io.tanhe.server.security.config.ConfigTamperedException.class,
                () -> DemoRuns.open(dir.resolve("site"), data, s -> s, DemoRuns.settings(data)).close());
        assertEquals(1, e.version());
        assertTrue(e.getMessage().contains("stored configuration version 1") && e.getMessage().contains("does not match its signature"),
                e.getMessage());
        try (JdbcStore store = JdbcStore.open(StoreSettings.at(data))) {
            assertEquals(1, store.configs().history().size(), "the refused start saved nothing");
            try (java.sql.Connection c = store.connect(); java.sql.Statement s = c.createStatement();
                 java.sql.ResultSet rs = s.executeQuery("SELECT outcome, target FROM audit_entry WHERE event_type = 'config.tampered'")) {
                assertTrue(rs.next(), "the refusal is audited");
                assertEquals("FAILURE", rs.getString(1));
                assertEquals("configuration version 1", rs.getString(2));
                c.commit();
            }
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
