package io.tanhe.server.store.jdbc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.tanhe.server.store.Samples.T0;
import static io.tanhe.server.store.Samples.reading;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineTest {
    @TempDir
    Path dir;

    @Test
    void aNewDirectoryIsSqliteAndAnExistingDerbyDirectoryOpensOnDerbyWithItsData() {
        assertEquals(Engine.SQLITE, StoreSettings.at(dir.resolve("new")).engine());
        assertFalse(Engine.holdsStore(dir.resolve("new")));

        Path old = dir.resolve("old");
        try (JdbcStore store = JdbcStore.open(StoreSettings.at(old).withEngine(Engine.DERBY).withMinFreeBytes(0))) {
            store.readings().write(reading("p", T0, "1")).join();
        }
        assertTrue(Engine.holdsStore(old));
        StoreSettings detected = StoreSettings.at(old).withMinFreeBytes(0);
        assertEquals(Engine.DERBY, detected.engine());
        try (JdbcStore store = JdbcStore.open(detected)) {
            assertEquals(Engine.DERBY, store.engine());
            assertEquals(1, store.readings().count());
        }
    }

    @Test
    void aServerLoginNeverShowsItsPasswordAndRefusesOneInTheUrl() {
        ServerLogin login = ServerLogin.of("postgresql://db:5432/tanhe", "tanhe", "s3cret");
        assertEquals("jdbc:postgresql://db:5432/tanhe", login.url());
        assertFalse(login.toString().contains("s3cret"), login.toString());
        assertFalse(StoreSettings.at(dir).withServer(login).toString().contains("s3cret"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerLogin.of("postgresql://db/tanhe?password=x", "tanhe", ""));
        assertTrue(e.getMessage().contains("give it as `password:`"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ServerLogin("mysql://db/tanhe", "", "", "require"));
        assertThrows(IllegalArgumentException.class, () -> new ServerLogin("postgresql://db/tanhe", "", "", "sometimes"));
        assertThrows(IllegalArgumentException.class, () -> Engine.of("oracle"));
    }
}
