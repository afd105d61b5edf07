package io.tanhe.server.uplink;

import io.tanhe.server.hj212.CpArea;
import io.tanhe.server.hj212.CpItem;
import io.tanhe.server.hj212.DataSegment;
import io.tanhe.server.hj212.Flag;
import io.tanhe.server.hj212.Hj212Codec;
import io.tanhe.server.hj212.Hj212Crc;
import io.tanhe.server.hj212.Qn;
import io.tanhe.server.hj212.Timestamps;
import io.tanhe.server.store.EventKind;
import io.tanhe.server.store.TimeRange;
import io.tanhe.sim.hj212.Hj212PlatformSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static io.tanhe.server.uplink.UplinkRig.T0;
import static io.tanhe.server.uplink.UplinkRig.ZONE;
import static io.tanhe.server.uplink.UplinkRig.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An HJ 212 platform's commands, sent by the simulator, answered as [STD17] Appendix C shows. */
class PlatformCommandTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicLong QN_MS = new AtomicLong();
    private static final LocalDateTime LOCAL_T0 = LocalDateTime.ofInstant(T0, ZONE);

    @TempDir
    Path dir;

    private static DataSegment command(String cn, String pw, CpItem... items) {
        Qn qn = Qn.at(LocalDateTime.of(2024, 3, 5, 10, 0).plusNanos(QN_MS.incrementAndGet() * 1_000_000));
        return DataSegment.of(qn, "31", cn, pw, UplinkRig.MN, new Flag(Flag.V2017, false, true), CpArea.of(items));
    }

    private static String qn(DataSegment s) {
        return s.qn().orElseThrow().text();
    }

    @Test
    void retrievalOfMinuteDataSendsEachPeriodBetweenBeginAndEndThenExeRtn() throws Exception {
        try (UplinkRig rig = new UplinkRig(dir);
             Hj212PlatformSimulator sim = Hj212PlatformSimulator.start(0, Set.of(), line -> { })) {
            rig.writeResults(T0, 4);
            rig.start(UplinkRig.hj212("province", sim.port()));
            await(() -> rig.uplink.status().get(0).connected(), WAIT, "the connection");
            DataSegment request = command("2051", UplinkRig.PW, CpItem.of("BeginTime", Timestamps.format(LOCAL_T0.plusMinutes(30))),
                    CpItem.of("EndTime", Timestamps.format(LOCAL_T0.plusMinutes(75))));
            sim.send(request);
            await(() -> sim.answer("9012", qn(request)).isPresent(), WAIT, "the execution result");
            assertEquals("1", sim.answer("9011", qn(request)).orElseThrow().cp().value("QnRtn").orElseThrow());
            assertEquals("1", sim.answer("9012", qn(request)).orElseThrow().cp().value("ExeRtn").orElseThrow());
            List<LocalDateTime> times = sim.arrivals().stream().filter(v -> v.code().equals("a05002"))
                    .map(v -> v.dataTime()).toList();
            assertEquals(List.of(LOCAL_T0.plusMinutes(30), LOCAL_T0.plusMinutes(45), LOCAL_T0.plusMinutes(60),
                    LOCAL_T0.plusMinutes(75)), times, "BeginTime and EndTime are both included");

            DataSegment empty = command("2031", UplinkRig.PW, CpItem.of("BeginTime", "20200101000000"),
                    CpItem.of("EndTime", "20200102000000"));
            sim.send(empty);
            await(() -> sim.answer("9012", qn(empty)).isPresent(), WAIT, "the no-data result");
            assertEquals("100", sim.answer("9012", qn(empty)).orElseThrow().cp().value("ExeRtn").orElseThrow());
        }
    }

    @Test
    void timeQueryAndSetAndIntervalSetAreAnsweredAndRecorded() throws Exception {
        try (UplinkRig rig = new UplinkRig(dir);
             Hj212PlatformSimulator sim = Hj212PlatformSimulator.start(0, Set.of(), line -> { })) {
            rig.start(UplinkRig.hj212("province", sim.port()));
            await(() -> rig.uplink.status().get(0).connected(), WAIT, "the connection");

            DataSegment query = command("1011", UplinkRig.PW);
            sim.send(query);
            await(() -> sim.answer("1011", qn(query)).isPresent(), WAIT, "the time");
            assertEquals(Timestamps.format(LOCAL_T0), sim.answer("1011", qn(query)).orElseThrow().cp().value("SystemTime").orElseThrow());

            DataSegment set = command("1012", UplinkRig.PW, CpItem.of("SystemTime", Timestamps.format(LOCAL_T0.plusMinutes(7))));
            sim.send(set);
            await(() -> sim.answer("9012", qn(set)).isPresent(), WAIT, "the time set");
            assertEquals(Duration.ofMinutes(7), rig.terminalClock.offset());

            DataSegment interval = command("1062", UplinkRig.PW, CpItem.of("RtdInterval", "3600"));
            sim.send(interval);
            await(() -> sim.answer("9012", qn(interval)).isPresent(), WAIT, "the interval set");
            assertEquals("1", sim.answer("9012", qn(interval)).orElseThrow().cp().value("ExeRtn").orElseThrow());
            assertTrue(Files.readString(dir.resolve("uplink/province.state.json")).contains("\"realtime_interval_s\" : 3600"));
            DataSegment get = command("1061", UplinkRig.PW);
            sim.send(get);
            await(() -> sim.answer("1061", qn(get)).isPresent(), WAIT, "the interval");
            assertEquals("3600", sim.answer("1061", qn(get)).orElseThrow().cp().value("RtdInterval").orElseThrow());
            assertEquals(2, rig.store.events().events(TimeRange.of(T0.minusSeconds(1), T0.plus(Duration.ofHours(1)))).stream()
                    .filter(e -> e.event().kind() == EventKind.CONFIG_CHANGE).count());
        }
    }

    @Test
    void aCommandWithTheWrongPasswordIsRefusedWithQnRtn3() throws Exception {
        try (UplinkRig rig = new UplinkRig(dir);
             Hj212PlatformSimulator sim = Hj212PlatformSimulator.start(0, Set.of(), line -> { })) {
            rig.start(UplinkRig.hj212("province", sim.port()));
            await(() -> rig.uplink.status().get(0).connected(), WAIT, "the connection");
            DataSegment wrong = command("1011", "999999");
            sim.send(wrong);
            await(() -> sim.answer("9011", qn(wrong)).isPresent(), WAIT, "the refusal");
            assertEquals("3", sim.answer("9011", qn(wrong)).orElseThrow().cp().value("QnRtn").orElseThrow());
            assertTrue(sim.answer("1011", qn(wrong)).isEmpty());
        }
    }

    /** A packet with a right frame (length, CRC) around {@code segment}, whatever the segment holds. */
    private static byte[] framed(String segment) {
        byte[] data = segment.getBytes(StandardCharsets.US_ASCII);
        return (String.format("##%04d", data.length) + segment + Hj212Crc.hex(Hj212Crc.of(data)) + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aRetrievalWithAMonth13BeginTimeIsRefusedWithQnRtn2AndExeRtn3() throws Exception {
        try (UplinkRig rig = new UplinkRig(dir);
             Hj212PlatformSimulator sim = Hj212PlatformSimulator.start(0, Set.of(), line -> { })) {
            rig.start(UplinkRig.hj212("province", sim.port()));
            await(() -> rig.uplink.status().get(0).connected(), WAIT, "the connection");
            String qn = "20240305100000123";
            sim.sendRaw(framed("QN=" + qn + ";ST=31;CN=2051;PW=" + UplinkRig.PW + ";MN=" + UplinkRig.MN
                    + ";Flag=5;CP=&&BeginTime=20241301000000;EndTime=20241302000000&&"));
            await(() -> sim.answer("9012", qn).isPresent(), WAIT, "the execution result");
            assertEquals("2", sim.answer("9011", qn).orElseThrow().cp().value("QnRtn").orElseThrow());
            assertEquals("3", sim.answer("9012", qn).orElseThrow().cp().value("ExeRtn").orElseThrow());
        }
    }

    @Test
    void aCommandWithoutQnIsAnsweredWithQnRtn7() throws Exception {
        try (UplinkRig rig = new UplinkRig(dir);
             Hj212PlatformSimulator sim = Hj212PlatformSimulator.start(0, Set.of(), line -> { })) {
            rig.start(UplinkRig.hj212("province", sim.port()));
            await(() -> rig.uplink.status().get(0).connected(), WAIT, "the connection");
            sim.sendRaw(framed("ST=31;CN=1011;PW=" + UplinkRig.PW + ";MN=" + UplinkRig.MN + ";Flag=5;CP=&&&&"));
            await(() -> sim.answers().stream().anyMatch(a -> a.cn().equals("9011")), WAIT, "the refusal");
            DataSegment answer = sim.answers().stream().filter(a -> a.cn().equals("9011")).findFirst().orElseThrow();
            assertEquals("7", answer.cp().value("QnRtn").orElseThrow());
            assertTrue(sim.answers().stream().noneMatch(a -> a.cn().equals("1011")), "the time is not sent");
        }
    }

    @Test
    void aValidCommandAfterACutOffPacketInTheSameWriteIsAnswered() throws Exception {
        try (UplinkRig rig = new UplinkRig(dir);
             Hj212PlatformSimulator sim = Hj212PlatformSimulator.start(0, Set.of(), line -> { })) {
            rig.start(UplinkRig.hj212("province", sim.port()));
            await(() -> rig.uplink.status().get(0).connected(), WAIT, "the connection");
            DataSegment query = command("1011", UplinkRig.PW);
            byte[] whole = Hj212Codec.encode(query);
            byte[] cut = java.util.Arrays.copyOf(whole, 50);
            byte[] both = new byte[cut.length + whole.length];
            System.arraycopy(cut, 0, both, 0, cut.length);
            System.arraycopy(whole, 0, both, cut.length, whole.length);
            sim.sendRaw(both);
            await(() -> sim.answer("1011", qn(query)).isPresent(), WAIT, "the time");
        }
    }
}
