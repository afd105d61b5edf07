package io.tanhe.server.store.jdbc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;

import static io.tanhe.server.store.Samples.T0;
import static io.tanhe.server.store.Samples.reading;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Store.connect(): another module's tables beside the store's, in portable SQL. */
@ParameterizedClass
@EnumSource(Engine.class)
class ConnectTest {
    @Parameter
    Engine engine;

    @TempDir
    Path dir;

    @Test
    void aTableCreatedAndWrittenThroughConnectIsThereAfterReopening() throws Exception {
        StoreSettings settings = TestStores.prepared(engine, dir);
        try (JdbcStore store = JdbcStore.open(settings)) {
            try (Connection c = store.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE account (name VARCHAR(64) NOT NULL PRIMARY KEY, role VARCHAR(16) NOT NULL)");
                c.commit();
                // the store keeps writing while the other module's transaction is open: its writer waits, then commits
                CompletableFuture<?> write;
                try (PreparedStatement p = c.prepareStatement("INSERT INTO account VALUES (?, ?)")) {
                    p.setString(1, "admin");
                    p.setString(2, "ADMIN");
                    p.executeUpdate();
                    write = store.readings().write(reading("p", T0, "1"));
                    Thread.sleep(100);
                }
                c.commit();
                write.join();
            }
        }
        try (JdbcStore store = JdbcStore.open(settings); Connection c = store.connect()) {
            try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery("SELECT role FROM account WHERE name = 'admin'")) {
                assertTrue(rows.next());
                assertEquals("ADMIN", rows.getString(1));
            }
            c.commit();
            assertEquals(1, store.readings().count());
        }
    }
}
