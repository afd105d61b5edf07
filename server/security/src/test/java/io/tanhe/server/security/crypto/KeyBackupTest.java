package io.tanhe.server.security.crypto;

import io.tanhe.server.security.identity.DeviceIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyBackupTest {
    private static final char[] PASS = "correct horse battery".toCharArray();

    @TempDir
    Path dir;

    @Test
    void aBackupRestoresTheSameKeysIntoAnotherDirectoryAndHoldsNoneInClear() throws Exception {
        Path a = dir.resolve("a");
        DeviceKey key = DeviceKey.loadOrCreate(a);
        DeviceIdentity id = DeviceIdentity.loadOrCreate(a);
        String backup = KeyBackup.export(a, PASS);
        String keyHex = Files.readAllLines(a.resolve(DeviceKey.FILE)).stream().filter(l -> l.startsWith("sm4=")).findFirst().orElseThrow().substring(4);
        assertFalse(backup.contains(keyHex), "the SM4 key is not in the backup in clear");
        assertFalse(backup.contains("PRIVATE KEY"));

        Path b = dir.resolve("b");
        assertEquals(3, KeyBackup.restore(b, backup, PASS, false).size());
        assertEquals(key.currentId(), DeviceKey.loadOrCreate(b).currentId());
        assertEquals(id.fingerprint(), DeviceIdentity.loadOrCreate(b).fingerprint());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(b.resolve(DeviceIdentity.KEY_FILE))));
        assertEquals(3, KeyBackup.restore(b, backup, PASS, false).size(), "the same keys again: nothing differs");
    }

    @Test
    void aWrongPassphraseADamagedBackupOrOtherKeysAreRefused() {
        Path a = dir.resolve("a");
        DeviceKey.loadOrCreate(a);
        String backup = KeyBackup.export(a, PASS);
        var wrong = assertThrows(IllegalArgumentException.class, () -> KeyBackup.restore(dir.resolve("b"), backup, "wrong passphrase!".toCharArray(), false));
        assertTrue(wrong.getMessage().contains("passphrase is wrong"), wrong.getMessage());
        String changed = backup.replace("data=", "data=00");
        assertThrows(IllegalArgumentException.class, () -> KeyBackup.restore(dir.resolve("b"), changed, PASS, false));
        Path other = dir.resolve("other");
        DeviceKey.loadOrCreate(other);
        var differs = assertThrows(IllegalArgumentException.class, () -> KeyBackup.restore(other, backup, PASS, false));
        assertTrue(differs.getMessage().contains("already has other keys") && differs.getMessage().contains("--replace"), differs.getMessage());
        var shortPass = assertThrows(IllegalArgumentException.class, () -> KeyBackup.export(a, "short".toCharArray()));
        assertTrue(shortPass.getMessage().contains("at least 12"), shortPass.getMessage());
    }
}
