package io.tanhe.engine.time;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GrainTest {
    /** Zones whose offset stopped changing (Shanghai 1991, Kathmandu's +05:45 in 1986, Kolkata), or never changes. */
    private static final List<ZoneId> STEADY = List.of(ZoneId.of("Asia/Shanghai"), ZoneId.of("Asia/Kathmandu"),
            ZoneId.of("Asia/Kolkata"), ZoneId.of("UTC"), ZoneOffset.ofHoursMinutes(-3, -30));

    /** The bucket start by local wall-clock time, the way the grain's rules state it (no transitions in these instants). */
    private static Instant byLocalTime(Grain g, Instant t, ZoneId zone) {
        LocalDateTime local = LocalDateTime.ofInstant(t, zone);
        LocalDateTime start = switch (g) {
            case MINUTE -> local.truncatedTo(ChronoUnit.MINUTES);
            case FIFTEEN_MINUTES -> local.truncatedTo(ChronoUnit.HOURS).withMinute(local.getMinute() / 15 * 15);
            case HOUR -> local.truncatedTo(ChronoUnit.HOURS);
            case DAY -> local.truncatedTo(ChronoUnit.DAYS);
            default -> throw new IllegalArgumentException(g.label());
        };
        return start.atZone(zone).toInstant();
    }

    @Test
    void minuteToDayBucketsInZonesWithoutTransitionsFallOnLocalWallClockBoundaries() {
        Random random = new Random(13);
        long from = Instant.parse("1992-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2100-01-01T00:00:00Z").getEpochSecond();
        for (ZoneId zone : STEADY) {
            for (Grain g : List.of(Grain.MINUTE, Grain.FIFTEEN_MINUTES, Grain.HOUR, Grain.DAY)) {
                for (int i = 0; i < 2_000; i++) {
                    Instant t = Instant.ofEpochSecond(from + (long) (random.nextDouble() * (to - from)), random.nextInt(1_000_000_000));
                    Instant start = byLocalTime(g, t, zone);
                    assertEquals(start, g.floor(t, zone), g + " floor of " + t + " in " + zone);
                    assertEquals(g.floor(start, zone), start, g + " floor of its own start " + start + " in " + zone);
                    Instant next = byLocalTime(g, g == Grain.DAY ? start.plusSeconds(86_400 + 3_600) : start.plus(g == Grain.MINUTE
                            ? java.time.Duration.ofMinutes(1) : g == Grain.HOUR ? java.time.Duration.ofHours(1) : java.time.Duration.ofMinutes(15)), zone);
                    assertEquals(next, g.next(start, zone), g + " after " + start + " in " + zone);
                }
            }
        }
    }

    @Test
    void aZoneIsTakenByItsRulesAroundItsLastTransition() {
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        // China's last daylight-saving time ended 1991-09-15 02:00 local (+09:00 → +08:00).
        Instant beforeEnd = LocalDateTime.parse("1991-09-15T01:30").atZone(shanghai).withEarlierOffsetAtOverlap().toInstant();
        assertEquals(LocalDateTime.parse("1991-09-15T01:00").atOffset(ZoneOffset.ofHours(9)).toInstant(), Grain.HOUR.floor(beforeEnd, shanghai));
        assertEquals(LocalDateTime.parse("1991-09-15T00:00").atOffset(ZoneOffset.ofHours(9)).toInstant(), Grain.DAY.floor(beforeEnd, shanghai));
        assertEquals(LocalDateTime.parse("1991-09-16T00:00").atOffset(ZoneOffset.ofHours(8)).toInstant(),
                Grain.DAY.next(Grain.DAY.floor(beforeEnd, shanghai), shanghai), "that day had 25 hours");
        Instant twoDaysAfter = LocalDateTime.parse("1991-09-17T12:34:56").atZone(shanghai).toInstant();
        assertEquals(LocalDateTime.parse("1991-09-17T12:00").atZone(shanghai).toInstant(), Grain.HOUR.floor(twoDaysAfter, shanghai));
    }

    @Test
    void daylightSavingZonesKeepTheirShortAndLongDays() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Instant spring = LocalDateTime.parse("2031-03-30T12:00").atZone(berlin).toInstant();
        Instant day = Grain.DAY.floor(spring, berlin);
        assertEquals(23 * 3600, Grain.DAY.next(day, berlin).getEpochSecond() - day.getEpochSecond());
        Instant autumn = LocalDateTime.parse("2031-10-26T12:00").atZone(berlin).toInstant();
        Instant autumnDay = Grain.DAY.floor(autumn, berlin);
        assertEquals(25 * 3600, Grain.DAY.next(autumnDay, berlin).getEpochSecond() - autumnDay.getEpochSecond());
    }
}
