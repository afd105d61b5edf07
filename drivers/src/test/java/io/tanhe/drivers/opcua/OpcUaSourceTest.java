package io.tanhe.drivers.opcua;

import io.tanhe.drivers.Quality;
import io.tanhe.drivers.Reading;
import io.tanhe.drivers.peers.CollectingSink;
import io.tanhe.drivers.peers.MiloServer;
import io.tanhe.drivers.retry.Backoff;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against a real OPC UA server built with Milo's server SDK on loopback. */
@Timeout(90)
class OpcUaSourceTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Instant SOURCE_TIME = Instant.parse("2024-03-01T00:15:00Z");

    @TempDir
    Path pki;
    private MiloServer server;
    private OpcUaSource source;
    private final CollectingSink sink = new CollectingSink();

    @BeforeEach
    void startServer() throws Exception {
        server = MiloServer.start(pki, List.of("boiler.energy", "boiler.flow"));
    }

    @AfterEach
    void stopAll() throws Exception {
        if (source != null) {
            source.close();
        }
        server.close();
    }

    @Test
    void valueSourceTimestampAndStatusBecomeTheReading() throws Exception {
        start();
        server.set("boiler.energy", new DataValue(new Variant(12345.67), StatusCode.GOOD, new DateTime(SOURCE_TIME)));

        Reading r = sink.await(x -> x.pointId().equals("boiler.energy") && x.value() != null
                && x.value().compareTo(BigDecimal.ZERO) != 0, WAIT);
        assertEquals(Quality.MEASURED, r.quality(), r.detail());
        assertEquals(new BigDecimal("12345.67"), r.value());
        assertEquals(SOURCE_TIME, r.measuredAt());
        assertEquals("kWh", r.unit());
        assertEquals("opc1", r.sourceId());
    }

    @Test
    void badAndUncertainStatusCodesBecomeFlaggedReadings() throws Exception {
        start();
        server.set("boiler.flow", new DataValue(new Variant(1.0), new StatusCode(StatusCodes.Bad_SensorFailure), new DateTime(SOURCE_TIME)));
        Reading bad = sink.await(x -> x.pointId().equals("boiler.flow") && !x.quality().hasValue(), WAIT);
        assertEquals(Quality.DEVICE_ERROR, bad.quality());
        assertTrue(bad.detail().contains("Bad_SensorFailure"), bad.detail());

        server.set("boiler.flow", new DataValue(new Variant(2.5), new StatusCode(StatusCodes.Uncertain_LastUsableValue), new DateTime(SOURCE_TIME)));
        Reading uncertain = sink.await(x -> x.pointId().equals("boiler.flow") && x.quality() == Quality.STALE, WAIT);
        assertEquals(new BigDecimal("2.5"), uncertain.value());
    }

    @Test
    void unknownNodeIsReportedAndTheOthersStillArrive() throws Exception {
        start(new OpcUaNode("ghost", NodeId.parse("ns=2;s=no.such.node"), "t"));

        Reading ghost = sink.await(x -> x.pointId().equals("ghost"), WAIT);
        assertEquals(Quality.DEVICE_ERROR, ghost.quality());
        assertTrue(ghost.detail().contains("Bad_NodeIdUnknown"), ghost.detail());
        server.set("boiler.energy", new DataValue(new Variant(7.0), StatusCode.GOOD, new DateTime(SOURCE_TIME)));
        assertEquals(new BigDecimal("7.0"), sink.await(x -> x.pointId().equals("boiler.energy") && x.value() != null
                && x.value().signum() > 0, WAIT).value());
    }

    @Test
    void serverRestartEndsInANewSubscriptionAndNewReadings() throws Exception {
        start();
        server.set("boiler.energy", new DataValue(new Variant(1.0), StatusCode.GOOD, new DateTime(SOURCE_TIME)));
        sink.await(x -> x.value() != null && x.value().compareTo(BigDecimal.ONE) == 0, WAIT);

        server.restart();
        server.set("boiler.energy", new DataValue(new Variant(2.0), StatusCode.GOOD, new DateTime(SOURCE_TIME.plusSeconds(60))));

        Reading after = sink.await(x -> x.value() != null && x.value().compareTo(new BigDecimal(2)) == 0, Duration.ofSeconds(60));
        assertEquals(SOURCE_TIME.plusSeconds(60), after.measuredAt());
    }

    private void start(OpcUaNode... extra) throws InterruptedException {
        List<OpcUaNode> nodes = new java.util.ArrayList<>(List.of(
                new OpcUaNode("boiler.energy", NodeId.parse(server.nodeId("boiler.energy")), "kWh"),
                new OpcUaNode("boiler.flow", NodeId.parse(server.nodeId("boiler.flow")), "t/h")));
        nodes.addAll(List.of(extra));
        source = new OpcUaSource(new OpcUaSourceConfig("opc1", server.endpointUrl(), Duration.ofMillis(100),
                Duration.ofSeconds(5), new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1)), nodes), Clock.systemUTC());
        source.start(sink);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!source.isSubscribed() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(source.isSubscribed(), "subscribed within " + WAIT);
    }
}
