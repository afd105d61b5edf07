package io.tanhe.cli;

import io.tanhe.drivers.Reading;
import io.tanhe.server.store.StoredReading;
import io.tanhe.server.store.jdbc.Engine;
import io.tanhe.server.store.jdbc.JdbcStore;
import io.tanhe.server.store.jdbc.StoreSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoreCommandTest {
    private static final Instant T0 = Instant.parse("2024-03-01T00:00:00Z");

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cli = TanheCli.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static void fill(StoreSettings settings, int readings) {
        try (JdbcStore store = JdbcStore.open(settings)) {
            List<StoredReading> rows = new ArrayList<>();
            for (int i = 0; i < readings; i++) {
                Instant at = T0.plusSeconds(i);
                rows.add(StoredReading.of(Reading.measured("p" + i % 3, at, new BigDecimal(i + ".50"), "kWh", "m1"), at));
            }
            store.readings().writeAll(rows).join();
            store.configs().save("site: a", "admin", T0, "");
        }
    }

    @Test
    void migrateCopiesADerbyDirectoryToSqliteAndTheChecksumsAgree() {
        Path derby = dir.resolve("derby");
        fill(StoreSettings.at(derby).withEngine(Engine.DERBY), 7000);
        Path sqlite = dir.resolve("sqlite");
        Run migrate = run("store", "migrate", "--from", derby.toString(), "--to", sqlite.toString());
        assertEquals(0, migrate.exit(), migrate.err());
        assertTrue(migrate.out().contains("counts and checksums identical"), migrate.out());
        assertTrue(migrate.err().contains("migrate: raw_reading: 5000 rows copied"), "progress: " + migrate.err());
        assertTrue(Files.isRegularFile(sqlite.resolve(Engine.SQLITE_FILE)));
        Run a = run("store", "checksum", derby.toString());
        Run b = run("store", "checksum", sqlite.toString());
        assertEquals(0, b.exit(), b.err());
        assertEquals(a.out(), b.out());
        assertTrue(b.out().contains("raw_reading              7000"), b.out());
    }

    @Test
    void exportImportBackupAndRestoreWorkOnTheCommandLine() throws Exception {
        Path store = dir.resolve("data");
        fill(StoreSettings.at(store), 100);
        Path csv = dir.resolve("readings.csv");
        Run export = run("store", "export", "--store", store.toString(), "readings", csv.toString());
        assertEquals(0, export.exit(), export.err());
        assertEquals(101, Files.readAllLines(csv).size(), "a header and 100 rows");

        Path other = dir.resolve("other");
        Run imported = run("store", "import", "--store", other.toString(), "readings", csv.toString());
        assertEquals(0, imported.exit(), imported.err());
        assertTrue(imported.out().contains("100 rows, 100 stored"), imported.out());

        Run backup = run("store", "backup", "--store", store.toString(), dir.resolve("backups").toString());
        assertEquals(0, backup.exit(), backup.err());
        Path copy = Path.of(backup.out().strip().substring("backup: ".length()));
        fill(StoreSettings.at(store), 200); // 100 more after the backup
        Run restore = run("store", "restore", "--store", store.toString(), copy.toString());
        assertEquals(0, restore.exit(), restore.err());
        assertTrue(restore.out().contains("100 readings"), restore.out());
    }

    @Test
    void mistakesAreNamedWithWhatToDo() {
        Run what = run("store", "export", "--store", dir.toString(), "alerts", dir.resolve("x.csv").toString());
        assertEquals(2, what.exit());
        assertTrue(what.err().contains("`alerts`: give readings or results"), what.err());
        Run none = run("store", "backup", "--store", dir.resolve("empty").toString(), dir.resolve("b").toString());
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("no store in"), none.err());
        Run url = run("store", "checksum", "mysql://host/db");
        assertEquals(2, url.exit());
        assertTrue(url.err().contains("neither a directory nor a postgresql:// URL"), url.err());
        Run intoDerby = run("store", "migrate", "--from", dir.resolve("a").toString(), "--to", "postgresql://127.0.0.1:1/none?user=x");
        assertEquals(1, intoDerby.exit());
        assertTrue(intoDerby.err().contains("cannot open the store database at jdbc:postgresql://127.0.0.1:1/none"), intoDerby.err());
    }
}
