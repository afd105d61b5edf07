package io.tanhe.drivers.fields;

import com.sun.net.httpserver.HttpServer;
import io.tanhe.drivers.Quality;
import io.tanhe.drivers.Reading;
import io.tanhe.drivers.config.ConfigContext;
import io.tanhe.grammar.config.ConfigProblem;
import io.tanhe.drivers.config.ConfiguredSource;
import io.tanhe.drivers.config.DriverConfiguration;
import io.tanhe.grammar.config.InvalidConfigException;
import io.tanhe.drivers.config.PointsFileLoader;
import io.tanhe.drivers.manual.InboxImportDevice;
import io.tanhe.drivers.manual.ManualEntrySource;
import io.tanhe.drivers.mqtt.MqttSource;
import io.tanhe.drivers.opcua.OpcUaSource;
import io.tanhe.drivers.registry.SourceTypes;
import io.tanhe.drivers.sql.SqlPollDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The mqtt, http, sql, file and manual types as a points file uses them. */
class NetSourceTypesTest {
    @TempDir
    Path dir;

    private DriverConfiguration load(String yaml) {
        return new PointsFileLoader(SourceTypes.all()).parse(yaml, "site.yaml", new ConfigContext(Clock.systemUTC(), dir));
    }

    @Test
    void everyNetworkAndManualTypeLoads() {
        try (DriverConfiguration c = load("""
                devices:
                  - id: plant-mqtt
                    type: mqtt
                    broker: tcp://127.0.0.1:1883
                    reconnect_max: 30s
                    zone: Asia/Shanghai
                    subscriptions:
                      - topic: plant/boiler1/#
                        points:
                          - {id: boiler1.energy, unit: kWh, value: /e, timestamp: /ts, timestamp_format: epoch-ms}
                          - {id: boiler1.flow, unit: t/h, value: /flow, quality: /q, good: ["0"]}
                  - id: gateway
                    type: http
                    url: https://10.0.0.5/api/meters
                    headers: {Authorization: Bearer abc}
                    period: 15s
                    timeout: 2s
                    points:
                      - {id: gw.gas, unit: Nm3, value: /gas/total}
                  - id: mes
                    type: sql
                    url: jdbc:derby:/var/lib/mes
                    query: SELECT tag, ts, val FROM readings WHERE id > ? ORDER BY id
                    columns: {point: TAG, timestamp: TS, value: VAL}
                    watermark: {column: ID, type: number, start: 1000}
                    state_file: state/mes.watermark
                    period: 5min
                    points:
                      - {id: mes.coal, unit: t}
                  - id: inbox
                    type: file
                    inbox: imports
                    operator: clerk
                    points:
                      - {id: lab.ncv, unit: GJ/t}
                  - id: manual
                    type: manual
                    points:
                      - {id: coal.monthly, unit: t}
                  - id: dcs
                    type: opcua
                    endpoint: opc.tcp://10.0.0.9:4840/dcs
                    publishing_interval: 500ms
                    points:
                      - {id: dcs.steam, unit: t/h, node: "ns=2;s=Boiler1.Steam"}
                """)) {
            assertInstanceOf(OpcUaSource.class, ((ConfiguredSource.Pushed) c.source("dcs").orElseThrow()).source());
            assertInstanceOf(MqttSource.class, ((ConfiguredSource.Pushed) c.source("plant-mqtt").orElseThrow()).source());
            assertEquals(List.of("boiler1.energy", "boiler1.flow"),
                    c.source("plant-mqtt").orElseThrow().points().stream().map(p -> p.id()).toList());
            assertEquals(Duration.ofSeconds(15), ((ConfiguredSource.Polled) c.source("gateway").orElseThrow()).poll().period());
            assertInstanceOf(SqlPollDevice.class, ((ConfiguredSource.Polled) c.source("mes").orElseThrow()).device());
            InboxImportDevice inbox = (InboxImportDevice) ((ConfiguredSource.Polled) c.source("inbox").orElseThrow()).device();
            assertEquals(dir.resolve("imports/imported"), inbox.importedFolder());
            assertInstanceOf(ManualEntrySource.class, ((ConfiguredSource.Pushed) c.source("manual").orElseThrow()).source());
        }
    }

