package io.tanhe.server.packages;

import io.tanhe.server.security.identity.DeviceIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrustStoreTest {
    @TempDir
    Path data;

    @Test
    void withoutASavedPolicyTheDefaultsTrustNoKey() {
        TrustStore store = new TrustStore(data, DeviceIdentity.loadOrCreate(data));
        assertFalse(store.exists());
        assertEquals(TrustPolicy.defaults().requires(), store.load().requires());
        assertTrue(store.load().keys().isEmpty());
    }

    @Test
    void aSavedPolicyLoadsBackAndIsReadableYaml() throws Exception {
        TrustStore store = new TrustStore(data, DeviceIdentity.loadOrCreate(data));
        store.save(Fixtures.policy().withRequirement(PackageKind.THRESHOLD, Set.of(SignerRole.AUTHOR)));
        assertEquals(Set.of(SignerRole.AUTHOR), store.load().required(PackageKind.THRESHOLD));
        assertEquals(2, TrustPolicy.parse(Files.readString(store.file()), "policy.yaml").keys().size(),
                "the signature is a comment line: the file is a policy tanhe package verify --trust reads");
    }

    @Test
    void aPolicyEditedByHandOrSignedByAnotherDeviceIsRefused() throws Exception {
        TrustStore store = new TrustStore(data, DeviceIdentity.loadOrCreate(data));
        store.save(Fixtures.policy());
        Files.writeString(store.file(), Files.readString(store.file()).replace("Verification Body A", "Verification Body B"));
        IllegalStateException e = assertThrows(IllegalStateException.class, store::load);
        assertTrue(e.getMessage().contains("not signed by this device"), e.getMessage());

        store.save(Fixtures.policy());
        Path other = data.resolve("other");
        TrustStore elsewhere = new TrustStore(other, DeviceIdentity.loadOrCreate(other));
        Files.createDirectories(elsewhere.file().getParent());
        Files.copy(store.file(), elsewhere.file());
        assertThrows(IllegalStateException.class, elsewhere::load);
    }
}
