package io.tanhe.server.console;

import io.tanhe.server.site.Site;
import io.tanhe.server.site.SiteFiles;
import io.tanhe.server.site.SiteLoader;
import io.tanhe.sim.demo.SimulatedType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The points-file editor's text, its check as the site loader makes it, and its numbered candidates. */
class PointsFilesTest {
    @TempDir
    Path dir;

    private PointsFiles demo() {
        Site site = SiteFiles.load(SiteFiles.demo(dir.resolve("site"), UnaryOperator.identity()));
        return new PointsFiles(site, new SiteLoader(Clock.systemUTC()).with(new SimulatedType()), dir.resolve("data"));
    }

    @Test
    void theInlineDriversBlockIsTheTextAndItChecksClean() {
        PointsFiles files = demo();
        String text = files.current();
        assertTrue(text.startsWith("failover:") && text.contains("- id: lab"), text);
        assertFalse(text.contains("points:\n  - point:"), "the site's point mapping is not part of the points file: " + text);
        assertEquals(List.of(), files.check(text));
    }

    @Test
    void aBadValueIsNamedByLineColumnAndFieldPath() {
        PointsFiles files = demo();
        String text = files.current().replaceFirst("period: 5s", "period: 4h");
        List<PointsFiles.Problem> problems = files.check(text);
        assertEquals(1, problems.size(), problems.toString());
        PointsFiles.Problem p = problems.getFirst();
        assertTrue(p.inPoints(), p.toString());
        assertEquals("devices[0].period", p.path());
        assertEquals("    period: 4h", text.lines().toList().get(p.line() - 1), "the line the problem names");
        assertTrue(p.message().contains("4h"), p.message());
    }

    @Test
    void aPointTheSiteMapsButTheFileLostIsASiteProblem() {
        PointsFiles files = demo();
        String text = files.current().replace("unit1.coal.c_ar", "unit1.coal.carbon");
        List<PointsFiles.Problem> problems = files.check(text);
        assertTrue(problems.stream().anyMatch(p -> !p.inPoints() && p.message().contains("unit1.coal.c_ar")), problems.toString());
    }

    @Test
    void savedCandidatesAreNumberedAndSayHowTheyApply() throws Exception {
        PointsFiles files = demo();
        String text = files.current();
        PointsFiles.Candidate first = files.save(text, "sysadmin", Instant.parse("2026-06-01T00:00:00Z"));
        PointsFiles.Candidate second = files.save(files.candidate(1).orElseThrow(), "sysadmin", Instant.parse("2026-06-01T01:00:00Z"));
        assertEquals(1, first.version());
        assertEquals(2, second.version());
        String saved = Files.readString(second.file());
        assertTrue(saved.startsWith("# points file candidate v2") && saved.contains("drivers_file: "), saved);
        assertEquals(1, saved.split("# points file candidate", -1).length - 1, "a re-saved candidate keeps one header: " + saved);
        assertEquals(List.of(), files.check(saved), "a candidate checks clean as saved");
        assertEquals(List.of(2, 1), files.candidates().stream().map(PointsFiles.Candidate::version).toList());
    }
}