    @Test
    void badFieldsAreNamedByTheirPath() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> load("""
                devices:
                  - id: m
                    type: mqtt
                    broker: mqtt.example:1883
                    subscriptions:
                      - topic: a/b
                        points:
                          - {id: a.b, value: data/v, quality: /q}
                  - id: h
                    type: http
                    url: ftp://x/y
                    points:
                      - {id: h.x, value: /x, timestamp: /t, timestamp_format: "yyyy-MM-dd bb"}
                  - id: s
                    type: sql
                    url: derby:x
                    query: SELECT * FROM t
                    columns: {point: P, value: V}
                    watermark: {column: ID, type: date, start: x}
                    zone: Mars/Olympus
                    points:
                      - {id: s.x}
                  - id: f
                    type: file
                    inbox: in
                  - id: o
                    type: opcua
                    endpoint: http://x
                    points:
                      - {id: o.a, node: "ns=2;s=A"}
                      - {id: o.b, node: "ns=2;s=A"}
                      - {id: o.c, node: "Boiler1"}
                """));
        List<String> problems = e.problems().stream().map(ConfigProblem::toString).toList();
        assertContains(problems, "devices[0].broker: `mqtt.example:1883` is not tcp://host:port or ssl://host:port");
        assertContains(problems, "devices[0].subscriptions[0].points[0].value: `data/v` is not a JSON Pointer");
        assertContains(problems, "devices[0].subscriptions[0].points[0].good: a quality pointer needs the list of values that mean good");
        assertContains(problems, "devices[1].url: `ftp://x/y` must start with http:// or https://");
        assertContains(problems, "devices[1].points[0].timestamp_format: `yyyy-MM-dd bb` is neither iso");
        assertContains(problems, "devices[2].url: `derby:x` is not a JDBC URL");
        assertContains(problems, "devices[2].query: must contain exactly one ?");
        assertContains(problems, "devices[2].columns.timestamp: is required");
        assertContains(problems, "devices[2].watermark.type: `date` is not one of NUMBER, TIMESTAMP");
        assertContains(problems, "devices[2].zone: `Mars/Olympus` is not a time zone");
        assertContains(problems, "devices[3].points: a file source needs the list of point ids it may feed");
        assertContains(problems, "devices[4].endpoint: `http://x` is not an opc.tcp:// endpoint URL");
        assertContains(problems, "devices[4].points[1].node: node ns=2;s=A is already monitored by another point");
        assertContains(problems, "devices[4].points[2].node: `Boiler1` is not a node id");
    }

    @Test
    void httpSourceFromAPointsFilePollsARealServer() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api", ex -> {
            byte[] body = "{\"gas\":{\"total\":\"4711.25\"}}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try (DriverConfiguration c = load("""
                devices:
                  - id: gateway
                    type: http
                    url: http://127.0.0.1:%d/api
                    timeout: 2s
                    points:
                      - {id: gw.gas, unit: Nm3, value: /gas/total}
                """.formatted(server.getAddress().getPort()))) {
            Reading r = ((ConfiguredSource.Polled) c.sources().get(0)).device().poll(Instant.EPOCH).get(0);
            assertEquals(Quality.MEASURED, r.quality(), r.detail());
            assertEquals("4711.25", r.value().toPlainString());
            assertEquals("Nm3", r.unit());
        } finally {
            server.stop(0);
        }
    }

    /** A problem whose path and message start with {@code prefix}, after its {@code file:line:column: } place. */
    private static void assertContains(List<String> problems, String prefix) {
        if (problems.stream().noneMatch(p -> p.matches("site\\.yaml:\\d+:\\d+: .*") && p.substring(p.indexOf(": ") + 2).startsWith(prefix))) {
            throw new AssertionError("no problem at a line starting with <" + prefix + "> in\n  " + String.join("\n  ", problems));
        }
    }
}
