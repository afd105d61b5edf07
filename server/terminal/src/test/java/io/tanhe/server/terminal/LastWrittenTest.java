package io.tanhe.server.terminal;

import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.Quality;
import io.tanhe.engine.time.TimeBucket;
import io.tanhe.server.store.BucketResult;
import io.tanhe.server.store.MethodologyRef;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link LastWritten}: a figure is "the same" only with the same value, quality and completeness, per node, key and bucket. */
class LastWrittenTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final TimeBucket MINUTE = TimeBucket.of(Grain.MINUTE, T0, UTC);
    private static final TimeBucket HOUR = TimeBucket.of(Grain.HOUR, T0, UTC);

    private final LastWritten last = new LastWritten();

    private static BucketResult figure(TimeBucket b, String node, String key, double value, Quality quality, double completeness) {
        return BucketResult.of(node, key, b, value, "t", quality, completeness, new MethodologyRef("m", "1", "0".repeat(64)), T0, "live");
    }

    private static BucketResult figure(TimeBucket b, String node, String key, double value) {
        return figure(b, node, key, value, Quality.MEASURED, 1);
    }

    @Test
    void aFigureIsTheSameOnlyWithTheSameValueQualityAndCompleteness() {
        LastWritten.Figures minute = last.of(MINUTE);
        assertFalse(minute.put(figure(MINUTE, "e", "b1", 2.5)), "nothing remembered yet");
        assertTrue(minute.put(figure(MINUTE, "e", "b1", 2.5)));
        assertFalse(minute.same(figure(MINUTE, "e", "b1", 2.6)));
        assertFalse(minute.same(figure(MINUTE, "e", "b1", 2.5, Quality.ESTIMATED, 1)));
        assertFalse(minute.same(figure(MINUTE, "e", "b1", 2.5, Quality.MEASURED, 0.5)));
        assertFalse(minute.same(figure(MINUTE, "e", "b2", 2.5)), "another key");
        assertFalse(minute.same(figure(MINUTE, "heat", "b1", 2.5)), "another node");
        assertFalse(last.of(HOUR).same(figure(HOUR, "e", "b1", 2.5)), "another bucket");
    }

    @Test
    void zerosOfBothSignsDifferAsDoubleCompareHasIt() {
        LastWritten.Figures minute = last.of(MINUTE);
        minute.put(figure(MINUTE, "e", "", 0.0));
        assertFalse(minute.same(figure(MINUTE, "e", "", -0.0)));
    }

    @Test
    void aFigureFirstSeenAfterItsBucketWasRememberedIsKeptToo() {
        LastWritten.Figures minute = last.of(MINUTE);
        minute.put(figure(MINUTE, "e", "b1", 1));
        last.of(HOUR).put(figure(HOUR, "e", "b2", 2)); // a new (node, key) once the minute's arrays exist
        assertFalse(minute.put(figure(MINUTE, "e", "b2", 3)));
        assertTrue(minute.same(figure(MINUTE, "e", "b2", 3)));
        assertTrue(minute.same(figure(MINUTE, "e", "b1", 1)));
        assertEquals(3, last.size());
    }

    @Test
    void removeAnswersLikeSameAndForgetsTheFigure() {
        LastWritten.Figures minute = last.of(MINUTE);
        minute.put(figure(MINUTE, "e", "", 1));
        assertTrue(minute.remove(figure(MINUTE, "e", "", 1)));
        assertFalse(minute.same(figure(MINUTE, "e", "", 1)));
        assertEquals(0, last.size());
        assertFalse(last.anyBefore(T0.plusSeconds(60)), "a bucket whose figures were all removed remembers nothing");
    }

    @Test
    void forgetBeforeDropsTheBucketsThatStartBeforeTheHorizon() {
        TimeBucket next = MINUTE.next();
        last.of(MINUTE).put(figure(MINUTE, "e", "", 1));
        last.of(next).put(figure(next, "e", "", 1));
        assertTrue(last.anyBefore(next.start()));
        last.forgetBefore(next.start());
        assertFalse(last.anyBefore(next.start()));
        assertNull(last.find(MINUTE));
        assertTrue(last.find(next).same(figure(next, "e", "", 1)));
    }
}
