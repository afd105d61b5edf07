package io.tanhe.server.terminal.lifecycle;

import io.tanhe.server.recompute.LatePlant;
import io.tanhe.server.site.Site;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Threshold packages against the late-data plant: checked against the methodology, replacing the site's by id. */
class ThresholdPackageTest {
    @TempDir
    Path dir;

    private static Candidate thresholds(String target, String unit) {
        return new Candidate(Candidate.Kind.THRESHOLDS, "limits", "1", new TreeMap<>(Map.of("limits.thresholds.yaml", """
                thresholds:
                  - id: combustion-hourly-high
                    target: %s
                    grain: hour
                    operator: ">"
                    limit: 500
                    unit: %s
                    severity: major
                    message: "{value} {unit} in an hour"
                """.formatted(target, unit))), "");
    }

    @Test
    void aThresholdOnAFigureOfTheMethodologyCompilesAndJoinsTheSitesThresholds() {
        try (Site site = LatePlant.site(dir)) {
            ThresholdPackage p = ThresholdPackage.compile(thresholds("coal_combustion", "tCO2"), site);
            assertEquals("combustion-hourly-high", p.thresholds().getFirst().id());
            Site configured = site.withThresholds(p.thresholds());
            assertEquals(500, configured.thresholds().getFirst().limit(), 1e-9);
        }
    }

    @Test
    void aThresholdOnAnUnknownFigureOrInTheWrongUnitIsRefused() {
        try (Site site = LatePlant.site(dir)) {
            PackageRefusedException unknown = assertThrows(PackageRefusedException.class,
                    () -> ThresholdPackage.compile(thresholds("coal_combustoin", "tCO2"), site));
            assertEquals(PackageState.COMPILED, unknown.step());
            assertTrue(unknown.getMessage().contains("coal_combustoin"), unknown.getMessage());
            PackageRefusedException unit = assertThrows(PackageRefusedException.class,
                    () -> ThresholdPackage.compile(thresholds("coal_combustion", "MWh"), site));
            assertTrue(unit.getMessage().contains("combustion-hourly-high"), unit.getMessage());
        }
    }
}
