package io.tanhe.server.terminal;

import io.tanhe.grammar.config.InvalidConfigException;
import io.tanhe.server.site.Site;
import io.tanhe.server.site.SiteFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rule base is built on its own thread while the store opens: a start still fails or runs as when built first. */
@Timeout(120)
class TerminalRulesStartTest {
    /** Line 5 is not DRL. */
    private static final String BAD_DRL = "package site.extra;\n\nrule \"broken\"\nwhen\n    this is not DRL\nthen\nend\n";
    private static final String GOOD_DRL = "package site.extra;\n\nimport io.tanhe.engine.rules.fact.ObservationFact;\n\n"
            + "rule \"never\"\nwhen\n    ObservationFact( value < -1.0e30 )\nthen\nend\n";

    @TempDir
    Path dir;

    private Site siteWith(String drl) throws Exception {
        Path file = SiteFiles.demo(dir.resolve("site"), withExtraRules());
        Files.writeString(file.resolveSibling("extra.drl"), drl);
        return SiteFiles.load(file);
    }

    private static UnaryOperator<String> withExtraRules() {
        return s -> {
            assertTrue(s.contains("\nrules:\n"), "the demo site has a rules block");
            return s.replace("\nrules:\n", "\nrules:\n  files: [extra.drl]\n");
        };
    }

    @Test
    void rulesThatDoNotCompileStopTheStartWithTheirFileAndLineAndTheStoreOpenedMeanwhileIsClosed() throws Exception {
        Site site = siteWith(BAD_DRL);
        Path data = dir.resolve("data");
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> Terminal.open(site, DemoRuns.settings(data), Clock.systemUTC()));
        site.close();
        assertEquals(1, e.problems().size(), e.getMessage());
        String shown = e.getMessage();
        assertTrue(shown.contains("rules"), shown);
        assertTrue(shown.contains("extra.drl:5"), "the DRL file and line of the error: " + shown);
        assertEquals(0, e.getSuppressed().length, "nothing else failed: " + java.util.Arrays.toString(e.getSuppressed()));
        assertFalse(storeThreadAlive(Duration.ofSeconds(10)), "the store opened while the rules were built is closed again");
    }

    @Test
    void rulesThatCompileRunWithTheStoreOpenedMeanwhile() throws Exception {
        Path data = dir.resolve("data");
        try (Site site = siteWith(GOOD_DRL); Terminal t = Terminal.open(site, DemoRuns.settings(data), Clock.systemUTC())) {
            assertEquals(java.util.Map.of(), t.deadWorkers(), "the terminal runs");
            assertTrue(t.workerHealth().keySet().stream().anyMatch(n -> n.startsWith("tanhe-eval")), "evaluation runs: " + t.workerHealth());
        }
    }

    /** Whether a store thread is still alive after waiting up to {@code patience} for it to end. */
    private static boolean storeThreadAlive(Duration patience) throws InterruptedException {
        long end = System.nanoTime() + patience.toNanos();
        while (true) {
            boolean alive = Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(t -> t.isAlive() && t.getName().startsWith("tanhe-store-"));
            if (!alive || System.nanoTime() > end) {
                return alive;
            }
            Thread.sleep(50);
        }
    }
}
