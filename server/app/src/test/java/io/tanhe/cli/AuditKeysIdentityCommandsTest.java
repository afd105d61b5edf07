package io.tanhe.cli;

import io.tanhe.server.store.jdbc.StoreSettings;
import io.tanhe.server.store.jdbc.JdbcStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tanhe audit|keys|identity} against a real stopped terminal's data directory. */
class AuditKeysIdentityCommandsTest {
    @TempDir
    Path dir;
    String data;

    @BeforeEach
    void aStoppedTerminalsDataDirectory() {
        JdbcStore.open(StoreSettings.at(dir).withMinFreeBytes(0)).close();
        data = "--data-dir=" + dir;
    }

    private static CliRun ok(String... args) {
        CliRun run = CliRun.of(args);
        assertEquals(0, run.exit(), String.join(" ", args) + ": " + run.err() + run.out());
        return run;
    }

    @Test
    void everyCommandIsAuditedAndVerifyNamesAnEntryEditedWithSql() throws Exception {
        ok("identity", "show", data);
        ok("identity", "csr", data, "--subject=CN=terminal-0042,O=Example Plant,C=CN", "-o", dir.resolve("t.csr").toString());
        assertTrue(Files.readString(dir.resolve("t.csr")).startsWith("-----BEGIN CERTIFICATE REQUEST-----"));
        ok("keys", "show", data);
        ok("keys", "rotate", data);
        CliRun verify = ok("audit", "verify", data);
        assertTrue(verify.out().contains("audit intact"), verify.out());
        CliRun query = ok("audit", "query", data, "--asc", "--source=local");
        for (String type : new String[]{"identity.show", "identity.csr", "keys.show", "keys.rotate", "audit.verify"}) {
            assertTrue(query.out().contains(type), type + " missing in\n" + query.out());
        }
        assertTrue(query.out().contains(System.getProperty("user.name")), query.out());

        try (JdbcStore store = JdbcStore.open(StoreSettings.at(dir).withMinFreeBytes(0));
             Connection c = store.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE audit_entry SET outcome = 'FAILURE' WHERE seq = 3");
            c.commit();
        }
        CliRun broken = CliRun.of("audit", "verify", data);
        assertEquals(1, broken.exit());
        assertTrue(broken.err().contains("audit BROKEN at entry #3"), broken.err());
    }

    @Test
    void exportWritesAFileAndWipeNeedsConfirmation() throws Exception {
        ok("identity", "show", data);
        Path csv = dir.resolve("audit.csv");
        ok("audit", "export", data, "--format=csv", "-o", csv.toString());
        assertTrue(Files.readString(csv).contains("identity.show"), Files.readString(csv));
        CliRun json = ok("audit", "export", data, "--format=json", "--type=audit.export");
        assertTrue(json.out().startsWith("[") && json.out().contains("\"type\":\"audit.export\""), json.out());

        CliRun refused = CliRun.of("audit", "wipe", data);
        assertEquals(2, refused.exit());
        assertTrue(refused.err().contains("--confirm"), refused.err());
        CliRun wiped = ok("audit", "wipe", data, "--confirm");
        assertTrue(wiped.out().contains("chain 2 starts at entry #4"), wiped.out());
        assertTrue(ok("audit", "verify", data).out().contains("chain 2"));
    }

    @Test
    void badInputSaysWhatIsWrong() throws Exception {
        CliRun outcome = CliRun.of("audit", "query", data, "--outcome=MAYBE");
        assertEquals(2, outcome.exit());
        assertTrue(outcome.err().contains("is not SUCCESS, FAILURE or DENIED"), outcome.err());
        CliRun noStore = CliRun.of("audit", "verify", "--data-dir=" + dir.resolve("nothing"));
        assertEquals(2, noStore.exit());
        assertTrue(noStore.err().contains("no terminal store in"), noStore.err());
        Path notACertificate = java.nio.file.Files.writeString(dir.resolve("notes.txt"), "site: {id: plant-1}\n");
        CliRun badCert = CliRun.of("identity", "install", data, notACertificate.toString());
        assertEquals(1, badCert.exit(), badCert.err());
        assertTrue(badCert.err().contains("nothing installed"), badCert.err());
        CliRun badSubject = CliRun.of("identity", "csr", data, "--subject=terminal 42");
        assertEquals(2, badSubject.exit());
        assertTrue(badSubject.err().contains("not a distinguished name"), badSubject.err());
    }

    @Test
    void aStoredSiteChangedWithSqlIsRefusedWhereTheCliLoadsIt() throws Exception {
        try (JdbcStore store = JdbcStore.open(StoreSettings.at(dir).withMinFreeBytes(0))) {
            io.tanhe.server.security.config.SealedConfigs.open(store::connect, store.configs(),
                            io.tanhe.server.security.crypto.DeviceKey.loadOrCreate(dir),
                            io.tanhe.server.security.identity.DeviceIdentity.loadOrCreate(dir))
                    .save("site: {id: plant-1}\n", "terminal", java.time.Instant.parse("2026-06-01T00:00:00Z"), "");
            try (Connection c = store.connect(); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE config_version SET author = 'someone' WHERE version_no = 1");
                c.commit();
            }
        }
        CliRun r = CliRun.of("recompute", "--from", "2026-06-01", data);
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("stored configuration version 1") && r.err().contains("does not match its signature"), r.err());
    }

    @Test
    void keysExportAndImportMoveTheKeysEncryptedAndRefuseAWrongPassphrase() throws Exception {
        Path pass = dir.resolve("pass");
        Files.writeString(pass, "a long enough passphrase\n");
        ok("keys", "show", data);
        String fingerprint = io.tanhe.server.security.identity.DeviceIdentity.loadOrCreate(dir).fingerprint();
        Path backup = dir.resolve("keys.backup");
        ok("keys", "export", data, "-o", backup.toString(), "--passphrase-file", pass.toString());
        Path other = dir.resolve("restored");
        ok("keys", "import", "--data-dir=" + other, backup.toString(), "--passphrase-file", pass.toString());
        assertEquals(fingerprint, io.tanhe.server.security.identity.DeviceIdentity.loadOrCreate(other).fingerprint());

        Files.writeString(pass, "not the passphrase at all\n");
        CliRun wrong = CliRun.of("keys", "import", "--data-dir=" + dir.resolve("third"), backup.toString(), "--passphrase-file", pass.toString());
        assertEquals(2, wrong.exit());
        assertTrue(wrong.err().contains("the passphrase is wrong"), wrong.err());
        assertTrue(ok("audit", "query", data, "--type=keys.export").out().contains("encrypted key backup"));
    }
}
