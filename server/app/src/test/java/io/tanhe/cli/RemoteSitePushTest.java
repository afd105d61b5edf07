package io.tanhe.cli;

import io.tanhe.server.api.ApiBinding;
import io.tanhe.server.api.TerminalApi;
import io.tanhe.server.security.access.AccessControl;
import io.tanhe.server.security.access.Role;
import io.tanhe.server.site.SiteLoader;
import io.tanhe.server.terminal.DemoRuns;
import io.tanhe.server.terminal.Terminal;
import io.tanhe.sim.SimulatedClock;
import io.tanhe.sim.demo.SimulatedType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code tanhe remote site-push} against a running terminal's API over TLS: its arguments and help, the dry run's
 * plan, a refused file's problems with their field paths, a push applied, the token and CA options, and the exit
 * codes (0 every terminal ok, 1 one failed, 2 nothing sent).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("slow") // a demo terminal and several site file reads: 30-60 s on the shared machine
@Timeout(180)
class RemoteSitePushTest {
    @TempDir
    static Path dir;

    private Terminal terminal;
    private String url;
    private Path ca;
    private Path admin;
    private Path viewer;
    private String file;

    @BeforeAll
    void start() throws Exception {
        Path data = dir.resolve("data");
        terminal = DemoRuns.open(dir.resolve("site"), data, s -> s, DemoRuns.settings(data)
                .withSiteLoader(new SiteLoader(Clock.systemUTC()).with(new SimulatedType())));
        terminal.createAcquisition(new SimulatedClock(DemoRuns.START, terminal.site().zone())); // devices to restart
        AccessControl access = TerminalSecurity.prepare(terminal, data, new PrintStream(OutputStream.nullOutputStream()));
        admin = dir.resolve("admin.token");
        TerminalSecurity.ensureToken(access, admin, "fleet-admin", Role.SYSTEM_ADMINISTRATOR);
        viewer = dir.resolve("viewer.token");
        TerminalSecurity.ensureToken(access, viewer, "fleet-viewer", Role.VIEWER);
        ca = dir.resolve("ca.pem");
        Path keystore = RemoteCommandTest.keystore(dir.resolve("api.p12"), ca);
        url = TerminalApi.start(terminal, new ApiBinding("127.0.0.1", 0,
                Optional.of(new ApiBinding.Tls(keystore, RemoteCommandTest.PASSWORD))), access);
        file = Files.readString(dir.resolve("site/demo-site/site.yaml"));
    }

    @AfterAll
    void stop() {
        terminal.close();
    }

