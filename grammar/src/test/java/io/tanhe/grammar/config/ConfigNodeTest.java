package io.tanhe.grammar.config;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigNodeTest {

    private static List<String> problems(ConfigNode root) {
        return root.problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void everyProblemReadsFileLineColumnPathMessageAndSuggestion() {
        ConfigNode root = ConfigNode.parse("""
                site:
                  id: plant-1
                points:
                  - point: a
                    input: coal_burnd
                  - {point: b, intput: c}
                """, "site.yaml");
        root.object("site").orElseThrow().text("id");
        List<ConfigNode> points = root.list("points");
        points.forEach(p -> p.text("point"));
        points.get(0).problem("input", "no input `coal_burnd` in cn.power-generation",
                ConfigNode.nearest("coal_burnd", List.of("coal_burned", "gas_burned")));
        points.get(1).text("input");
        root.reportUnknownFields();
        assertEquals(List.of(
                "site.yaml:5:5: points[0].input: no input `coal_burnd` in cn.power-generation — did you mean `coal_burned`?",
                "site.yaml:6:5: points[1].input: is required",
                "site.yaml:6:16: points[1].intput: unknown field — did you mean `input`?"), problems(root));
    }

    @Test
    void aMissingTopLevelFieldNamesTheFileAndPathOnly() {
        ConfigNode root = ConfigNode.parse("zone: UTC\n", "site.yaml");
        root.optionalText("zone");
        root.requiredText("methodology", "`library: <id>` and `version:`");
        assertEquals(List.of("site.yaml: methodology: is required: `library: <id>` and `version:`"), problems(root));
    }

    @Test
    void theExceptionListsEveryProblemUnderAHeaderNamingTheFile() {
        ConfigNode root = ConfigNode.parse("a: 1\nb: 2\n", "x.yaml");
        root.reportUnknownFields();
        InvalidConfigException e = assertThrows(InvalidConfigException.class, root::throwIfProblems);
        assertEquals("""
                x.yaml: 2 problems
                  x.yaml:1:1: a: unknown field
                  x.yaml:2:1: b: unknown field""", e.getMessage());
        assertEquals("x.yaml: 1 problem\n  x.yaml: cannot read", InvalidConfigException.of("x.yaml", "cannot read").getMessage());
    }

    @Test
    void syntaxErrorsAreReportedAtTheirLineAndColumn() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> ConfigNode.parse("thresholds:\n  - id: [unclosed\n", "t.yaml"));
        ConfigProblem p = e.problems().get(0);
        assertEquals("t.yaml", p.file());
        assertTrue(p.line() >= 2, p.toString());
        assertTrue(p.message().startsWith("not valid YAML: "), p.toString());
        InvalidConfigException json = assertThrows(InvalidConfigException.class, () -> ConfigNode.parse("{\"a\": }", "t.json"));
        assertTrue(json.problems().get(0).toString().startsWith("t.json:1:7: not valid JSON: "), json.getMessage());
    }

    @Test
    void valuesAreCheckedWithOneWordingForEveryFile() {
        ConfigNode root = ConfigNode.parse("""
                period: 4h
                timeout: 5 seconds
                register: 70000
                count: lots
                mode: fsat
                on: maybe
                size: {a: 1}
                name: "  "
                list: x
                keep: P3X
                at: 25:00
                """, "f.yaml");
        assertEquals(Duration.ofSeconds(15), root.duration("period", Duration.ofSeconds(15), Duration.ofSeconds(1), Duration.ofHours(3)));
        root.optionalDuration("timeout", Duration.ZERO, Duration.ofDays(1));
        root.integer("register", 0, 65535);
        root.integer("count", 1, 0, 10);
        root.choice("mode", List.of("fast", "slow"), "fast");
        root.bool("on", false);
        root.text("size");
        root.optionalText("name");
        root.list("list");
        root.period("keep");
        root.timeOfDay("at");
        root.integer("missing", 0, 9);
        assertEquals(List.of(
                "f.yaml:1:1: period: `4h` is outside 1s … 3h",
                "f.yaml:2:1: timeout: `5 seconds` is not a duration; write e.g. 500ms, 15s, 5min, 3h, 1d",
                "f.yaml:3:1: register: `70000` is outside 0 … 65535",
                "f.yaml:4:1: count: `lots` is not an integer",
                "f.yaml:5:1: mode: `fsat` is not one of fast, slow — did you mean `fast`?",
                "f.yaml:6:1: on: `maybe` is not true or false",
                "f.yaml:7:1: size: must be a single value, not an object",
                "f.yaml:8:1: name: must not be empty",
                "f.yaml:9:1: list: must be a list, not `x`",
                "f.yaml:10:1: keep: `P3X` is not a period; write e.g. P13M (13 months) or P6Y (6 years)",
                "f.yaml:11:1: at: `25:00` is not a time of day; write HH:MM, e.g. \"00:30\" (quoted in YAML)",
                "f.yaml: missing: is required: an integer 0 … 9"), problems(root));
    }

    @Test
    void unknownFieldsWithoutANearNameListTheKnownOnesOnce() {
        ConfigNode root = ConfigNode.parse("centres:\n  - {id: a, zzz: 1}\n", "u.yaml");
        root.list("centres").forEach(c -> {
            c.text("id");
            c.has("protocol");
        });
        root.reportUnknownFields();
        root.reportUnknownFields();
        assertEquals(List.of("u.yaml:2:13: centres[0].zzz: unknown field; known fields: id, protocol"), problems(root));
    }

    @Test
    void aBlockReadByAnotherReaderKeepsTheOuterFilesLinesAndPaths() {
        ConfigNode root = ConfigNode.parse("""
                thresholds:
                  - id: a
                    grain: hourly
                """, "site.yaml");
        ConfigNode block = root.node("thresholds").orElseThrow();
        ConfigNode first = block.elements().get(0);
        first.problem("grain", "unknown grain `hourly`");
        assertEquals(List.of("site.yaml:3:5: thresholds[0].grain: unknown grain `hourly`"), problems(root));
    }

    @Test
    void fieldsAndElementsFromElsewhereAreReportedThere() {
        ConfigNode root = ConfigNode.parse("devices:\n  - {id: m1, model: x}\n", "points.yaml");
        ConfigNode device = root.list("devices").get(0);
        device.placeField("period", new ConfigPlace("template x", 0, 0, "device.period"));
        var point = JsonNodeFactory.instance.objectNode().put("id", "m1.e");
        device.placeElement(point, new ConfigPlace("template x", 0, 0, "points[0]"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) device.json()).put("period", "9h")
                .set("points", JsonNodeFactory.instance.arrayNode().add(point));
        device.duration("period", Duration.ZERO, Duration.ZERO, Duration.ofHours(3));
        device.list("points").get(0).problem("register", "is required");
        assertEquals(List.of(
                "template x: device.period: `9h` is outside 0s … 3h",
                "template x: points[0].register: is required"), problems(root));
        assertEquals(Optional.empty(), ConfigNode.nearest("zz", List.of("period")));
    }
}
