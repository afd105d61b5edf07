package io.tanhe.server.terminal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeapTrimTest {
    private static final long MB = 1L << 20;
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final Old old = new Old();
    private final AtomicInteger collections = new AtomicInteger();

    /** An old generation whose collection leaves {@code survives} bytes. */
    private static final class Old implements HeapTrim.OldGeneration {
        long used;
        long afterLast;
        long survives;

        @Override
        public long used() {
            return used;
        }

        @Override
        public long usedAfterLastCollection() {
            return afterLast;
        }
    }

    private HeapTrim trim() {
        return new HeapTrim(old, () -> {
            collections.incrementAndGet();
            old.used = old.survives;
            old.afterLast = old.survives;
        }, now::get);
    }

    @BeforeEach
    @AfterEach
    void forgetTheJvmWideWait() {
        HeapTrim.reset();
    }

    @Test
    void collectsOncePromotedGarbageReachesTheThresholdAndNotBefore() {
        old.afterLast = 30 * MB;
        old.survives = 30 * MB;
        old.used = 30 * MB + HeapTrim.PROMOTED - 1;
        trim().run();
        assertEquals(0, collections.get(), "less than the threshold above the last live figure");
        old.used = 30 * MB + HeapTrim.PROMOTED;
        trim().run();
        assertEquals(1, collections.get());
        assertEquals(30 * MB, old.used);
    }

    @Test
    void waitsAMinuteBetweenCollectionsEvenAcrossTerminals() {
        old.survives = 30 * MB;
        old.used = 80 * MB;
        trim().run();
        old.used = 80 * MB;
        now.addAndGet(HeapTrim.MIN_INTERVAL_NANOS - 1);
        trim().run();
        assertEquals(1, collections.get(), "a second terminal of the same JVM within the minute does not collect");
        now.addAndGet(1);
        trim().run();
        assertEquals(2, collections.get());
    }

    @Test
    void backsOffWhenTheOldGenerationHoldsLiveDataAndComesBackWhenACollectionFreesAgain() {
        old.afterLast = 100 * MB;
        old.used = 100 * MB + HeapTrim.PROMOTED;
        old.survives = old.used; // a backlog: the collection frees nothing
        trim().run();
        assertEquals(1, collections.get());
        old.used += HeapTrim.PROMOTED;
        now.addAndGet(HeapTrim.MIN_INTERVAL_NANOS);
        trim().run();
        assertEquals(1, collections.get(), "after one that freed nothing the wait doubles");
        old.survives = 100 * MB; // the backlog is gone
        now.addAndGet(HeapTrim.MIN_INTERVAL_NANOS);
        trim().run();
        assertEquals(2, collections.get());
        old.used = 100 * MB + HeapTrim.PROMOTED;
        now.addAndGet(HeapTrim.MIN_INTERVAL_NANOS);
        trim().run();
        assertEquals(3, collections.get(), "a collection that freed something resets the wait to the minimum");
    }

    @Test
    void collectsOnceAfterTheStartEvenWithoutGrowthSoTheStartsDataIsNotKeptSizedInTheHeap() {
        old.afterLast = 63 * MB; // a full collection of the collector's own during the start, the start's data still live
        old.used = 64 * MB;
        old.survives = 26 * MB;
        HeapTrim trim = trim();
        trim.run();
        now.addAndGet(HeapTrim.SETTLE_NANOS - 1);
        trim.run();
        assertEquals(0, collections.get(), "not during the start, and not for growth under the threshold");
        now.addAndGet(1);
        trim.run();
        assertEquals(1, collections.get(), "once the start is over");
        assertEquals(26 * MB, old.used);
        old.used = 27 * MB;
        now.addAndGet(HeapTrim.MAX_INTERVAL_NANOS);
        trim.run();
        assertEquals(1, collections.get(), "only once: later collections wait for the growth again");
    }

    @Test
    void theJvmsCollectorHasAnOldGenerationThatReportsItsLastCollection() {
        assertTrue(HeapTrim.OldGeneration.find(ManagementFactory.getMemoryPoolMXBeans()).isPresent(),
                "no old-generation pool among " + ManagementFactory.getMemoryPoolMXBeans().stream().map(p -> p.getName()).toList());
    }
}
