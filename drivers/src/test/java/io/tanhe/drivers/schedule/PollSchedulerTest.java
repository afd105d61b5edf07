package io.tanhe.drivers.schedule;

import io.tanhe.drivers.PolledDevice;
import io.tanhe.drivers.Reading;
import io.tanhe.drivers.config.ConfiguredSource;
import io.tanhe.drivers.config.PointSettings;
import io.tanhe.drivers.config.PollSettings;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PollSchedulerTest {
    private final SteppingClock clock = new SteppingClock(Instant.parse("2025-03-01T10:07:31Z"), ZoneOffset.UTC);

    /** A device that records when it was polled. */
    private static final class Recorder implements PolledDevice {
        final String id;
        final List<Instant> polls = new CopyOnWriteArrayList<>();

        Recorder(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public List<Reading> poll(Instant at) {
            polls.add(at);
            return List.of(Reading.measured(id + ".p", at, BigDecimal.ONE, "", id));
        }

        @Override
        public void close() {
        }
    }

    private static ConfiguredSource.Polled polled(Recorder d, Duration period) {
        return new ConfiguredSource.Polled(d, new PollSettings(period, Duration.ofSeconds(1), 0),
                List.of(new PointSettings(d.id + ".p", "", null, null, null)));
    }

    @Test
    void pollsFireAtAlignedTimesAndMissedSlotsAreNotMadeUp() {
        Recorder quarter = new Recorder("q");
        Recorder fast = new Recorder("f");
        List<Reading> delivered = new ArrayList<>();
        try (PollScheduler s = new PollScheduler(List.of(polled(quarter, Duration.ofMinutes(15)),
                polled(fast, Duration.ofSeconds(30))), delivered::add, clock)) {
            assertEquals(Instant.parse("2025-03-01T10:08:00Z"), s.nextDue());
            assertEquals(Instant.parse("2025-03-01T10:15:00Z"), s.nextDue("q"));
            assertTrue(s.runDue().isEmpty(), "nothing is due before its aligned time");
            clock.set(Instant.parse("2025-03-01T10:15:00Z"));
            s.runDue();
            assertEquals(List.of(Instant.parse("2025-03-01T10:15:00Z")), quarter.polls);
            assertEquals(List.of(Instant.parse("2025-03-01T10:08:00Z")), fast.polls, "late poll keeps its scheduled time");
            assertEquals(Instant.parse("2025-03-01T10:15:30Z"), s.nextDue("f"));
            assertEquals(Instant.parse("2025-03-01T10:30:00Z"), s.nextDue("q"));
            assertEquals(2, delivered.size());
        }
    }

    @Test
    void readOnCommandPollsAtOnceOutsideTheSchedule() throws Exception {
        Recorder d = new Recorder("d");
        try (PollScheduler s = new PollScheduler(List.of(polled(d, Duration.ofHours(3))), r -> { }, clock)) {
            List<Reading> r = s.readNow("d").get(5, TimeUnit.SECONDS);
            assertEquals(1, r.size());
            assertEquals(List.of(clock.instant()), d.polls);
            assertEquals(Instant.parse("2025-03-01T12:00:00Z"), s.nextDue("d"), "schedule unchanged");
        }
    }

    @Test
    void timerThreadPollsOnTheRealClock() throws Exception {
        Recorder d = new Recorder("d");
        try (PollScheduler s = new PollScheduler(List.of(polled(d, Duration.ofSeconds(1))), r -> { },
                java.time.Clock.systemUTC())) {
            s.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (d.polls.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(d.polls.size() >= 2, "polled " + d.polls);
            d.polls.forEach(t -> assertEquals(0, t.getNano(), "aligned to the second: " + t));
        }
    }
}
