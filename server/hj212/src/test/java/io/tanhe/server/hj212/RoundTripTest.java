package io.tanhe.server.hj212;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RoundTripTest {

    @Test
    void randomValidSegmentsDecodeToAnEqualValue() throws Exception {
        RandomSegments random = new RandomSegments(212_2017L);
        int checked = 0;
        for (int i = 0; i < 3000; i++) {
            DataSegment s = random.segment(12);
            if (s.text().length() > Hj212Codec.MAX_SEGMENT_BYTES) {
                continue;
            }
            byte[] packet = Hj212Codec.encode(s);
            assertEquals(s, Hj212Codec.decode(packet).segment(), "case " + i + ": " + s.text());
            checked++;
        }
        assertEquals(true, checked > 2500, "too few cases fit in one packet: " + checked);
    }

    @Test
    void withoutFlagSegmentsRoundTrip() throws Exception {
        DataSegment s = DataSegment.withoutFlag(null, "32", "2011", "123456", "LD130133000015",
                CpArea.of(CpItem.of("DataTime", "20160824003817000"), CpItem.of("B01-Rtd", "36.91")));
        assertEquals(s, Hj212Codec.decode(Hj212Codec.encode(s)).segment());
    }
}
