package io.tanhe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tanhe.server.api.ApiBinding;
import io.tanhe.server.api.TerminalApi;
import io.tanhe.server.security.access.AccessControl;
import io.tanhe.server.security.access.Role;
import io.tanhe.server.terminal.DemoRuns;
import io.tanhe.server.terminal.Terminal;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code tanhe package}, {@code tanhe config log|push|stage|activate|rollback}, {@code tanhe remote push|rollback} and
 * {@code tanhe replay} as a user runs them, in process, against a started demo terminal with its API: a factor update
 * (ox_coal 98 %) built, signed and countersigned with the CLI, pushed, staged, activated, rolled back; a second one
 * (97 %) pushed and activated remotely with a token and rolled back remotely; refusals answered with the reason; then
 * the stopped terminal's log and a replay under the package from its store.
 */
@Tag("slow")
@Timeout(300)
class ConfigCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FACTORS = """
            table: ox-coal
            version: "%s"
            factors:
              - factor: ox_coal
                value: %s
                unit: "%%"
                source: "the plant's measured oxidation rate (test)"
                confidence: A
            """;

    @TempDir
    Path dir;

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    private static CliRun ok(String... args) {
        CliRun run = CliRun.of(args);
        assertEquals(0, run.exit(), String.join(" ", args) + ": " + run.err() + run.out());
        return run;
    }

    /** A factor update built, signed by the author and countersigned by the verifier with the CLI. */
    private String factorUpdate(String version, String percent) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("ox-coal-" + percent));
        Files.writeString(folder.resolve("ox-coal.factors.yaml"), FACTORS.formatted(version, percent));
        String pkg = p("ox-coal-" + percent + ".tpkg");
        CliRun built = ok("package", "build", folder.toString(), "-o", pkg);
        assertTrue(built.out().contains("factor-update ox-coal " + version), built.out());
        ok("package", "sign", pkg, "--key", p("author-key"));
        ok("package", "countersign", pkg, "--key", p("verifier-key"));
        return pkg;
    }

    private static JsonNode log(String data, String token) throws Exception {
        return JSON.readTree(ok("config", "log", "--format", "json", data, "--token-file", token).out());
    }

    private static String state(JsonNode log, long id) {
        for (JsonNode p : log.path("packages")) {
            if (p.path("id").asLong() == id) {
                return p.path("state").asText();
            }
        }
        throw new AssertionError("no package " + id + " in " + log);
    }

    private static void awaitState(String data, String token, long id, String expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String now = state(log(data, token), id);
        while (!now.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            now = state(log(data, token), id);
        }
        assertEquals(expected, now, "package " + id + " within 60 s");
    }

    @Test
    void aSignedFactorUpdateGoesThroughTheCliAndTheRemoteClientAgainstARunningTerminal() throws Exception {
        Path data = dir.resolve("data");
        String dataDir = "--data-dir=" + data;
        io.tanhe.server.store.jdbc.JdbcStore.open(io.tanhe.server.store.jdbc.StoreSettings.at(data).withMinFreeBytes(0)).close(); // a terminal's store
        ok("package", "keygen", "--name", "Li Wei (accountant)", "-o", p("author-key"));
        ok("package", "keygen", "--name", "CVB verifier", "-o", p("verifier-key"));
        ok("trust", "add-key", dataDir, p("author-key.pub"), "--author", "factor-update");
        ok("trust", "add-key", dataDir, p("verifier-key.pub"), "--verify", "factor-update");
        ok("trust", "require", dataDir, "factor-update", "author", "verifier");
        String pkg98 = factorUpdate("2026.1", "98");
        String pkg97 = factorUpdate("2026.2", "97");

        Path token = dir.resolve("admin.token");
        try (Terminal terminal = DemoRuns.open(dir.resolve("site"), data, UnaryOperator.identity(), DemoRuns.settings(data))) {
            AccessControl access = TerminalSecurity.prepare(terminal, data, new PrintStream(OutputStream.nullOutputStream()));
            TerminalSecurity.ensureToken(access, token, "remote-admin", Role.SYSTEM_ADMINISTRATOR);
            String url = TerminalApi.start(terminal, new ApiBinding("127.0.0.1", 0, Optional.empty()), access);
            DemoRuns.simulate(terminal, DemoRuns.START, Duration.ofMinutes(3));
            terminal.lifecycle().selfTestAfter(Duration.ofMillis(500));
            String t = token.toString();

            // the local CLI, through the running terminal's API
            CliRun pushed = ok("config", "push", pkg98, dataDir, "--token-file", t);
            assertTrue(pushed.out().contains("reviewed"), pushed.out());
            ok("config", "stage", "1", dataDir, "--token-file", t);
            CliRun activated = ok("config", "activate", "1", dataDir, "--token-file", t);
            assertTrue(activated.out().contains("self-test"), activated.out());
            awaitState(dataDir, t, 1, "active");
            assertTrue(terminal.site().factors().values().stream().anyMatch(v -> v.factor().equals("ox_coal") && v.value().doubleValue() == 98),
                    "the package's value runs");
            CliRun table = ok("config", "log", dataDir, "--token-file", t);
            assertTrue(table.out().contains("ox-coal") && table.out().contains("2026.1") && table.out().contains("active"), table.out());
            assertTrue(table.out().contains("remote-admin"), "who staged and activated: " + table.out());
            ok("config", "rollback", "--to", "0", dataDir, "--token-file", t);
            assertEquals("rolled-back", state(log(dataDir, t), 1));

            // refusals carry the reason and change nothing
            CliRun unsigned = CliRun.of("config", "push", p("author-key.pub"), dataDir, "--token-file", t);
            assertTrue(unsigned.exit() != 0, unsigned.out());
            assertTrue(unsigned.err().contains("not a configuration package") || unsigned.err().contains("not a zip"), unsigned.err());
            CliRun notStaged = CliRun.of("config", "activate", "1", dataDir, "--token-file", t);
            assertTrue(notStaged.exit() != 0, notStaged.out());
            assertTrue(notStaged.err().contains("package #1 is rolled-back, not staged"), notStaged.err());
            CliRun noToken = CliRun.of("config", "log", dataDir);
            assertTrue(noToken.exit() != 0 && noToken.err().contains("--token-file"), noToken.err());

            // the remote client: a signed, countersigned package pushed and activated with a token, then rolled back
            CliRun remote = ok("remote", "push", pkg97, "--activate-at", "2026-06-01T08:00", "--url", url, "--token-file", t);
            assertTrue(remote.out().contains("package 2 activated (self-test)"), remote.out());
            awaitState(dataDir, t, 2, "active");
            assertEquals(Optional.of(DemoRuns.START.atZone(terminal.site().zone()).toLocalDate().atStartOfDay(terminal.site().zone())
                    .toInstant()), terminal.store().packages().get(2).map(io.tanhe.server.store.ConfigPackage::effectiveFrom));
            CliRun back = ok("remote", "rollback", "--to", "0", "--url", url, "--token-file", t);
            assertTrue(back.out().contains("rolled back to the site file's configuration"), back.out());
            assertEquals("rolled-back", state(log(dataDir, t), 2));
            Path folder = Files.createDirectories(dir.resolve("ox-coal-96"));
            Files.writeString(folder.resolve("ox-coal.factors.yaml"), FACTORS.formatted("2026.3", "96"));
            ok("package", "build", folder.toString(), "-o", p("ox-coal-96.tpkg"));
            ok("package", "sign", p("ox-coal-96.tpkg"), "--key", p("author-key"));
            CliRun refused = CliRun.of("remote", "push", p("ox-coal-96.tpkg"), "--url", url, "--token-file", t);
            assertEquals(1, refused.exit(), "not countersigned: " + refused.out());
            assertTrue(refused.out().contains("FAILED  package refused"), refused.out());
            assertEquals("refused", state(log(dataDir, t), 3));
            assertTrue(log(dataDir, t).path("log").toString().contains("MISSING_COUNTERSIGNATURE"), "the reason is in the log");
            var audit = terminal.audit().query(io.tanhe.server.security.audit.AuditQuery.all().type("config.upload"),
                    new io.tanhe.server.security.audit.AuditActor("auditor", "auditor", "test")).entries();
            assertTrue(audit.stream().anyMatch(e -> e.event().target().equals("package #2 ox-coal 2026.2")
                    && e.event().user().contains("remote-admin") && e.event().source().equals("127.0.0.1")), audit.toString());
        }

        // the stopped terminal: the log from its store, a verifier's replay under the package
        CliRun stopped = ok("config", "log", dataDir);
        assertTrue(stopped.out().contains("rolled-back"), stopped.out());
        CliRun replay = ok("replay", "--store", data.toString(), "--from", "2026-06-01", "--to", "2026-06-02", "--under", pkg98,
                "--grain", "hour", "--format", "csv");
        assertTrue(replay.out().startsWith("bucket,node,key,unit,stored,replayed,difference"), replay.out());
        assertTrue(replay.out().contains("coal_combustion"), replay.out());
    }
}
