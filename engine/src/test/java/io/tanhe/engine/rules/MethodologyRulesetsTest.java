package io.tanhe.engine.rules;

import io.tanhe.engine.rules.check.RulesChecker;
import io.tanhe.engine.rules.check.TargetCatalog;
import io.tanhe.engine.rules.diagnostic.RuleProblem;
import io.tanhe.engine.rules.fact.ObservationFact;
import io.tanhe.engine.rules.validation.Verdict;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MethodologyRulesetsTest {
    private static final String RULE = """
            package %s;
            import io.tanhe.engine.rules.fact.ObservationFact;
            global io.tanhe.engine.rules.validation.Verdicts verdicts;
            rule "%s"
                salience 100
            when
                $o : ObservationFact(point == "%s", good, value < 0)
            then
                verdicts.invalid(kcontext, $o, "negative");
            end
            """;

    @TempDir
    Path library;
    Path sector;

    @BeforeEach
    void library() throws IOException {
        Files.createDirectories(library.resolve("shared/rules"));
        Files.writeString(library.resolve("shared/rules/fuels.validation.drl"), RULE.formatted("shared.fuels", "negative fuel", "fuel"));
        Files.writeString(library.resolve("shared/rules/steam.validation.drl"), RULE.formatted("shared.steam", "negative steam", "steam"));
        sector = Files.createDirectories(library.resolve("sector-2015"));
        Files.writeString(sector.resolve("sector.tanhe"), "// not read here\n");
    }

    private List<String> names(MethodologyRulesets r) {
        return r.files().stream().map(f -> library.relativize(f.toAbsolutePath()).toString()).toList();
    }

    private List<String> headlines(MethodologyRulesets r) {
        return r.problems().stream().map(RuleProblem::headline).map(h -> h.substring(h.indexOf(sector.toString()) == 0
                ? sector.toString().length() + 1 : 0)).toList();
    }

    @Test
    void aFolderWithoutManifestHasItsOwnDrlFilesInNameOrder() throws IOException {
        Files.writeString(sector.resolve("b.drl"), RULE.formatted("b", "b", "b"));
        Files.writeString(sector.resolve("a.drl"), RULE.formatted("a", "a", "a"));
        MethodologyRulesets r = MethodologyRulesets.of(sector);
        assertEquals(List.of("sector-2015/a.drl", "sector-2015/b.drl"), names(r));
        assertEquals(List.of(), r.problems());
    }

    @Test
    void theManifestsSharedRulesetsComeFirstInTheirOrderThenTheFoldersOwn() throws IOException {
        Files.writeString(sector.resolve("sector-2015.rulesets.yaml"), """
                # shared first
                include:
                  - ../shared/rules/steam.validation.drl
                  - ../shared/rules/fuels.validation.drl
                """);
        Files.writeString(sector.resolve("sector-2015.validation.drl"), RULE.formatted("sector", "negative co2", "co2"));
        MethodologyRulesets r = MethodologyRulesets.of(sector);
        assertEquals(List.of("shared/rules/steam.validation.drl", "shared/rules/fuels.validation.drl",
                "sector-2015/sector-2015.validation.drl"), names(r));
        assertEquals(List.of(), r.problems());
    }

    @Test
    void theEffectiveRulesetCompilesAndEachPartJudges() throws Exception {
        Files.writeString(sector.resolve("sector-2015.rulesets.yaml"), "include: [../shared/rules/fuels.validation.drl]\n");
        Path[] files = MethodologyRulesets.of(sector).files().toArray(Path[]::new);
        try (RulesEngine engine = RulesEngine.start(RuleSet.of("t", files), RulesSettings.defaults())) {
            Verdict verdict = engine.observe(ObservationFact.measured("fuel", "", Instant.EPOCH, -1, "t"));
            assertEquals("negative fuel", verdict.findings().get(0).rule());
        }
    }

    @Test
    void eachManifestProblemIsReportedWithItsLineAndTheGoodEntriesStay() throws IOException {
        Files.writeString(sector.resolve("sector-2015.rulesets.yaml"), """
                include:
                  - ../shared/rules/fuels.validation.drl
                  - ../shared/rules/missing.validation.drl
                  - sector.tanhe
                shared: yes
                """);
        MethodologyRulesets r = MethodologyRulesets.of(sector);
        assertEquals(List.of("shared/rules/fuels.validation.drl"), names(r));
        assertEquals(List.of(
                "sector-2015.rulesets.yaml:5: error[R003]: unknown field `shared`",
                "sector-2015.rulesets.yaml:3: error[R006]: `../shared/rules/missing.validation.drl` names no DRL file (looked for "
                        + library.resolve("shared/rules/missing.validation.drl") + ")",
                "sector-2015.rulesets.yaml:4: error[R006]: `sector.tanhe` names no DRL file (looked for " + sector.resolve("sector.tanhe") + ")"),
                headlines(r));
    }

    @Test
    void aManifestWithoutIncludeListOrInvalidYamlIsOneProblem() throws IOException {
        Path manifest = sector.resolve("sector-2015.rulesets.yaml");
        Files.writeString(manifest, "include: ../shared/rules/fuels.validation.drl\n");
        assertEquals(List.of("sector-2015.rulesets.yaml:1: error[R002]: the manifest has no `include:` list"),
                headlines(MethodologyRulesets.included(manifest)));
        Files.writeString(manifest, "include:\n  - [unclosed\n");
        List<String> invalid = headlines(MethodologyRulesets.included(manifest));
        assertEquals(1, invalid.size(), invalid.toString());
        assertTrue(invalid.get(0).contains("error[R001]: not valid YAML"), invalid.toString());
    }

    @Test
    void rulesCheckExpandsAManifestIntoTheFilesItIncludes() throws IOException {
        Path manifest = sector.resolve("sector-2015.rulesets.yaml");
        Files.writeString(manifest, "include:\n  - ../shared/rules/fuels.validation.drl\n  - ../shared/rules/none.drl\n");
        List<String> problems = new RulesChecker().check(List.of(manifest), TargetCatalog.ANY).stream()
                .map(RuleProblem::headline).map(h -> h.substring(sector.toString().length() + 1)).toList();
        assertEquals(List.of("sector-2015.rulesets.yaml:3: error[R006]: `../shared/rules/none.drl` names no DRL file (looked for "
                + library.resolve("shared/rules/none.drl") + ")"), problems);
        Files.writeString(manifest, "include:\n  - ../shared/rules/fuels.validation.drl\n");
        Files.writeString(library.resolve("shared/rules/fuels.validation.drl"), "package broken;\nrule \"x\" when\n  Nothing()\nthen\nend\n");
        List<RuleProblem> broken = new RulesChecker().check(List.of(manifest), TargetCatalog.ANY);
        assertTrue(broken.stream().anyMatch(p -> p.isError() && p.file().endsWith("shared/rules/fuels.validation.drl")),
                broken.toString());
    }
}
