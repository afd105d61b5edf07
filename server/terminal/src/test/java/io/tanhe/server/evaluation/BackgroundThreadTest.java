package io.tanhe.server.evaluation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The thread of a background job: closing wakes its pause at once and never interrupts its step. */
@Timeout(30)
class BackgroundThreadTest {
    @Test
    void closingWakesAnHourLongPauseAndTheLoopEnds() throws Exception {
        CountDownLatch pausing = new CountDownLatch(1);
        AtomicInteger steps = new AtomicInteger();
        BackgroundThread[] t = new BackgroundThread[1];
        t[0] = new BackgroundThread("test-job", () -> {
            while (!t[0].closed()) {
                steps.incrementAndGet();
                pausing.countDown();
                t[0].pause(Duration.ofHours(1));
            }
        });
        t[0].start();
        assertTrue(pausing.await(10, java.util.concurrent.TimeUnit.SECONDS));
        long start = System.nanoTime();
        assertTrue(t[0].close(Duration.ofSeconds(10)), "the loop ended");
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "woken, not after the hour");
        assertTrue(t[0].closed());
        assertEquals(1, steps.get(), "one step, then the pause that closing woke");
    }

    @Test
    void aStepThatDoesNotEndInTimeIsReportedNotInterrupted() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch busy = new CountDownLatch(1);
        boolean[] interrupted = new boolean[1];
        BackgroundThread t = new BackgroundThread("test-job", () -> {
            busy.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                interrupted[0] = true;
            }
        });
        t.start();
        assertTrue(busy.await(10, java.util.concurrent.TimeUnit.SECONDS));
        assertFalse(t.close(Duration.ofMillis(200)), "still in its step");
        release.countDown();
        assertFalse(interrupted[0], "closing never interrupts the step (Derby would close its connection)");
    }
}
