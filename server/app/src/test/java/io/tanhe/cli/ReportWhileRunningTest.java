package io.tanhe.cli;

import io.tanhe.server.terminal.DemoRuns;
import io.tanhe.server.terminal.Terminal;
import io.tanhe.server.api.TerminalApi;
import io.tanhe.server.terminal.TerminalFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `tanhe report` while a terminal holds the store: the report comes from the terminal's API and is
 * the same text as the one read from the store after the terminal stopped. A note left by a
 * terminal that no longer runs is ignored.
 */
@Timeout(120)
class ReportWhileRunningTest {
    private static final String[] MINUTES = {"--grain", "minute", "--from", "2026-06-01T08:00", "--to", "2026-06-01T08:10"};

    @TempDir
    Path dir;

    @Test
    void aReportWhileTheTerminalRunsEqualsTheReportAfterItStopped() throws Exception {
        Path data = dir.resolve("data");
        CliRun table;
        CliRun json;
        try (Terminal t = DemoRuns.open(dir.resolve("site"), data, UnaryOperator.identity(),
                DemoRuns.settings(data))) {
            TerminalApi.start(t, io.tanhe.server.api.ApiBinding.plain("127.0.0.1", 0),
                    TerminalSecurity.prepare(t, data, new java.io.PrintStream(java.io.OutputStream.nullOutputStream())));
            DemoRuns.simulate(t, DemoRuns.START, Duration.ofMinutes(12));
            awaitEvaluated(t, DemoRuns.START.plus(Duration.ofMinutes(12)));
            TerminalFile note = TerminalFile.read(data).orElseThrow();
            assertEquals(ProcessHandle.current().pid(), note.pid());
            assertEquals(t.apiAddress().orElseThrow(), note.api());

            table = report(data, "table");
            json = report(data, "json");
            assertTrue(table.out().contains("2026-06-01 08:09  combustion"), table.out());
            assertTrue(json.out().contains("\"schema\" : \"tanhe.report/1\""), json.out());

            CliRun bad = CliRun.of("report", "--data-dir", data.toString(), "--grain", "minute", "--from", "yesterday");
            assertEquals(2, bad.exit(), bad.err());
            assertTrue(bad.err().startsWith("report: ") && bad.err().contains("`yesterday` is not a time"), bad.err());
        }
        assertFalse(Files.exists(data.resolve(TerminalFile.NAME)), "a clean stop removes the note");
        assertEquals(table.out(), report(data, "table").out(), "the running terminal's report is the stored one");
        assertEquals(json.out(), report(data, "json").out());

        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(data.resolve(TerminalFile.NAME), "{\"pid\": " + gone.pid() + ", \"api\": \"http://127.0.0.1:9\","
                + " \"startedAt\": \"2026-06-01T00:00:00Z\", \"site\": \"demo-plant\"}");
        assertEquals(table.out(), report(data, "table").out(), "a note of a process that ended is ignored");

        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            Files.writeString(data.resolve(TerminalFile.NAME), "{\"pid\": " + other.pid() + ", \"api\": \"http://127.0.0.1:9\","
                    + " \"startedAt\": \"2026-06-01T00:00:00Z\", \"site\": \"demo-plant\"}");
            assertEquals(table.out(), report(data, "table").out(), "a live pid whose API does not answer is not a terminal");
        } finally {
            other.destroy();
            other.waitFor();
        }
        Files.writeString(data.resolve(TerminalFile.NAME), "not json");
        assertEquals(table.out(), report(data, "table").out(), "an unreadable note is ignored");
    }

    @Test
    void aTerminalWithoutItsApiGetsAnErrorThatSaysWhatToDo() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Files.writeString(data.resolve(TerminalFile.NAME), "{\"pid\": " + ProcessHandle.current().pid() + ", \"api\": null,"
                + " \"startedAt\": \"2026-06-01T00:00:00Z\", \"site\": \"demo-plant\"}");
        CliRun r = CliRun.of("report", "--data-dir", data.toString(), "--grain", "hour", "--from", "2026-06-01");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains("runs without its API; stop it, or restart it with the API on (--port 8017 or --port 0)"), r.err());
        assertEquals("", r.out());
    }

    private static CliRun report(Path data, String format) {
        String[] args = new String[MINUTES.length + 5];
        args[0] = "report";
        args[1] = "--data-dir";
        args[2] = data.toString();
        System.arraycopy(MINUTES, 0, args, 3, MINUTES.length);
        args[MINUTES.length + 3] = "--format";
        args[MINUTES.length + 4] = format;
        CliRun r = CliRun.of(args);
        assertEquals(0, r.exit(), r.err());
        assertFalse(r.err().contains("report:"), r.err());
        return r;
    }

    /** Waits until the terminal has evaluated up to {@code end} and written the closed minutes (flushes every 200 ms). */
    private static void awaitEvaluated(Terminal t, Instant end) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while ((t.stats().watermark() == null || t.stats().watermark().isBefore(end.minusSeconds(5))) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(1_000);
    }

}
