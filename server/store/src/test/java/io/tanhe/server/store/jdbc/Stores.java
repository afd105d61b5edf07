package io.tanhe.server.store.jdbc;

import java.nio.file.Path;

/** Opens test stores for tests outside this package. */
public final class Stores {
    private Stores() {
    }

    /** A SQLite store (the default engine) in {@code dir}. */
    public static JdbcStore openForTest(Path dir) {
        return TestStores.open(dir);
    }

    /** A store on {@code engine} in {@code dir} (PostgreSQL: a new database on the test server). */
    public static JdbcStore openForTest(Engine engine, Path dir) {
        return TestStores.open(engine, dir);
    }
}
