package io.tanhe.server.uplink;

import com.fasterxml.jackson.databind.JsonNode;
import io.tanhe.engine.time.Grain;
import io.tanhe.server.store.EventKind;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.uplink.config.CentreConfig;
import io.tanhe.server.uplink.config.TlsConfig;
import io.tanhe.sim.hj212.Hj212PlatformSimulator;
import io.tanhe.sim.hj212.ReceivedValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.tanhe.server.uplink.UplinkRig.CODES;
import static io.tanhe.server.uplink.UplinkRig.T0;
import static io.tanhe.server.uplink.UplinkRig.ZONE;
import static io.tanhe.server.uplink.UplinkRig.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The uplink against a simulated HJ 212 platform and an HTTPS receiver, with a real Derby store and a
 * simulated clock: outages, faults on the wire and restarts lose, duplicate and reorder nothing.
 */
class UplinkDeliveryTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void centreDownFor48HoursIsBackfilledOnceInOrderWhileTheOtherCentreIsNeverDelayed() throws Exception {
        TestCerts certs = TestCerts.create(dir);
        try (UplinkRig rig = new UplinkRig(dir.resolve("t"));
             Hj212PlatformSimulator sim = Hj212PlatformSimulator.start(0, Set.of(), line -> { });
             HttpsReceiver https = HttpsReceiver.start(certs, false)) {
            rig.writeResults(T0, 50);
            sim.down();
            rig.start(UplinkRig.hj212("province", sim.port()), UplinkRig.https("third", https.url(), trusting(certs)));
            for (int h = 1; h <= 48; h++) {
                rig.advance(Duration.ofHours(1));
                long expected = realtimePeriodsUntil(rig.clock.instant());
                await(() -> realtimeUploads(https) == expected, Duration.ofSeconds(20),
                        "the HTTPS centre to get every period while the HJ 212 centre is down (hour " + h + ")");
                assertTrue(rig.pending("province") > 0);
            }
            assertEquals(0, sim.connectionsAccepted());
            sim.up();
            rig.advance(Duration.ofMinutes(15));
            await(() -> rig.pending("province") == 0, WAIT, "the backfill");

            Instant until = Grain.FIFTEEN_MINUTES.floor(rig.clock.instant().minus(Duration.ofMinutes(2)), ZONE);
            assertDeliveredOnceInOrder(sim, until, 0);
            assertEquals(0, https.duplicates());
            assertTrue(rig.store.events().events(TimeRange.of(T0, rig.clock.instant().plusSeconds(1))).stream()
                    .anyMatch(e -> e.event().kind() == EventKind.BACKFILL && e.event().subject().equals("province")));
        }
    }

    @Test
    void droppedConnectionsMissingLateAcksAndGarbageLoseNothing() throws Exception {
        try (UplinkRig rig = new UplinkRig(dir);
             Hj212PlatformSimulator sim = Hj212PlatformSimulator.start(0, Set.of(), line -> { })) {
            rig.writeResults(T0, 8);
            sim.faults().dropsMidPacket(2).missingAcks(3).lateAcks(2, Duration.ofMillis(450)).garbageReplies(3);
            rig.start(UplinkRig.hj212("province", sim.port()));
            rig.advance(Duration.ofHours(6).plusMinutes(3));
            long expected = realtimePeriodsUntil(rig.clock.instant()) * CODES.size();
            Instant until = Grain.FIFTEEN_MINUTES.floor(rig.clock.instant().minus(Duration.ofMinutes(2)), ZONE);
            await(() -> {
                rig.advance(Duration.ofSeconds(30));
                return sim.stored().size() >= expected && rig.pending("province") == 0;
            }, WAIT, "delivery through the faults");
            assertDeliveredOnceInOrder(sim, until, -1);
            assertTrue(sim.duplicates() > 0, "dropped acks make the terminal resend, and the platform sees it again");
            assertTrue(sim.connectionsAccepted() >= 3, "the terminal reconnected after each drop");
        }
    }

    @Test
    void periodsWhoseResultsAreStoredAfterTheirWindowAreStillSent() throws Exception {
        try (UplinkRig rig = new UplinkRig(dir);
             Hj212PlatformSimulator sim = Hj212PlatformSimulator.start(0, Set.of(), line -> { })) {
            CentreConfig centre = UplinkRig.hj212("province", sim.port());
            rig.start(centre);
            rig.advance(Duration.ofMinutes(40)); // two real-time windows pass before the terminal stores anything
            Thread.sleep(1_000); // the worker polls every 20 ms: let it run the windows and find nothing stored
            rig.writeResults(T0, 1);
            rig.advance(Duration.ofMinutes(30));
            Instant until = T0.plus(Duration.ofMinutes(30));
            await(() -> sim.stored().size() >= 2 * CODES.size(), WAIT, "the late-stored periods to be sent");
            assertDeliveredOnceInOrder(sim, until, 0);
        }
    }

    @Test
    void restartInTheMiddleOfBackfillLosesAndDuplicatesNothing() throws Exception {
        try (UplinkRig rig = new UplinkRig(dir);
             Hj212PlatformSimulator sim = Hj212PlatformSimulator.start(0, Set.of(), line -> { })) {
            rig.writeResults(T0, 26);
            sim.down();
            CentreConfig centre = UplinkRig.hj212("province", sim.port());
            rig.start(centre);
            rig.advance(Duration.ofHours(24).plusMinutes(3));
            await(() -> rig.pending("province") >= 96, WAIT, "the outage's periods to be queued");
            long queued = rig.pending("province");
            sim.faults().lateAcks(100_000, Duration.ofMillis(30));
            sim.up();
            rig.advance(Duration.ofMinutes(1));
            await(() -> rig.pending("province") < queued / 2, WAIT, "half the backfill");
            rig.restart(centre);
            assertTrue(rig.pending("province") > 0, "the restart came in the middle of the backfill");
            rig.advance(Duration.ofMinutes(15));
            await(() -> rig.pending("province") == 0, WAIT, "the rest of the backfill");
            Instant until = Grain.FIFTEEN_MINUTES.floor(rig.clock.instant().minus(Duration.ofMinutes(2)), ZONE);
            assertDeliveredOnceInOrder(sim, until, 0);
        }
    }

    @Test
    void httpsRetriesUntilAcknowledgedAndTheReceiverSuppressesResentUploadsByKey() throws Exception {
        TestCerts certs = TestCerts.create(dir);
        try (UplinkRig rig = new UplinkRig(dir.resolve("t"));
             HttpsReceiver https = HttpsReceiver.start(certs, true)) {
            rig.writeResults(T0, 6);
            CentreConfig noClientCert = UplinkRig.https("third", https.url(), trusting(certs));
            rig.start(noClientCert);
            rig.advance(Duration.ofHours(4));
            await(() -> rig.uplink.status().get(0).failures() > 0, WAIT, "the handshake without client certificate to fail");
            assertEquals(0, https.uploads().size());

            CentreConfig withClientCert = UplinkRig.https("third", https.url(), new TlsConfig(certs.trustServer(),
                    TestCerts.PASSWORD, certs.clientKeys(), TestCerts.PASSWORD, "PKCS12"));
            https.failNext(2).answerLate(1, 3_000);
            rig.restart(withClientCert);
            await(() -> {
                rig.advance(Duration.ofSeconds(30));
                return rig.pending("third") == 0;
            }, WAIT, "HTTPS delivery through 503s and a lost answer");
            // the last advance may have closed a period the collector has not queued yet: wait for it, then count exactly
            long expected = Math.min(6 * 4, realtimePeriodsUntil(rig.clock.instant()));
            await(() -> realtimeUploads(https) >= expected && rig.pending("third") == 0, WAIT, "every closed period delivered");
            assertEquals(expected, realtimeUploads(https));
            assertTrue(https.duplicates() > 0, "the batch whose answer was lost was sent again");
            assertEquals(64, https.lastIdempotencyKey().length());
        }
    }

    @Test
    void manualBackfillIsSentMarkedAndRecorded() throws Exception {
        TestCerts certs = TestCerts.create(dir);
        try (UplinkRig rig = new UplinkRig(dir.resolve("t"));
             Hj212PlatformSimulator sim = Hj212PlatformSimulator.start(0, Set.of(), line -> { });
             HttpsReceiver https = HttpsReceiver.start(certs, false)) {
            rig.writeResults(T0, 2);
            rig.start(UplinkRig.hj212("province", sim.port()), UplinkRig.https("third", https.url(), trusting(certs)));
            rig.advance(Duration.ofHours(3));
            Map<String, Integer> queued = rig.uplink.backfill(new ManualBackfill(null, Grain.FIFTEEN_MINUTES,
                    TimeRange.of(T0, T0.plus(Duration.ofHours(1))), "operator-li", "meter M3 readings corrected"));
            assertEquals(Map.of("province", 4, "third", 4), queued);
            await(() -> rig.pending("province") == 0 && rig.pending("third") == 0, WAIT, "the manual backfill");
            assertTrue(sim.arrivals().size() >= 2 * 12, "HJ 212: the four periods arrive again");
            assertTrue(sim.arrivals().stream().allMatch(v -> v.flag().equals("N")),
                    "HJ 212: a re-sent measured figure keeps flag N (S means a value set by hand, [STD17] Table 8)");
            assertEquals(4, https.arrivals().stream().filter(u -> u.get("manual").asBoolean()).count());
            assertTrue(rig.store.events().events(TimeRange.of(T0, rig.clock.instant().plusSeconds(1))).stream()
                    .filter(e -> e.event().kind() == EventKind.BACKFILL)
                    .allMatch(e -> e.event().message().contains("operator-li")));
        }
    }

    @Test
    void manualBackfillOfChosenIndicatorsSendsOnlyThoseMarkedManual() throws Exception {
        TestCerts certs = TestCerts.create(dir);
        try (UplinkRig rig = new UplinkRig(dir.resolve("t"));
             Hj212PlatformSimulator sim = Hj212PlatformSimulator.start(0, Set.of(), line -> { });
             HttpsReceiver https = HttpsReceiver.start(certs, false)) {
            rig.writeResults(T0, 2);
            rig.start(UplinkRig.hj212("province", sim.port()), UplinkRig.https("third", https.url(), trusting(certs)));
            rig.advance(Duration.ofHours(3));
            await(() -> sim.arrivals().size() >= 8 * CODES.size() && realtimeUploads(https) >= 8, WAIT,
                    "the scheduled uploads of the two hours with results");
            await(() -> rig.pending("province") == 0 && rig.pending("third") == 0, WAIT, "the scheduled uploads");
            int hj212Before = sim.arrivals().size();
            TimeRange hour = TimeRange.of(T0, T0.plus(Duration.ofHours(1)));

            Map<String, Integer> queued = rig.uplink.backfill(new ManualBackfill(null, Grain.FIFTEEN_MINUTES, hour, "operator-li",
                    "flow meter of a05002 recalibrated", Set.of(CODES.get(1))));

            assertEquals(Map.of("province", 4, "third", 4), queued);
            await(() -> rig.pending("province") == 0 && rig.pending("third") == 0, WAIT, "the manual backfill");
            List<JsonNode> manual = https.arrivals().stream().filter(u -> u.get("manual").asBoolean()).toList();
            assertEquals(4, manual.size(), "one manual upload per period");
            for (JsonNode u : manual) {
                assertEquals(1, u.get("values").size(), u.toString());
                assertEquals(CODES.get(1), u.get("values").get(0).get("code").asText());
            }
            List<ReceivedValue> resent = sim.arrivals().subList(hj212Before, sim.arrivals().size());
            assertEquals(4, resent.size(), "HJ 212: one value per period: " + resent);
            assertTrue(resent.stream().allMatch(v -> v.code().equals(CODES.get(1))), resent.toString());
            assertTrue(rig.store.events().events(TimeRange.of(T0, rig.clock.instant().plusSeconds(1))).stream()
                    .filter(e -> e.event().kind() == EventKind.BACKFILL)
                    .anyMatch(e -> e.event().message().contains("indicators " + CODES.get(1))));
        }
    }

    @Test
    void manualBackfillOfAnIndicatorNoCentreReportsIsRefusedWithTheCodesThatExist() throws Exception {
        try (UplinkRig rig = new UplinkRig(dir.resolve("t"));
             Hj212PlatformSimulator sim = Hj212PlatformSimulator.start(0, Set.of(), line -> { })) {
            rig.start(UplinkRig.hj212("province", sim.port()));
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> rig.uplink.backfill(new ManualBackfill(null, Grain.HOUR, TimeRange.of(T0, T0.plus(Duration.ofHours(1))),
                            "operator-li", "test", Set.of("a99999"))));
            assertTrue(e.getMessage().contains("a99999") && e.getMessage().contains(CODES.get(0)), e.getMessage());
            assertEquals(0, rig.pending("province"));
        }
    }

    private static TlsConfig trusting(TestCerts certs) {
        return new TlsConfig(certs.trustServer(), TestCerts.PASSWORD, null, "", "PKCS12");
    }

    /** The 15-minute periods from T0 whose upload window has come at {@code now}. */
    private static long realtimePeriodsUntil(Instant now) {
        Instant until = Grain.FIFTEEN_MINUTES.floor(now.minus(Duration.ofMinutes(2)), ZONE);
        return Math.max(0, Duration.between(T0, until).toMinutes() / 15);
    }

    private static long realtimeUploads(HttpsReceiver https) {
        return https.uploads().values().stream().filter(u -> u.get("stream").asText().equals("realtime")).count();
    }

    /**
     * Every 15-minute period of every indicator from T0 to {@code until} is stored at the platform with
     * its value, the first arrivals of each indicator come in period order, and (unless
     * {@code duplicates} is -1) exactly that many values arrived twice.
     */
    private static void assertDeliveredOnceInOrder(Hj212PlatformSimulator sim, Instant until, long duplicates) {
        Map<String, ReceivedValue> stored = sim.stored();
        for (Instant t = T0; t.isBefore(until); t = t.plus(Duration.ofMinutes(15))) {
            for (int i = 0; i < CODES.size(); i++) {
                String key = "2051|" + LocalDateTime.ofInstant(t, ZONE) + "|" + CODES.get(i);
                ReceivedValue v = stored.get(key);
                assertTrue(v != null, "missing at the platform: " + key);
                BigDecimal expected = BigDecimal.valueOf(UplinkRig.value(i, t)).multiply(BigDecimal.valueOf(i == 0 ? 1000 : 1));
                assertEquals(0, expected.compareTo(new BigDecimal(v.cou())), key);
                assertEquals("N", v.flag());
            }
        }
        Map<String, LocalDateTime> last = new HashMap<>();
        List<String> outOfOrder = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (ReceivedValue v : sim.arrivals()) {
            if (!seen.add(v.key())) {
                continue;
            }
            String stream = v.cn() + "|" + v.code();
            LocalDateTime before = last.put(stream, v.dataTime());
            if (before != null && !v.dataTime().isAfter(before)) {
                outOfOrder.add(stream + " " + v.dataTime() + " after " + before);
            }
        }
        assertEquals(List.of(), outOfOrder);
        if (duplicates >= 0) {
            assertEquals(duplicates, sim.duplicates(), "values the platform received twice");
        }
    }
}
