package io.tanhe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `tanhe eval` and `tanhe explain` on the power-generation methodology and its example data, as the README shows. */
class EvalAndExplainCommandTest {
    static final Path METHODOLOGY = Path.of("..", "..", "methodologies", "power-generation-2022", "power-generation.tanhe");
    static final Path DATA = Path.of("..", "..", "methodologies", "power-generation-2022", "examples", "observations.csv");

    @Test
    void evalPrintsHourlyTotalsThatAddUpAndCountsTheRevisionOfTheLateReading() throws IOException {
        CliRun r = CliRun.of("eval", METHODOLOGY.toString(), "--data", DATA.toString(), "--from", "2022-06-01T08:00",
                "--to", "2022-06-01T11:00", "--grain", "hour", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals("cn.power-generation", doc.get("methodology").get("id").asText());
        double total = 0;
        double parts = 0;
        for (JsonNode row : doc.get("results")) {
            if (row.get("bucket").asText().startsWith("2022-06-01T09:00")) {
                if (row.get("node").asText().equals("E")) {
                    total = row.get("value").asDouble();
                } else if (row.get("node").asText().equals("combustion") || row.get("node").asText().equals("purchased_power")) {
                    parts += row.get("value").asDouble();
                }
            }
        }
        assertTrue(total > 0);
        assertEquals(parts, total, 1e-6);
        CliRun table = CliRun.of("eval", METHODOLOGY.toString(), "--data", DATA.toString(), "--from", "2022-06-01T08:00",
                "--to", "2022-06-01T11:00");
        assertTrue(table.out().strip().endsWith("revisions from late data"), table.out());
    }

    @Test
    void explainGivesTheSameValueAsEvalWithFactorSourcesAndObservations() throws IOException {
        CliRun eval = CliRun.of("eval", METHODOLOGY.toString(), "--data", DATA.toString(), "--from", "2022-06-01T09:00",
                "--to", "2022-06-01T10:00", "--nodes", "E", "--format", "csv");
        double value = Double.parseDouble(eval.out().lines().skip(1).findFirst().orElseThrow().split(",")[4]);
        CliRun r = CliRun.of("explain", METHODOLOGY.toString(), "--data", DATA.toString(), "--node", "E", "--bucket", "2022-06-01T09:20",
                "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode e = new ObjectMapper().readTree(r.out());
        assertEquals("tanhe.explanation/1", e.get("schema").asText());
        assertEquals(64, e.get("methodology").get("contentHash").asText().length());
        assertEquals(value, e.get("result").get("value").asDouble(), 1e-6);
        String text = r.out();
        assertTrue(text.contains("\"confidence\" : \"C\""), "the unverified coal oxidation rate is shown");
        assertTrue(text.contains("\"observations\""), "observations that fed the inputs are listed");
    }

    @Test
    void aBadObservationFileIsRejectedWithFileAndLineAndNothingIsEvaluated(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "timestamp,input,key,value,unit\n2022-06-01T08:00,coal_burned,unit1,abc,t\n"
                + "2022-06-01T08:01,coal_burned,unit1,12,kWh\n2022-06-01T08:02,coal_bruned,unit1,12,t\n");
        CliRun r = CliRun.of("eval", METHODOLOGY.toString(), "--data", bad.toString(), "--from", "2022-06-01", "--to", "2022-06-02");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("bad.csv:2: column 4 (value): `abc` is not a number"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void observationsThatDoNotFitTheMethodologyNameTheInputAndUnits(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("units.csv");
        Files.writeString(bad, "timestamp,input,key,value,unit\n2022-06-01T08:01,coal_burned,unit1,12,kWh\n");
        CliRun r = CliRun.of("eval", METHODOLOGY.toString(), "--data", bad.toString(), "--from", "2022-06-01", "--to", "2022-06-02");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("coal_burned") && r.err().contains("kWh"), r.err());
    }
}
