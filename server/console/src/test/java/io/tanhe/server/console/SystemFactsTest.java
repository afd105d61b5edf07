package io.tanhe.server.console;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SystemFactsTest {
    @Test
    void theSystemPageShowsTheLogsLatestWarningsAndErrorsOnly(@TempDir Path dir) throws Exception {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            log.append("2026-12-06T04:42:20Z [main] INFO  a.B - fine ").append(i).append('\n');
            log.append("2026-12-06T04:42:21Z [main] ").append(i % 2 == 0 ? "WARN " : "ERROR").append(" a.B - problem ").append(i).append('\n');
        }
        Files.writeString(dir.resolve("tanhe.log"), log);
        String before = System.getProperty("tanhe.log.dir");
        System.setProperty("tanhe.log.dir", dir.toString());
        try {
            List<String> lines = SystemFacts.recentProblems(3);
            assertEquals(List.of("2026-12-06T04:42:21Z [main] ERROR a.B - problem 37", "2026-12-06T04:42:21Z [main] WARN  a.B - problem 38",
                    "2026-12-06T04:42:21Z [main] ERROR a.B - problem 39"), lines);
        } finally {
            if (before == null) {
                System.clearProperty("tanhe.log.dir");
            } else {
                System.setProperty("tanhe.log.dir", before);
            }
        }
    }

    @Test
    void withoutALogDirectoryThereIsNothingToShow() {
        String before = System.getProperty("tanhe.log.dir");
        System.clearProperty("tanhe.log.dir");
        try {
            assertEquals(List.of(), SystemFacts.recentProblems(5));
        } finally {
            if (before != null) {
                System.setProperty("tanhe.log.dir", before);
            }
        }
    }
}
