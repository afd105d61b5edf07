package io.tanhe.cli;

import io.tanhe.server.api.ApiBinding;
import io.tanhe.server.api.TerminalApi;
import io.tanhe.server.security.access.AccessControl;
import io.tanhe.server.security.access.Role;
import io.tanhe.server.terminal.DemoRuns;
import io.tanhe.server.terminal.Terminal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator commands against a running demo terminal's API, as a person on the machine types them: the
 * viewer token the terminal keeps reads, an administrator's token acts; bad input and the wrong role exit non-zero
 * with the API's message naming the field.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class OperatorCommandsTest {
    @TempDir
    static Path dir;

    private Terminal terminal;
    private Path data;
    private String operator;

    @BeforeAll
    void start() throws Exception {
        data = dir.resolve("data");
        terminal = DemoRuns.open(dir.resolve("site"), data, s -> s.replace("limit: 46000", "limit: 30000")
                .replace("clear: 45000", "clear: 29000"), DemoRuns.settings(data));
        AccessControl access = TerminalSecurity.prepare(terminal, data, new PrintStream(OutputStream.nullOutputStream()));
        TerminalSecurity.ensureToken(access, data.resolve(TerminalSecurity.OPERATOR_TOKEN), "demo-operator", Role.SYSTEM_ADMINISTRATOR);
        operator = data.resolve(TerminalSecurity.OPERATOR_TOKEN).toString();
        TerminalApi.start(terminal, ApiBinding.plain("127.0.0.1", 0), access);
        DemoRuns.simulate(terminal, DemoRuns.START, Duration.ofMinutes(15));
    }

    @AfterAll
    void stop() {
        terminal.close();
    }

    private CliRun tanhe(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--data-dir";
        all[args.length + 1] = data.toString();
        return CliRun.of(all);
    }

    @Test
    void alertsAreListedAndAcknowledgedWithAComment() {
        CliRun list = tanhe("alerts", "list", "--rule", "gas-flow");
        assertEquals(0, list.exit(), list.err());
        Matcher m = Pattern.compile("(?m)^(\\d+)\\s+RAISED\\s+.*threshold/gt1-gas-flow-high").matcher(list.out());
        assertTrue(m.find(), list.out());
        String id = m.group(1);
        CliRun asViewer = tanhe("alerts", "ack", id, "-m", "checked");
        assertEquals(1, asViewer.exit(), "the terminal's own token is a viewer's: " + asViewer.err());
        assertTrue(asViewer.err().contains("viewer role may not do this") && asViewer.err().contains("HTTP 403"), asViewer.err());
        CliRun ack = tanhe("alerts", "ack", id, "-m", "flow meter checked on site", "--token-file", operator);
        assertEquals(0, ack.exit(), ack.err());
        assertTrue(ack.out().contains("acknowledged by token:demo-operator") && ack.out().endsWith(": flow meter checked on site\n"), ack.out());
        CliRun again = tanhe("alerts", "ack", id, "--token-file", operator);
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("was already acknowledged"), again.out());
        CliRun after = tanhe("alerts", "list", "--state", "acknowledged");
        assertTrue(after.out().contains("token:demo-operator: flow meter checked on site"), after.out());
        CliRun unknown = tanhe("alerts", "ack", "99999", "--token-file", operator);
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().startsWith("alerts ack: id: no alert 99999"), unknown.err());
        CliRun badSeverity = tanhe("alerts", "list", "--severity", "loud");
        assertEquals(2, badSeverity.exit());
        assertTrue(badSeverity.err().contains("severity: `loud` is not a severity"), badSeverity.err());
    }

    @Test
    void verificationFindingsAreListedWithTheirClauseAndSentence() {
        CliRun list = tanhe("findings", "--node", "gas-meter-gt1");
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().startsWith("CHECK"), list.out());
        assertTrue(list.out().contains("VG-01.01/V2") && list.out().contains("CETS-VG-01.01 3.4.1.1, 3.4.1.4")
                && list.out().contains("× 1.005"), "the demo's gas meter is past its calibration (due 2026-04-20): " + list.out());
        CliRun json = tanhe("findings", "--from", "2026-06-01", "--to", "2026-06-02", "--json");
        assertEquals(0, json.exit(), json.err());
        assertTrue(json.out().contains("\"check\" : \"VG-01.01/V2\"") || json.out().contains("\"check\":\"VG-01.01/V2\""), json.out());
        CliRun bad = tanhe("findings", "--limit", "0");
        assertEquals(2, bad.exit(), bad.out());
        assertTrue(bad.err().contains("limit"), bad.err());
    }

    @Test
    void aLabValueIsEnteredAndCorrectedKeepingEveryVersion() {
        CliRun points = tanhe("manual", "points");
        assertEquals(0, points.exit(), points.err());
        assertTrue(points.out().contains("unit1.coal.c_ar") && points.out().contains("per month"), points.out());
        CliRun first = tanhe("manual", "enter", "unit1.coal.c_ar", "0.5310", "--period", "2026-06", "-m", "lab report No. 17",
                "--token-file", operator);
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().startsWith("unit1.coal.c_ar = 0.5310 tC/t at 2026-05-31T16:00:00.001Z, version 2"), first.out());
        CliRun second = tanhe("manual", "enter", "unit1.coal.c_ar", "0.5290", "--period", "2026-06", "-m", "lab re-test",
                "--token-file", operator);
        assertEquals(0, second.exit(), second.err());
        assertTrue(second.out().contains("version 3 (earlier versions kept)"), second.out());
        CliRun versions = tanhe("manual", "versions", "unit1.coal.c_ar", "--period", "2026-06");
        assertEquals(0, versions.exit(), versions.err());
        assertEquals(3, versions.out().lines().count(), versions.out());
        assertTrue(versions.out().contains("0.5310 tC/t") && versions.out().contains("replaces 0.5310 tC/t; lab re-test"), versions.out());
        CliRun badUnit = tanhe("manual", "enter", "unit1.coal.c_ar", "53", "--unit", "%", "--period", "2026-06", "--token-file", operator);
        assertEquals(2, badUnit.exit());
        assertTrue(badUnit.err().startsWith("manual enter: unit: unit `%` differs from the unit `tC/t`"), badUnit.err());
        CliRun asViewer = tanhe("manual", "enter", "unit1.coal.c_ar", "0.52", "--period", "2026-06");
        assertEquals(1, asViewer.exit());
        assertTrue(asViewer.err().contains("HTTP 403"), asViewer.err());
    }

    @Test
    void aStoredFigureIsExplainedWithItsRevisions() {
        CliRun e = tanhe("explain", "--store", "--node", "E", "--grain", "minute", "--bucket", "2026-06-01T08:05");
        assertEquals(0, e.exit(), e.err());
        assertTrue(e.out().contains("cn.power-generation") && e.out().contains("stored revisions (oldest first)\n  r1  "), e.out());
        CliRun bad = tanhe("explain", "--store", "--node", "Q", "--bucket", "2026-06-01T08:05");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().startsWith("explain: node: no stored node `Q`"), bad.err());
        CliRun both = CliRun.of("explain", "x.tanhe", "--store", "--node", "E", "--bucket", "2026-06-01");
        assertEquals(2, both.exit());
        assertTrue(both.err().contains("leave out FILE and --data"), both.err());
    }

    @Test
    void devicesArePolledOnCommandAndShownWithTheirLatestValues() {
        CliRun devices = tanhe("devices");
        assertEquals(0, devices.exit(), devices.err());
        assertTrue(devices.out().contains("grid-meter-a  (polled every 5.0 s, backup grid-meter-b)"), devices.out());
        assertTrue(devices.out().contains("data centres: none"), devices.out());
        CliRun poll = tanhe("poll", "--device", "gen-meter-1", "--token-file", operator);
        assertEquals(0, poll.exit(), poll.err());
        assertTrue(poll.out().contains("unit1.power.generated") && poll.out().endsWith("2 reading(s) from 1 device(s)\n"), poll.out());
        CliRun viewer = tanhe("poll", "--all");
        assertEquals(1, viewer.exit());
        CliRun unknown = tanhe("poll", "--device", "gen-meter-9", "--token-file", operator);
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().startsWith("poll: device: `gen-meter-9` is not a polled device"), unknown.err());
        CliRun backfill = tanhe("backfill", "--grain", "hour", "--from", "2026-06-01", "--to", "2026-06-02", "--reason", "test",
                "--token-file", operator);
        assertEquals(1, backfill.exit());
        assertTrue(backfill.err().contains("the site names no data centre"), backfill.err());
    }

    @Test
    void aJobIsFollowedWithAProgressBarToItsEnd() {
        CliRun backup = tanhe("jobs", "start", "backup", "--token-file", operator);
        assertEquals(0, backup.exit(), backup.err());
        assertTrue(backup.out().lines().anyMatch(l -> l.matches("job \\d+ DONE +\\[#{30}\\] 100 %  backup — backup in .*")), backup.out());
        CliRun list = tanhe("jobs", "list");
        assertTrue(list.out().contains("DONE") && list.out().contains("backup"), list.out());
        CliRun open = tanhe("jobs", "start", "recompute", "--from", "2026-06-01", "--to", "2026-06-01", "--token-file", operator);
        assertEquals(2, open.exit());
        assertTrue(open.err().startsWith("jobs start: to: the days from 2026-06-01 are still open"), open.err());
        // only a refused restore here: a restore ordered would stop this JVM's terminal (RestoreRoutesTest does it)
        CliRun restore = tanhe("jobs", "start", "restore", "--backup", "nope", "--token-file", operator);
        assertEquals(2, restore.exit());
        assertTrue(restore.err().startsWith("jobs start: backup: no backup nope in"), restore.err());
    }

    @Test
    void noRunningTerminalIsSaidWithWhatToDo() {
        CliRun r = CliRun.of("alerts", "list", "--data-dir", dir.resolve("nothing").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("no terminal runs on") && r.err().contains("tanhe run"), r.err());
    }
}
