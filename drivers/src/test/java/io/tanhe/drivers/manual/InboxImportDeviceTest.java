package io.tanhe.drivers.manual;

import io.tanhe.drivers.Reading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InboxImportDeviceTest {
    private static final Instant NOW = Instant.parse("2024-04-01T00:00:00Z");

    @TempDir
    Path inbox;

    @Test
    void droppedFileIsImportedOnceThenFiledAwayWithItsReport() throws Exception {
        Files.writeString(inbox.resolve("march.csv"), "2024-03-01 08:00,coal.burned,1.5,t\n2024-03-01 08:00,coal.burned,x,t\n");
        Files.writeString(inbox.resolve("notes.txt"), "not an import file");
        InboxImportDevice device = new InboxImportDevice(inbox, new ImportSettings("inbox", ZoneOffset.UTC,
                Map.of("coal.burned", "t"), "clerk"));

        List<Reading> first = device.poll(NOW);
        assertEquals(1, first.size());
        assertTrue(Files.exists(inbox.resolve("march.csv")), "kept until its readings were handed on");

        assertEquals(List.of(), device.poll(NOW));
        assertFalse(Files.exists(inbox.resolve("march.csv")));
        assertTrue(Files.exists(device.importedFolder().resolve("march.csv")));
        assertEquals("""
                march.csv: 2 rows, 1 imported, 1 refused
                  march.csv:2: column 3 (value): 'x' is not a number
                """, Files.readString(device.importedFolder().resolve("march.csv.report.txt")));
        assertTrue(Files.exists(inbox.resolve("notes.txt")));
    }

    @Test
    void aCrashBeforeFilingAwayImportsTheFileAgain() throws Exception {
        Files.writeString(inbox.resolve("a.csv"), "2024-03-01 08:00,coal.burned,1.5,t\n");
        ImportSettings settings = new ImportSettings("inbox", ZoneOffset.UTC, Map.of("coal.burned", "t"), "clerk");
        assertEquals(1, new InboxImportDevice(inbox, settings).poll(NOW).size());

        try (InboxImportDevice restarted = new InboxImportDevice(inbox, settings)) {
            assertEquals(1, restarted.poll(NOW).size());
        }
        assertFalse(Files.exists(inbox.resolve("a.csv")), "close files the last batch away");
    }
}
