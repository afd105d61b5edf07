package io.tanhe.server.uplink;

import io.tanhe.grammar.config.ConfigNode;
import io.tanhe.grammar.config.InvalidConfigException;
import io.tanhe.server.uplink.config.Protocol;
import io.tanhe.server.uplink.config.UplinkConfig;
import io.tanhe.server.uplink.config.UplinkConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UplinkConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void twoCentresLoadWithTheirProfileSchedulesAndDefaults() throws Exception {
        Files.writeString(dir.resolve("province.yaml"), "name: province\nmn: 010000A8900016F000169DC0\npassword: \"123456\"\n");
        Files.writeString(dir.resolve("uplink.yaml"), """
                centres:
                  - id: province
                    protocol: hj212-tcp
                    address: 127.0.0.1:8212
                    profile: province.yaml
                    indicators:
                      - {node: E, code: a05001, unit: kgCO2}
                    schedules:
                      realtime: {interval: 15m, delay: 2m}
                      daily: {at: "00:30"}
                    timeout: 10s
                    retries: 3
                  - id: third
                    protocol: https
                    address: https://127.0.0.1:8443/uplink
                    terminal_id: T-0001
                    indicators:
                      - {node: E, key: coal, code: e_coal}
                """);
        UplinkConfig c = UplinkConfigLoader.load(dir.resolve("uplink.yaml"));
        assertEquals(2, c.centres().size());
        var province = c.centre("province").orElseThrow();
        assertEquals(Protocol.HJ212_TCP, province.protocol());
        assertEquals("010000A8900016F000169DC0", province.profile().orElseThrow().mn());
        assertEquals(Duration.ofSeconds(10), province.delivery().timeout());
        assertEquals(3, province.delivery().retries());
        assertEquals(LocalTime.of(0, 30), province.schedules().dailyAt().orElseThrow());
        var third = c.centre("third").orElseThrow();
        assertEquals("T-0001", third.terminalId().orElseThrow());
        assertEquals(Duration.ofMinutes(15), third.schedules().realtime().orElseThrow().interval(), "default schedules");
    }

    @Test
    void everyBadFieldIsNamedByItsPath() throws Exception {
        Files.writeString(dir.resolve("uplink.yaml"), """
                centres:
                  - id: a
                    protocol: hj212-tcp
                    address: nowhere
                    indicators: [{node: E, code: "a 1"}]
                  - id: a
                    protocol: https
                    address: http://plain.example/uplink
                    terminal_id: T1
                    indicators: [{node: E, code: x, unit: furlongs}]
                    schedules: {realtime: {interval: 10s}, weekly: {}}
                    backoff: {initial: 1s, max: 1h}
                    retrys: 3
                  - {id: c, protocol: hj212-udp, address: x, indicators: [{node: E, code: c}]}
                """);
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> UplinkConfigLoader.load(dir.resolve("uplink.yaml")));
        String m = e.getMessage();
        for (String expected : new String[]{"centres[2].protocol: `hj212-udp` is not a protocol; use hj212-tcp or https — did you mean `hj212-tcp`?",
                "centres[0].address: `nowhere` is not host:port", "centres[0].profile: is required",
                "centres[1].id: `a` is already the id of centres[0]",
                "centres[0].indicators[0].code: bad field name 'a 1'", "centres[1].address: `http://plain.example/uplink` is not an https:// URL",
                "centres[1].indicators[0].unit: `furlongs` is not a unit", "centres[1].schedules.realtime.interval: `10s` is outside 30s … 1h",
                "centres[1].schedules.weekly: unknown field", "uplink.yaml:13:5: centres[1].retrys: unknown field — did you mean `retries`?",
                "centres[1].backoff.max: `1h` is longer than the real-time interval"}) {
            assertTrue(m.contains(expected), "missing `" + expected + "` in:\n" + m);
        }
    }

    @Test
    void aMissingProfileFileAndADuplicateIdAreReported() throws Exception {
        Files.writeString(dir.resolve("uplink.yaml"), """
                centres:
                  - {id: p, protocol: hj212-tcp, address: "127.0.0.1:1", profile: missing.yaml, indicators: [{node: E, code: a05001}]}
                  - {id: q, protocol: https, address: "https://h/u", terminal_id: T, indicators: [{node: E, code: c}]}
                  - {id: q, protocol: https, address: "https://h/u", terminal_id: T, indicators: [{node: E, code: c}]}
                """);
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> UplinkConfigLoader.load(dir.resolve("uplink.yaml")));
        assertTrue(e.problems().stream().anyMatch(p -> p.path().equals("centres[0].profile") && p.message().startsWith("cannot read")),
                e.getMessage());
        assertTrue(e.problems().stream().anyMatch(p -> p.toString().endsWith("uplink.yaml:4:6: centres[2].id: `q` is already the id of centres[1]")),
                e.getMessage());
    }

    @Test
    void everyIndicatorOfAnHj212CentreHasAValidFormatAndTwoCodesMayReportOneResult() throws Exception {
        // issue 12, 8a/8b: an indicator without format was written with 17 decimals; a second code on a result was dropped
        Files.writeString(dir.resolve("p.yaml"), "mn: A1\npassword: '123456'\nfields:\n  e10001: {unit: t, format: N10.2}\n");
        Files.writeString(dir.resolve("uplink.yaml"), """
                centres:
                  - id: province
                    protocol: hj212-tcp
                    address: 127.0.0.1:8212
                    profile: p.yaml
                    indicators:
                      - {node: E, code: e10001}
                      - {node: E, code: e10003}
                """);
        var centre = UplinkConfigLoader.load(dir.resolve("uplink.yaml")).centres().get(0);
        assertEquals(2, centre.indicators().size());
        assertEquals("N10.2", centre.profile().orElseThrow().format("e10001").text());
        assertEquals("N12.4", centre.profile().orElseThrow().format("e10003").text());
    }

    @Test
    void aValidationErrorNeverPrintsTheHj212Password() throws Exception {
        // issue 12, defect 12: the profile's PW appeared in the error
        Files.writeString(dir.resolve("p.yaml"), "mn: A1\npassword: 'Hunter2!'\n");
        Files.writeString(dir.resolve("uplink.yaml"), """
                centres:
                  - {id: province, protocol: hj212-tcp, address: 127.0.0.1:8212, profile: p.yaml, indicators: [{node: E, code: a05001}]}
                """);
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> UplinkConfigLoader.load(dir.resolve("uplink.yaml")));
        assertTrue(e.getMessage().contains("password: bad PW"), e.getMessage());
        assertTrue(!e.getMessage().contains("Hunter2"), e.getMessage());
    }

    @Test
    void aValidationErrorOfATlsPasswordDoesNotQuoteIt() throws Exception {
        // issue 12, defect 12: "must be text, not '<the password>'"
        Files.writeString(dir.resolve("uplink.yaml"), """
                centres:
                  - id: third
                    protocol: https
                    address: https://carbon.example.com/u
                    terminal_id: T-1
                    tls: {key_store_password: [Hunter2], trust_store_password: ""}
                    indicators: [{node: E, code: co2}]
                """);
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> UplinkConfigLoader.load(dir.resolve("uplink.yaml")));
        assertTrue(e.getMessage().contains("tls.key_store_password: "), e.getMessage());
        assertTrue(!e.getMessage().contains("Hunter2"), e.getMessage());
        // any loader's message about a secret field loses the values it quotes
        ConfigNode tls = ConfigNode.parse("key_store_password: s3cret\nretries: x1\n", "tls.yaml");
        tls.problem("key_store_password", "`s3cret` is not a password this store opens");
        tls.problem("retries", "`x1` is not a whole number");
        assertEquals(List.of("tls.yaml:1:1: key_store_password: (not shown) is not a password this store opens",
                "tls.yaml:2:1: retries: `x1` is not a whole number"), tls.problems().stream().map(Object::toString).toList());
    }
}
