package io.tanhe.server.security.crypto;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeviceKeyTest {
    @TempDir
    Path dir;

    private static final byte[] AAD = "config v3 secret 1".getBytes(StandardCharsets.UTF_8);

    @Test
    void theKeyIsMadeOnceAs0600AndSealsAndOpens() throws Exception {
        DeviceKey key = DeviceKey.loadOrCreate(dir);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(DeviceKey.FILE))));
        byte[] sealed = key.current().encrypt("PW=123456".getBytes(StandardCharsets.UTF_8), AAD);
        DeviceKey again = DeviceKey.loadOrCreate(dir);
        assertEquals(key.currentId(), again.currentId());
        assertArrayEquals("PW=123456".getBytes(StandardCharsets.UTF_8), again.current().decrypt(sealed, AAD));
    }

    @Test
    void aChangedCiphertextOrAnotherPlaceIsRefused() {
        Sm4Gcm key = DeviceKey.loadOrCreate(dir).current();
        byte[] sealed = key.encrypt("secret".getBytes(StandardCharsets.UTF_8), AAD);
        byte[] changed = sealed.clone();
        changed[changed.length - 1] ^= 1;
        assertThrows(CryptoException.class, () -> key.decrypt(changed, AAD));
        assertThrows(CryptoException.class, () -> key.decrypt(sealed, "elsewhere".getBytes(StandardCharsets.UTF_8)));
        assertNotEquals(Sm.hex(sealed), Sm.hex(key.encrypt("secret".getBytes(StandardCharsets.UTF_8), AAD)), "a fresh IV each time");
    }

    @Test
    void aRotationInterruptedBetweenItsStepsKnowsBothKeys() {
        DeviceKey old = DeviceKey.loadOrCreate(dir);
        byte[] sealed = old.current().encrypt("x".getBytes(StandardCharsets.UTF_8), AAD);
        DeviceKey rotating = old.beginRotation();
        assertNotEquals(old.currentId(), rotating.currentId());
        DeviceKey afterCrash = DeviceKey.loadOrCreate(dir);
        assertTrue(afterCrash.rotationPending());
        assertEquals(rotating.currentId(), afterCrash.currentId());
        assertArrayEquals("x".getBytes(StandardCharsets.UTF_8), afterCrash.key(old.currentId()).orElseThrow().decrypt(sealed, AAD));
        DeviceKey done = afterCrash.finishRotation();
        assertEquals(rotating.currentId(), done.currentId());
        assertTrue(done.key(old.currentId()).isEmpty(), "the old key is gone after the rotation");
        assertEquals(rotating.currentId(), DeviceKey.loadOrCreate(dir).currentId());
    }

    @Test
    void aDamagedKeyFileSaysWhatToDo() throws Exception {
        DeviceKey.loadOrCreate(dir);
        Files.writeString(dir.resolve(DeviceKey.FILE), "garbage\n");
        var e = assertThrows(java.io.UncheckedIOException.class, () -> DeviceKey.loadOrCreate(dir));
        assertTrue(e.getMessage().contains("is not a device key file"), e.getMessage());
    }
}
