package io.tanhe.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `tanhe compare`: coal unit 1 by its stack CEMS and by the power-generation guideline, on the examples of cems-co2. */
class CompareCommandTest {
    private static final Path LIBRARY = Path.of("..", "..", "methodologies");

    private static CliRun compare(String bound, String grain) {
        return CliRun.of("compare", "--measured", LIBRARY.resolve("cems-co2/cems-co2.tanhe").toString(),
                "--measured-data", LIBRARY.resolve("cems-co2/examples/observations.csv").toString(),
                "--measured-node", "co2_measured[stack1]",
                "--accounting", LIBRARY.resolve("power-generation-2022/power-generation.tanhe").toString(),
                "--accounting-data", LIBRARY.resolve("cems-co2/examples/coal-unit1.csv").toString(),
                "--accounting-node", "coal_combustion[unit1]",
                "--bound", bound, "--from", "2022-06-01T08:00", "--to", "2022-06-01T10:00", "--grain", grain);
    }

    @Test
    void bothFiguresAndTheirDeviationPerHour() {
        CliRun r = compare("5", "hour");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        // accounting 08:00: 103.0 t × 0.5231 × 0.99 × 44/12 = 195.5819 tCO2
        assertTrue(lines.get(1).matches("2022-06-01 08:00 +195\\.4328\\d* +195\\.5818\\d* +-0\\.076% *"), lines.get(1));
        assertTrue(lines.get(3).endsWith("0 findings"), r.out());
    }

    @Test
    void pastTheBoundAFindingAndExitCodeOne() {
        CliRun r = compare("0.08", "hour");
        assertEquals(1, r.exit(), r.out());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(1).endsWith("-0.076%"), lines.get(1));
        assertTrue(lines.get(2).contains("CEMS and accounting differ by -0.09 % (bound ±0.08 %)"), lines.get(2));
        assertTrue(lines.get(3).endsWith("1 finding"), r.out());
    }

    @Test
    void aNodeThatDoesNotExistIsNamed() {
        CliRun r = CliRun.of("compare", "--measured", LIBRARY.resolve("cems-co2/cems-co2.tanhe").toString(),
                "--measured-data", LIBRARY.resolve("cems-co2/examples/observations.csv").toString(),
                "--measured-node", "co2_measurd[stack1]",
                "--accounting", LIBRARY.resolve("power-generation-2022/power-generation.tanhe").toString(),
                "--accounting-data", LIBRARY.resolve("cems-co2/examples/coal-unit1.csv").toString(),
                "--accounting-node", "coal_combustion[unit1]", "--bound", "5", "--from", "2022-06-01T08:00", "--to", "2022-06-01T10:00");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("no node `co2_measurd`"), r.err());
    }
}
