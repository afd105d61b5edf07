package io.tanhe.server.store.derby;

import java.nio.file.Path;

/** Opens test stores for tests outside this package. */
public final class Stores {
    private Stores() {
    }

    public static DerbyStore openForTest(Path dir) {
        return TestStores.open(dir);
    }
}
