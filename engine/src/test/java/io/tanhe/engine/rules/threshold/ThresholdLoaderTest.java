package io.tanhe.engine.rules.threshold;

import io.tanhe.engine.rules.alert.Severity;
import io.tanhe.engine.time.Grain;
import io.tanhe.grammar.config.ConfigProblem;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThresholdLoaderTest {
    private final ThresholdLoader loader = new ThresholdLoader();

    @Test
    void shippedExampleLoadsWithEveryField() {
        ThresholdFile f = loader.load(Path.of("../docs/examples/rules/site-thresholds.yaml"));
        assertTrue(f.ok(), f.problems().toString());
        Threshold feed = f.values().get(0);
        assertEquals("unit1", feed.key());
        assertEquals(Operator.GT, feed.operator());
        assertEquals(450, feed.limit());
        assertEquals(420, feed.clear());
        assertEquals("t/h", feed.unit());
        assertEquals(Duration.ofMinutes(5), feed.forDuration());
        assertEquals(Duration.ofMinutes(30), feed.escalateAfter());
        assertEquals(Severity.WARNING, feed.severity());
        Threshold hourly = f.values().get(1);
        assertEquals(Grain.HOUR, hourly.grain());
        assertEquals(3, hourly.forBuckets());
        assertEquals(0.9, hourly.minCompleteness());
        assertEquals(f.thresholds().get(1).line(), 15);
    }

    @Test
    void jsonWorksToo() {
        ThresholdFile f = loader.parse("t.json", """
                {"thresholds": [{"id": "a", "target": "E", "operator": "<=", "limit": 0, "severity": "critical"}]}
                """);
        assertTrue(f.ok(), f.problems().toString());
        assertEquals(Operator.LE, f.values().get(0).operator());
    }

    @Test
    void badEntriesAreReportedAtTheirLineAndLeftOut() {
        ThresholdFile f = loader.parse("site.yaml", """
                thresholds:
                  - id: ok
                    target: E
                    operator: ">"
                    limit: 1
                  - id: bad-op
                    target: E
                    operator: "=>"
                    limit: 1
                  - id: typo
                    target: E
                    operatr: ">"
                    operator: ">"
                    limit: 1
                  - id: wrong-clear
                    target: E
                    operator: ">"
                    limit: 100
                    clear: 110
                  - id: ok
                    target: F
                    operator: "<"
                    limit: "ten"
                  - id: buckets-without-grain
                    target: E
                    operator: ">"
                    limit: 1
                    for: 3 buckets
                """);
        assertFalse(f.ok());
        assertEquals(List.of("ok"), f.values().stream().map(Threshold::id).toList());
        List<String> got = f.problems().stream().map(ConfigProblem::toString).toList();
        assertEquals(List.of(
                "site.yaml:8:5: thresholds[1].operator: unknown operator `=>`; use one of >, >=, <, <=",
                "site.yaml:12:5: thresholds[2].operatr: unknown field — did you mean `operator`?",
                "site.yaml:15:5: thresholds[3]: threshold wrong-clear: the clear level 110 lies on the alerting side of > 100; for hysteresis it must be below the limit",
                "site.yaml:23:5: thresholds[4].limit: `ten` is not a number; write a plain number and give the unit in `unit:`",
                "site.yaml:24:5: thresholds[5]: threshold buckets-without-grain: `for` in buckets needs a grain; without a grain give a duration such as 5m"),
                got);
    }

    @Test
    void duplicateIdsAndSyntaxErrorsAreReported() {
        ThresholdFile dup = loader.parse("d.yaml", """
                thresholds:
                  - {id: a, target: E, operator: ">", limit: 1}
                  - {id: a, target: F, operator: ">", limit: 2}
                """);
        assertEquals("d.yaml:3:6: thresholds[1].id: `a` is already the id of thresholds[0]", dup.problems().get(0).toString());
        assertEquals(List.of("a"), dup.values().stream().map(Threshold::id).toList());
        ThresholdFile broken = loader.parse("b.yaml", "thresholds:\n  - id: [unclosed\n");
        assertTrue(broken.problems().get(0).line() >= 2, broken.problems().get(0).toString());
        assertTrue(broken.problems().get(0).message().startsWith("not valid YAML: "), broken.problems().get(0).toString());
        ThresholdFile empty = loader.parse("e.yaml", "limits: []\n");
        assertEquals("e.yaml: the file has no `thresholds:` list; start it with `thresholds:` followed by `- id: ...` entries",
                empty.problems().get(0).toString());
    }
}
