package io.tanhe.cli;

import io.tanhe.server.terminal.DemoRuns;
import io.tanhe.server.terminal.Terminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo starts with security on (first-start accounts, one-time passwords written once, a viewer token
 * for curl), refuses plain HTTP off loopback, and {@code tanhe users} manages a stopped terminal's accounts.
 */
@Timeout(240)
class SecurityCommandsTest {
    @TempDir
    Path dir;

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void theFirstDemoStartMakesTheAccountsOnceAndAViewerTokenForCurl() throws Exception {
        String data = dir.resolve("data").toString();
        CliRun first = CliRun.of("demo", "--data-dir", data, "--port", "0", "--minutes", "2", "--speed", "900",
                "--start", "2026-06-01T08:00", "--summary-every", "1");
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().contains("tanhe: first start: made the accounts of the three roles"), first.out());
        Path passwords = dir.resolve("data/" + TerminalSecurity.INITIAL_PASSWORDS);
        assertEquals("rw-------", mode(passwords));
        String secop = Files.readAllLines(passwords).stream().filter(l -> l.startsWith("secop ")).findFirst().orElseThrow().substring(6);
        assertTrue(first.out().contains("secop (安全管理员 security operator)  " + secop), "printed once: " + first.out());
        assertTrue(first.out().contains("Authorization: Bearer $(cat " + dir.resolve("data/viewer.token") + ")"), first.out());
        assertTrue(first.out().contains("/api/login"), first.out());
        Path token = dir.resolve("data/" + TerminalSecurity.VIEWER_TOKEN);
        assertEquals("rw-------", mode(token));
        String viewer = Files.readString(token);

        CliRun second = CliRun.of("demo", "--data-dir", data, "--port", "0", "--minutes", "1", "--speed", "900", "--summary-every", "1");
        assertEquals(0, second.exit(), second.err());
        assertFalse(second.out().contains("first start"), "the passwords are shown only at the first start: " + second.out());
        assertFalse(second.out().contains(secop));
        assertEquals(viewer, Files.readString(token), "a valid viewer token is kept across restarts");

        CliRun list = CliRun.of("users", "list", "--data-dir", data);
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().contains("sysadmin") && list.out().contains("secop") && list.out().contains("auditor"), list.out());
        assertTrue(list.out().contains("must change password"), list.out());
    }

    @Test
    void plainHttpOnANonLoopbackAddressIsRefusedBeforeAnythingStarts() {
        String data = dir.resolve("data").toString();
        CliRun r = CliRun.of("demo", "--data-dir", data, "--host", "0.0.0.0", "--port", "0", "--minutes", "1");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("refusing to serve the API on 0.0.0.0 without TLS") && r.err().contains("--tls-keystore"), r.err());
        assertFalse(Files.exists(dir.resolve("data/tanhe")), "no store was created");
        CliRun half = CliRun.of("run", "--site", "x.yaml", "--data-dir", data, "--tls-keystore", "k.p12");
        assertEquals(2, half.exit());
        assertTrue(half.err().contains("--tls-password-file"), half.err());
    }

    @Test
    void usersManagesAStoppedTerminalsAccountsAndRefusesARunningOne() throws Exception {
        Path data = dir.resolve("data");
        try (Terminal t = DemoRuns.open(dir.resolve("site"), data, UnaryOperator.identity(), DemoRuns.settings(data))) {
            TerminalSecurity.prepare(t, data, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            t.attachApi("http://127.0.0.1:1", () -> { }); // leaves the running-terminal note
            CliRun busy = CliRun.of("users", "list", "--data-dir", data.toString());
            assertEquals(1, busy.exit());
            assertTrue(busy.err().contains("runs on " + data) && busy.err().contains("stop it first"), busy.err());
        }
        String d = data.toString();
        CliRun add = CliRun.of("users", "add", "wang.fang", "--role", "viewer", "--data-dir", d);
        assertEquals(0, add.exit(), add.err());
        assertTrue(add.out().startsWith("wang.fang (只读用户 viewer) one-time password: "), add.out());
        CliRun again = CliRun.of("users", "add", "wang.fang", "--role", "sysadmin", "--data-dir", d);
        assertEquals(2, again.exit());
        assertTrue(again.err().contains("taken"), again.err());
        CliRun role = CliRun.of("users", "add", "li", "--role", "root", "--data-dir", d);
        assertEquals(2, role.exit());
        assertTrue(role.err().contains("sysadmin, secop, auditor, viewer"), role.err());
        assertEquals(0, CliRun.of("users", "lock", "wang.fang", "--data-dir", d).exit());
        assertTrue(CliRun.of("users", "list", "--data-dir", d).out().lines().anyMatch(l -> l.startsWith("wang.fang") && l.contains("locked")));
        assertEquals(0, CliRun.of("users", "unlock", "wang.fang", "--data-dir", d).exit());
        CliRun reset = CliRun.of("users", "passwd", "wang.fang", "--data-dir", d);
        assertEquals(0, reset.exit(), reset.err());
        assertTrue(reset.out().contains("one-time password: "), reset.out());
        assertEquals(2, CliRun.of("users", "lock", "nobody", "--data-dir", d).exit());

        Path out = dir.resolve("scraper.token");
        CliRun token = CliRun.of("users", "token", "add", "scraper", "--role", "viewer", "--out", out.toString(), "--data-dir", d);
        assertEquals(0, token.exit(), token.err());
        assertEquals("rw-------", mode(out));
        assertTrue(Files.readString(out).startsWith("tanhe_"));
        assertFalse(token.out().contains(Files.readString(out).strip()), "written, not printed");
        CliRun tokens = CliRun.of("users", "token", "list", "--data-dir", d);
        assertTrue(tokens.out().lines().anyMatch(l -> l.startsWith("scraper") && l.endsWith("valid")), tokens.out());
        assertEquals(0, CliRun.of("users", "token", "revoke", "scraper", "--data-dir", d).exit());
        assertTrue(CliRun.of("users", "token", "list", "--data-dir", d).out().lines()
                .anyMatch(l -> l.startsWith("scraper") && l.contains("revoked")));

        CliRun allow = CliRun.of("users", "allow", "--role", "sysadmin", "10.0.0.0/8", "192.168.1.7", "--data-dir", d);
        assertEquals(0, allow.exit(), allow.err());
        assertTrue(allow.out().contains("sysadmin: 10.0.0.0/8 192.168.1.7/32"), allow.out());
        assertTrue(allow.out().contains("viewer: any address"), allow.out());
        CliRun bad = CliRun.of("users", "allow", "--role", "sysadmin", "example.com", "--data-dir", d);
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("not an address range"), bad.err());

        CliRun policy = CliRun.of("users", "policy", "--set", "lockout-after=3", "--set", "idle-timeout=10min", "--data-dir", d);
        assertEquals(0, policy.exit(), policy.err());
        assertTrue(policy.out().contains("lockout-after = 3") && policy.out().contains("idle-timeout = 10min")
                && policy.out().contains("password-max-age = 90d"), policy.out());
        assertTrue(CliRun.of("users", "policy", "--data-dir", d).out().contains("lockout-after = 3"), "kept in the store");
        CliRun badPolicy = CliRun.of("users", "policy", "--set", "lockout-for=soon", "--data-dir", d);
        assertEquals(2, badPolicy.exit());
        assertTrue(badPolicy.err().contains("lockout-for: `soon` is not a duration"), badPolicy.err());

        CliRun none = CliRun.of("users", "list", "--data-dir", dir.resolve("empty").toString());
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("no store in"), none.err());
    }
}
