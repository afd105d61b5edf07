package io.tanhe.server.hj212;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SplittingTest {
    private final RandomSegments random = new RandomSegments(7);
    private final Supplier<Qn> qns = random::qn;

    private DataSegment longUpload(int indicators) {
        List<CpItem> items = new ArrayList<>();
        items.add(CpItem.of("DataTime", "20240102030000"));
        for (int i = 0; i < indicators; i++) {
            String code = "a" + (50000 + i);
            items.add(CpItem.of(new CpField(code + "-Cou", "123456.789"), new CpField(code + "-Avg", "412.5"),
                    new CpField(code + "-Flag", "N")));
        }
        return DataSegment.of(Qn.parse("20240102030500123"), "31", "2061", "123456", "TANHE0001",
                new Flag(1, false, true), new CpArea(items));
    }

    @Test
    void shortSegmentIsNotSplit() {
        DataSegment s = longUpload(2);
        assertEquals(List.of(s), new PacketSplitter().split(s, qns));
    }

    @Test
    void longSegmentSplitsIntoEncodablePartsThatRejoin() throws Exception {
        DataSegment whole = longUpload(60);
        List<DataSegment> parts = new PacketSplitter().split(whole, qns);
        assertTrue(parts.size() > 1, "expected several parts, got " + parts.size());
        Reassembler reassembler = new Reassembler();
        Reassembler.Result last = null;
        for (int i = 0; i < parts.size(); i++) {
            DataSegment part = parts.get(i);
            assertEquals(new PacketPart(parts.size(), i + 1), part.part().orElseThrow());
            assertTrue(part.flag().orElseThrow().split());
            assertEquals("DataTime=20240102030000", part.cp().items().get(0).text(), "each part says its period");
            DataSegment decoded = Hj212Codec.decode(Hj212Codec.encode(part)).segment();
            last = reassembler.offer(decoded);
        }
        assertEquals(new Reassembler.Complete(whole), last);
        assertEquals(whole.qn(), parts.get(0).qn());
        assertNotEquals(parts.get(0).qn(), parts.get(1).qn(), "each part has its own QN");
    }

    @Test
    void randomSegmentsSplitAtSmallLimitsAndRejoin() {
        for (int i = 0; i < 300; i++) {
            DataSegment whole = random.segment(20).withPart(null);
            int limit = 200 + random.random().nextInt(600);
            List<DataSegment> parts;
            try {
                parts = new PacketSplitter(limit).split(whole, qns);
            } catch (IllegalArgumentException tooBigItem) {
                continue;
            }
            Reassembler r = new Reassembler();
            Reassembler.Result result = null;
            for (DataSegment p : parts) {
                assertTrue(p.text().length() <= limit, "part longer than " + limit + ": " + p.text());
                result = r.offer(p);
            }
            assertEquals(new Reassembler.Complete(whole), result, "case " + i);
        }
    }

    @Test
    void aResentPartIsIgnoredAndAPartOutOfOrderDropsTheMessage() {
        List<DataSegment> parts = new PacketSplitter().split(longUpload(60), qns);
        Reassembler r = new Reassembler();
        assertEquals(new Reassembler.Waiting(1, parts.size()), r.offer(parts.get(0)));
        assertEquals(new Reassembler.Waiting(1, parts.size()), r.offer(parts.get(0)), "part 1 again restarts");
        assertEquals(new Reassembler.Waiting(2, parts.size()), r.offer(parts.get(1)));
        assertEquals(new Reassembler.Waiting(2, parts.size()), r.offer(parts.get(1)), "a resend is ignored");
        Reassembler.Result skipped = r.offer(parts.get(parts.size() - 1));
        assertInstanceOf(Reassembler.OutOfSequence.class, skipped);
        assertTrue(((Reassembler.OutOfSequence) skipped).problem().contains("was due"));
        assertInstanceOf(Reassembler.OutOfSequence.class, r.offer(parts.get(1)), "the message was dropped");
    }

    @Test
    void anItemTooLongForOnePacketIsRefused() {
        DataSegment whole = longUpload(1).withCp(CpArea.of(CpItem.of("x-Info", "y".repeat(1100))));
        assertThrows(IllegalArgumentException.class, () -> new PacketSplitter().split(whole, qns));
    }
}
