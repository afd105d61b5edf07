package io.tanhe.engine.time;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeBucketTest {
    private static final ZoneId SHANGHAI = TimeBucket.DEFAULT_ZONE;
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static Instant local(String text, ZoneId zone) {
        return LocalDateTime.parse(text).atZone(zone).toInstant();
    }

    @Test
    void aBucketIsWithinTheEvaluatorRangeOnlyWhenBothEndsAre() {
        assertTrue(TimeBucket.of(Grain.MONTH, local("2262-03-31T00:00", SHANGHAI)).withinEvaluatorRange());
        assertFalse(TimeBucket.of(Grain.MONTH, local("2262-04-01T00:00", SHANGHAI)).withinEvaluatorRange(), "ends after 2262-04-11");
        assertTrue(TimeBucket.of(Grain.MONTH, local("1677-10-01T00:00", SHANGHAI)).withinEvaluatorRange());
        assertFalse(TimeBucket.of(Grain.MONTH, local("1677-09-30T00:00", SHANGHAI)).withinEvaluatorRange(), "starts before 1677-09-21");
        assertFalse(TimeBucket.of(Grain.DAY, local("0001-01-01T00:00", SHANGHAI)).withinEvaluatorRange());
    }

    @Test
    void minuteBucketsAreLocalMinutes() {
        TimeBucket b = TimeBucket.of(Grain.MINUTE, Instant.parse("2024-03-01T03:59:59.999Z"));
        assertEquals(Instant.parse("2024-03-01T03:59:00Z"), b.start());
        assertEquals(Instant.parse("2024-03-01T04:00:00Z"), b.end());
        assertEquals(SHANGHAI, b.zone());
    }

    @Test
    void dayStartsAtLocalMidnightNotUtcMidnight() {
        // 2024-03-01T15:59:59Z is 23:59:59 in Shanghai; 16:00Z is the next local day.
        TimeBucket before = TimeBucket.of(Grain.DAY, Instant.parse("2024-03-01T15:59:59Z"));
        TimeBucket after = TimeBucket.of(Grain.DAY, Instant.parse("2024-03-01T16:00:00Z"));
        assertEquals(local("2024-03-01T00:00", SHANGHAI), before.start());
        assertEquals(after.start(), before.end());
        assertEquals(before.next(), after);
        assertEquals(after.previous(), before);
        assertEquals(Duration.ofHours(24), before.duration());
    }

    @Test
    void monthQuarterAndYearEndsInShanghai() {
        Instant lastSecondOfYear = local("2023-12-31T23:59:59", SHANGHAI);
        TimeBucket month = TimeBucket.of(Grain.MONTH, lastSecondOfYear);
        TimeBucket quarter = TimeBucket.of(Grain.QUARTER, lastSecondOfYear);
        TimeBucket year = TimeBucket.of(Grain.YEAR, lastSecondOfYear);
        assertEquals(local("2023-12-01T00:00", SHANGHAI), month.start());
        assertEquals(local("2023-10-01T00:00", SHANGHAI), quarter.start());
        assertEquals(local("2023-01-01T00:00", SHANGHAI), year.start());
        Instant newYear = local("2024-01-01T00:00", SHANGHAI);
        assertEquals(newYear, month.end());
        assertEquals(newYear, quarter.end());
        assertEquals(newYear, year.end());
        assertEquals(local("2024-02-01T00:00", SHANGHAI), TimeBucket.of(Grain.MONTH, newYear).next().start());
        assertEquals(Duration.ofDays(29), TimeBucket.of(Grain.MONTH, local("2024-02-10T12:00", SHANGHAI)).duration());
        assertEquals(local("2024-04-01T00:00", SHANGHAI), TimeBucket.of(Grain.QUARTER, newYear).end());
    }

    @Test
    void berlinSpringForwardDayHas23HoursAndNoTwoOClock() {
        TimeBucket day = TimeBucket.of(Grain.DAY, local("2024-03-31T12:00", BERLIN), BERLIN);
        assertEquals(Duration.ofHours(23), day.duration());
        List<TimeBucket> hours = day.children(Grain.HOUR);
        assertEquals(23, hours.size());
        assertEquals(1380, day.children(Grain.MINUTE).size());
        assertEquals(92, day.children(Grain.FIFTEEN_MINUTES).size());
        // 01:00 CET is followed directly by 03:00 CEST, one real hour later.
        assertEquals(Instant.parse("2024-03-31T00:00:00Z"), hours.get(1).start());
        assertEquals(Instant.parse("2024-03-31T01:00:00Z"), hours.get(2).start());
        assertEquals(3, hours.get(2).localStart().getHour());
        hours.forEach(h -> assertEquals(Duration.ofHours(1), h.duration()));
    }

    @Test
    void berlinFallBackDayHas25HoursAndTwoDistinctTwoOClockBuckets() {
        TimeBucket day = TimeBucket.of(Grain.DAY, local("2024-10-27T12:00", BERLIN), BERLIN);
        assertEquals(Duration.ofHours(25), day.duration());
        List<TimeBucket> hours = day.children(Grain.HOUR);
        assertEquals(25, hours.size());
        TimeBucket summer = TimeBucket.of(Grain.HOUR, Instant.parse("2024-10-27T00:30:00Z"), BERLIN);
        TimeBucket winter = TimeBucket.of(Grain.HOUR, Instant.parse("2024-10-27T01:30:00Z"), BERLIN);
        assertEquals(2, summer.localStart().getHour());
        assertEquals(2, winter.localStart().getHour());
        assertEquals(summer.next(), winter);
        assertEquals(winter.previous(), summer);
        assertEquals(Instant.parse("2024-10-27T00:00:00Z"), summer.start());
        assertEquals(Instant.parse("2024-10-27T01:00:00Z"), winter.start());
        assertTrue(summer.toString().contains("+02:00") && winter.toString().contains("+01:00"), summer + " / " + winter);
    }

    @Test
    void halfHourZoneHoursStartAtLocalHours() {
        ZoneId kolkata = ZoneId.of("Asia/Kolkata");
        TimeBucket hour = TimeBucket.of(Grain.HOUR, Instant.parse("2024-05-01T10:10:00Z"), kolkata);
        assertEquals(Instant.parse("2024-05-01T09:30:00Z"), hour.start());
    }

    @Test
    void parentAndChildrenNest() {
        TimeBucket minute = TimeBucket.of(Grain.MINUTE, local("2024-02-29T23:59:30", SHANGHAI));
        TimeBucket quarterHour = minute.parent(Grain.FIFTEEN_MINUTES);
        assertEquals(local("2024-02-29T23:45", SHANGHAI), quarterHour.start());
        assertEquals(local("2024-01-01T00:00", SHANGHAI), minute.parent(Grain.QUARTER).start());
        assertTrue(minute.parent(Grain.YEAR).encloses(minute));
        assertEquals(minute, minute.parent(Grain.MINUTE));
        assertEquals(15, quarterHour.children(Grain.MINUTE).size());
        assertEquals(366, minute.parent(Grain.YEAR).children(Grain.DAY).size());
        assertEquals(List.of(quarterHour), quarterHour.children(Grain.FIFTEEN_MINUTES));
    }

    @Test
    void parentAtFinerGrainIsRefused() {
        TimeBucket day = TimeBucket.of(Grain.DAY, Instant.parse("2024-01-01T00:00:00Z"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> day.parent(Grain.HOUR));
        assertTrue(e.getMessage().contains("finer grain hour"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> day.children(Grain.MONTH));
    }

    @Test
    void containsIsHalfOpen() {
        TimeBucket hour = TimeBucket.of(Grain.HOUR, local("2024-06-01T10:00", SHANGHAI));
        assertTrue(hour.contains(hour.start()));
        assertFalse(hour.contains(hour.end()));
        assertTrue(hour.contains(hour.end().minusNanos(1)));
        assertFalse(hour.contains(hour.start().minusNanos(1)));
    }

    @Test
    void everyGrainPartitionsTimeAroundTransitions() {
        Random random = new Random(7);
        for (ZoneId zone : List.of(SHANGHAI, BERLIN, ZoneId.of("Australia/Lord_Howe"), ZoneId.of("America/Sao_Paulo"))) {
            for (Grain grain : Grain.values()) {
                for (int i = 0; i < 300; i++) {
                    Instant t = Instant.ofEpochSecond(1_230_000_000L + (long) (random.nextDouble() * 600_000_000L));
                    TimeBucket b = TimeBucket.of(grain, t, zone);
                    String where = grain + " " + zone + " " + t;
                    assertTrue(b.contains(t), where);
                    assertEquals(b, TimeBucket.of(grain, b.start(), zone), where);
                    assertEquals(b, TimeBucket.of(grain, b.end().minusNanos(1), zone), where);
                    assertEquals(b.next().start(), b.end(), where);
                    assertEquals(b, b.next().previous(), where);
                    for (Grain coarser : grain.coarser()) {
                        assertTrue(b.parent(coarser).encloses(b), where + " in " + coarser);
                    }
                }
            }
        }
    }

    @Test
    void partitionHoldsInsideBerlinAndLordHoweTransitions() {
        for (String text : List.of("2024-03-31T01:00:00Z", "2024-10-27T01:00:00Z")) {
            walkAcross(Instant.parse(text), BERLIN);
        }
        ZoneId lordHowe = ZoneId.of("Australia/Lord_Howe"); // 30-minute daylight saving
        ZonedDateTime spring = ZonedDateTime.of(2023, 10, 1, 2, 0, 0, 0, lordHowe);
        ZonedDateTime autumn = ZonedDateTime.of(2024, 4, 7, 1, 45, 0, 0, lordHowe);
        walkAcross(spring.toInstant(), lordHowe);
        walkAcross(autumn.toInstant(), lordHowe);
    }

    private static void walkAcross(Instant transition, ZoneId zone) {
        for (Grain grain : List.of(Grain.MINUTE, Grain.FIFTEEN_MINUTES, Grain.HOUR)) {
            TimeBucket b = TimeBucket.of(grain, transition.minus(Duration.ofHours(3)), zone);
            Instant t = b.start();
            while (t.isBefore(transition.plus(Duration.ofHours(3)))) {
                assertEquals(b, TimeBucket.of(grain, t, zone), grain + " at " + t);
                t = t.plusSeconds(30);
                if (!b.contains(t)) {
                    assertEquals(b.end(), TimeBucket.of(grain, t, zone).start(), grain + " at " + t);
                    b = b.next();
                }
            }
        }
    }

    @Test
    void grainLabelsParseAndUnknownLabelsNameTheChoices() {
        assertEquals(Grain.FIFTEEN_MINUTES, Grain.fromLabel("15min"));
        assertEquals(Grain.QUARTER, Grain.fromLabel("Quarter"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Grain.fromLabel("fortnight"));
        assertTrue(e.getMessage().contains("minute, 15min, hour, day, week, month, quarter, year"), e.getMessage());
    }
}
