package io.tanhe.server.console;

import io.tanhe.drivers.config.ConfiguredSource;
import io.tanhe.server.security.audit.AuditActor;
import io.tanhe.server.site.Site;
import io.tanhe.server.site.SiteFiles;
import io.tanhe.server.site.SiteLoader;
import io.tanhe.server.terminal.DemoRuns;
import io.tanhe.server.terminal.Terminal;
import io.tanhe.server.terminal.lifecycle.SiteVersions;
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

    @Test
    @org.junit.jupiter.api.Tag("slow") // a demo terminal: about 30 s on the shared machine
    void aSavedCandidateAppliesLiveRestartingOnlyTheDeviceItChanges() {
        Path data = dir.resolve("data");
        SiteLoader loader = new SiteLoader(Clock.systemUTC()).with(new SimulatedType());
        try (Terminal t = DemoRuns.open(dir.resolve("site"), data, UnaryOperator.identity(), DemoRuns.settings(data).withSiteLoader(loader))) {
            t.createAcquisition(new io.tanhe.sim.SimulatedClock(DemoRuns.START, t.site().zone()));
            PointsFiles files = new PointsFiles(t.site(), loader, data);
            String edited = files.current().replaceFirst("period: 5s", "period: 10s");
            assertEquals(List.of(), files.check(edited));
            PointsFiles.Candidate c = files.save(edited, "sysadmin", Instant.parse("2026-06-01T00:00:00Z"));
            SiteVersions.Pushed pushed = t.siteVersions().push(files.siteWith(c), new AuditActor("sysadmin", "sysadmin", "10.0.0.7"), false);
            assertEquals(List.of("device coal-scale-1"), pushed.restarted(), "the console's save restarts only the edited device");
            assertEquals(java.time.Duration.ofSeconds(10), ((ConfiguredSource.Polled) t.site().drivers().source("coal-scale-1").orElseThrow())
                    .poll().period());
            assertTrue(t.site().text().contains("drivers_file: \"" + c.file().toAbsolutePath()), t.site().text());
            assertEquals(Files.exists(c.file()) ? edited : null, new PointsFiles(t.site(), loader, data).current()
                    .substring(new PointsFiles(t.site(), loader, data).current().indexOf("failover:")), "the editor shows what runs");
        }
    }
}