    /** {@code tanhe remote site-push SITE --url URL --ca PEM MORE…}. */
    private CliRun push(Path site, String... more) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("remote", "site-push", site.toString(), "--url", url,
                "--ca", ca.toString()));
        args.addAll(java.util.List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void theHelpNamesTheFileTheDryRunAndTheTargetOptions() {
        CliRun help = CliRun.of("remote", "site-push", "--help");
        assertEquals(0, help.exit(), help.err());
        for (String word : new String[]{"Usage: tanhe remote site-push", "FILE", "--dry-run", "--url=URL", "--fleet=FILE",
                "--token-file=FILE", "--ca=PEM", "--parallel=N", "--timeout=SECONDS", "docs/lifecycle.md", "the whole candidate site file",
                "Exit code: 0 every terminal took it, 1 one failed, 2 nothing was sent."}) {
            assertTrue(help.out().contains(word), word + " in:\n" + help.out());
        }
    }

    @Test
    void badArgumentsSendNothingAndExit2() throws Exception {
        CliRun noFile = CliRun.of("remote", "site-push", "--url", url);
        assertEquals(2, noFile.exit(), noFile.out());
        assertTrue(noFile.err().contains("Missing required parameter: 'FILE'"), noFile.err());
        Path site = write("unchanged.yaml", file);
        CliRun noTarget = CliRun.of("remote", "site-push", site.toString());
        assertEquals(2, noTarget.exit());
        assertTrue(noTarget.err().contains("give --url URL or --fleet FILE"), noTarget.err());
        CliRun missing = CliRun.of("remote", "site-push", dir.resolve("nowhere.yaml").toString(), "--url", url);
        assertEquals(2, missing.exit(), missing.out() + missing.err());
        assertTrue(missing.err().contains("remote site-push: cannot read the site file " + dir.resolve("nowhere.yaml")), missing.err());
        assertFalse(missing.err().contains("\tat "), "no stack trace: " + missing.err());
        assertEquals(file, terminal.site().text(), "nothing changed");
    }

    @Test
    void tokenAndCaAreCheckedPerTerminal() throws Exception {
        Path site = write("candidate-tls.yaml", file.replace("start: 125000", "start: 400000"));
        CliRun untrusted = CliRun.of("remote", "site-push", site.toString(), "--dry-run", "--url", url, "--token-file", admin.toString());
        assertEquals(1, untrusted.exit(), untrusted.out());
        assertTrue(untrusted.out().contains("FAILED  no answer from " + url), "the certificate is not trusted without --ca: " + untrusted.out());
        CliRun noToken = push(site, "--dry-run", "--token-file", dir.resolve("no.token").toString());
        assertEquals(1, noToken.exit(), noToken.out());
        assertTrue(noToken.out().contains("FAILED  cannot read the token"), noToken.out());
        CliRun asViewer = push(site, "--token-file", viewer.toString());
        assertEquals(1, asViewer.exit(), asViewer.out());
        assertTrue(asViewer.out().contains("FAILED") && asViewer.out().contains("(HTTP 403)"), asViewer.out());
        assertEquals(file, terminal.site().text(), "a viewer changes nothing");
    }

    @Test
    void aDryRunShowsThePlanARefusedFileItsFieldsAndAPushApplies() throws Exception {
        Path candidate = write("candidate.yaml", file.replace("start: 125000", "start: 500000"));
        int versions = terminal.siteVersions().versions().versions().size();

        CliRun dry = push(candidate, "--dry-run", "--token-file", admin.toString());
        assertEquals(0, dry.exit(), dry.out() + dry.err());
        assertTrue(dry.out().startsWith("TERMINAL "), dry.out());
        assertTrue(dry.out().contains(url + "  ok      dry run: devices changed coal-scale-1\n"), dry.out());
        assertTrue(dry.out().endsWith("1 of 1 terminal(s) ok\n"), dry.out());
        assertEquals(versions, terminal.siteVersions().versions().versions().size(), "a dry run stores nothing");

        CliRun unknown = push(write("typo.yaml", file.replaceFirst("period: 5s", "perod: 5s")), "--token-file", admin.toString());
        assertEquals(1, unknown.exit(), unknown.out());
        assertTrue(unknown.out().contains("FAILED"), unknown.out());
        assertTrue(unknown.out().matches("(?s).*\\n {" + (url.length() + 12) + "}\\S*site\\.yaml:31:7: drivers\\.devices\\[0]\\.perod: unknown"
                        + " field — did you mean `period`\\? \\(HTTP 400\\)\\n.*"),
                "the problem on its own line in the DETAIL column, with the line, column and field path (named as the"
                        + " terminal's site file, which the candidate replaces): " + unknown.out());
        CliRun restart = push(write("late.yaml", file.replace("late_window: 1h", "late_window: 2h")), "--token-file", admin.toString());
        assertEquals(1, restart.exit(), restart.out());
        assertTrue(restart.out().contains("FAILED  cannot change late_window on a running terminal"), restart.out());
        assertEquals(file, terminal.site().text(), "refused files change nothing");

        CliRun pushed = push(candidate, "--token-file", admin.toString());
        assertEquals(0, pushed.exit(), pushed.out() + pushed.err());
        assertTrue(pushed.out().contains("ok      version " + (versions + 1) + ": devices changed coal-scale-1"), pushed.out());
        assertEquals(Files.readString(candidate), terminal.site().text(), "the pushed file runs");
        CliRun again = push(candidate, "--token-file", admin.toString());
        assertEquals(0, again.exit(), again.out());
        assertTrue(again.out().contains("ok      no differences: no device or centre changes"), again.out());
        terminal.siteVersions().rollback(1, new io.tanhe.server.security.audit.AuditActor("test", "sysadmin", "127.0.0.1"));
    }
}
