package io.tanhe.server.console;

import io.tanhe.server.recompute.LatePlant;
import io.tanhe.server.report.Analysis;
import io.tanhe.server.terminal.Terminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Year;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The structure page's lighter reading gives the same sources, scopes and activity as the full analysis. */
class YearStructureTest {
    @TempDir
    Path dir;

    @Test
    void theSameFiguresAsTheAnalysisOfTheYear() throws Exception {
        try (Terminal t = LatePlant.open(dir.resolve("site"), dir.resolve("data"), Duration.ofMillis(50))) {
            LatePlant.deliver(t, LatePlant.yesterdayEvening());
            var query = new io.tanhe.server.report.ResultQuery(t.site().graph(), t.store().results(), t.site().zone());
            var october = io.tanhe.server.store.TimeRange.of(LatePlant.local("2025-10-01T00:00"), LatePlant.local("2025-11-01T00:00"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (query.results("coal_combustion", "", io.tanhe.engine.time.Grain.DAY, october).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100); // the closed day is written after the readings are evaluated
            }
            Analysis full = Analysis.of("late-plant", t.site().methodology(), t.site().graph(), t.store().results(), t.site().zone(),
                    Year.of(2025));
            YearStructure light = YearStructure.of(t.site().graph(), t.store().results(), t.site().zone(), Year.of(2025));
            assertFalse(full.sources().isEmpty(), "the plant burned coal on 2 October");
            assertEquals(full.sources(), light.sources());
            assertEquals(full.scopes(), light.scopes());
            assertEquals(full.activity(), light.activity());
            double classes = light.classes().values().stream().mapToDouble(Double::doubleValue).sum();
            assertEquals(full.sources().stream().mapToDouble(Analysis.Source::value).sum(), classes, 1e-9, "the classes add up to the sources");
        }
    }
}
