package io.tanhe.server.security.config;

import io.tanhe.server.security.crypto.DeviceKey;
import io.tanhe.server.security.identity.DeviceIdentity;
import io.tanhe.server.store.ConfigVersion;
import io.tanhe.server.store.RetentionPolicy;
import io.tanhe.server.store.jdbc.StoreSettings;
import io.tanhe.server.store.jdbc.JdbcStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SealedConfigsTest {
    static final String SITE = """
            site: {id: plant-1}
            uplink:
              centres:
                - name: province
                  password: "Pw-123456"
                  keyStorePassword: ks-secret-9
                  flow: {user: a, password: 'flow-pass', mode: x}
            """;
    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir
    Path dir;
    JdbcStore store;
    SealedConfigs sealed;

    @BeforeEach
    void open() {
        store = JdbcStore.open(StoreSettings.at(dir).withMinFreeBytes(0).withRetention(RetentionPolicy.standard(), Duration.ZERO, 500));
        sealed = reopen();
    }

    SealedConfigs reopen() {
        return SealedConfigs.open(store::connect, store.configs(), DeviceKey.loadOrCreate(dir), DeviceIdentity.loadOrCreate(dir));
    }

    @AfterEach
    void close() {
        store.close();
    }

    void sql(String statement) throws Exception {
        try (Connection c = store.connect(); Statement s = c.createStatement()) {
            s.executeUpdate(statement);
            c.commit();
        }
    }

    @Test
    void theStoreHoldsNoSecretAndLoadingGivesTheTextBackExactly() {
        ConfigVersion v = sealed.save(SITE, "terminal", T0, "start");
        for (String secret : new String[]{"Pw-123456", "ks-secret-9", "flow-pass"}) {
            assertFalse(v.content().contains(secret), v.content());
        }
        assertEquals(SITE, reopen().latest().orElseThrow().text());
    }

    @Test
    void aChangedPasswordAloneReSealsTheSameVersion() {
        sealed.save(SITE, "terminal", T0, "start");
        ConfigVersion v = sealed.save(SITE.replace("Pw-123456", "Pw-654321"), "terminal", T0.plusSeconds(60), "start");
        assertEquals(1, v.version(), "the redacted text is the same version");
        assertTrue(sealed.latest().orElseThrow().text().contains("Pw-654321"));
    }

    @Test
    void textChangedWithSqlStopsTheLoadNamingTheVersion() throws Exception {
        sealed.save(SITE, "terminal", T0, "start");
        sealed.save(SITE.replace("plant-1", "plant-2"), "terminal", T0.plusSeconds(60), "edit");
        String stored = store.configs().version(1).orElseThrow().content();
        try (Connection c = store.connect(); var p = c.prepareStatement("UPDATE config_version SET content = ? WHERE version_no = 1")) {
            p.setString(1, stored.replace("plant-1", "plant-9"));
            p.executeUpdate();
            c.commit();
        }
        ConfigTamperedException e = assertThrows(ConfigTamperedException.class, () -> reopen().verifyAll());
        assertEquals(1, e.version());
        assertTrue(e.getMessage().contains("stored configuration version 1") && e.getMessage().contains("does not match its signature"),
                e.getMessage());
        assertTrue(sealed.latest().orElseThrow().text().contains("plant-2"), "version 2 is intact and opens");
    }

    @Test
    void aVersionAddedOutsideTheTerminalHasNoSignatureAndIsRefused() {
        sealed.save(SITE, "terminal", T0, "start");
        store.configs().save("site: {id: evil}\n", "intruder", T0.plusSeconds(5), "");
        ConfigTamperedException e = assertThrows(ConfigTamperedException.class, () -> reopen().latest());
        assertEquals(2, e.version());
        assertTrue(e.getMessage().contains("has no signature of this terminal"), e.getMessage());
    }

    @Test
    void aSwappedOrRemovedSecretIsRefused() throws Exception {
        sealed.save(SITE, "terminal", T0, "start");
        sql("DELETE FROM config_secret WHERE idx = 2");
        assertThrows(ConfigTamperedException.class, () -> reopen().latest());
    }

    @Test
    void rotationReEncryptsEverySecretUnderANewKey() throws Exception {
        sealed.save(SITE, "terminal", T0, "start");
        sealed.save(SITE.replace("plant-1", "plant-2"), "terminal", T0.plusSeconds(60), "edit");
        String before = sealed.keyId();
        assertEquals(6, sealed.rotateKey());
        assertNotEquals(before, sealed.keyId());
        SealedConfigs after = reopen();
        assertEquals(sealed.keyId(), after.keyId());
        after.verifyAll();
        assertEquals(SITE, after.version(1).orElseThrow().text());
        try (Connection c = store.connect(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT COUNT(*) FROM config_secret WHERE key_id = '" + before + "'")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "nothing is left under the old key");
            c.commit();
        }
    }
}
