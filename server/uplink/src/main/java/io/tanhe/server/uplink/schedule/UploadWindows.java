package io.tanhe.server.uplink.schedule;

import io.tanhe.engine.time.Grain;
import io.tanhe.server.uplink.config.RealtimeSchedule;
import io.tanhe.server.uplink.config.Schedules;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * When each scheduled stream of a centre has its upload windows, and which periods a window
 * carries (section 7.2.4 (1), (2)):
 * <ul>
 *   <li>real-time: every interval from local midnight, shifted by the delay; a window carries the
 *       15-minute periods that ended at least the delay before it;</li>
 *   <li>daily: each day at the configured local time; carries the days before that day;</li>
 *   <li>monthly: on the configured day and time; carries the months before that month.</li>
 * </ul>
 * The real-time interval comes from a supplier, since a platform may change it (CN 1062).
 */
public final class UploadWindows {
    private final Schedules schedules;
    private final ZoneId zone;
    private final Supplier<Duration> realtimeInterval;

    /**
     * @param realtimeInterval the current real-time interval (the configured one unless a platform set another)
     */
    public UploadWindows(Schedules schedules, ZoneId zone, Supplier<Duration> realtimeInterval) {
        this.schedules = schedules;
        this.zone = zone;
        this.realtimeInterval = realtimeInterval;
    }

    /** The real-time interval now in force. */
    public Duration realtimeInterval() {
        return realtimeInterval.get();
    }

    /** Whether the centre gets this stream on a schedule. */
    public boolean scheduled(Stream s) {
        return switch (s) {
            case REALTIME -> schedules.realtime().isPresent();
            case DAILY -> schedules.dailyAt().isPresent();
            case MONTHLY -> schedules.monthly().isPresent();
            case MANUAL -> false;
        };
    }

    /** The first window of {@code s} strictly after {@code t}; empty for an unscheduled stream. */
    public Optional<Instant> nextAfter(Stream s, Instant t) {
        if (!scheduled(s)) {
            return Optional.empty();
        }
        return Optional.of(switch (s) {
            case REALTIME -> nextRealtime(t, schedules.realtime().orElseThrow());
            case DAILY -> nextDaily(t);
            case MONTHLY -> nextMonthly(t);
            case MANUAL -> throw new IllegalStateException("manual uploads have no window");
        });
    }

    /** The periods a window at {@code window} carries end at or before this instant (exclusive bound of period starts). */
    public Instant closedUntil(Stream s, Instant window) {
        Grain g = s.grain().orElseThrow();
        Instant edge = s == Stream.REALTIME ? window.minus(schedules.realtime().orElseThrow().delay()) : window;
        return g.floor(edge, zone);
    }

    private Instant nextRealtime(Instant t, RealtimeSchedule r) {
        Duration interval = realtimeInterval.get();
        Instant shifted = t.minus(r.delay());
        Instant midnight = Grain.DAY.floor(shifted, zone);
        long k = Duration.between(midnight, shifted).toMillis() / interval.toMillis() + 1;
        return midnight.plus(interval.multipliedBy(k)).plus(r.delay());
    }

    private Instant nextDaily(Instant t) {
        LocalDate day = LocalDateTime.ofInstant(t, zone).toLocalDate();
        for (int i = 0; ; i++) {
            Instant w = ZonedDateTime.of(day.plusDays(i), schedules.dailyAt().orElseThrow(), zone).toInstant();
            if (w.isAfter(t)) {
                return w;
            }
        }
    }

    private Instant nextMonthly(Instant t) {
        Schedules.MonthlySchedule m = schedules.monthly().orElseThrow();
        LocalDate month = LocalDateTime.ofInstant(t, zone).toLocalDate().withDayOfMonth(1);
        for (int i = 0; ; i++) {
            Instant w = ZonedDateTime.of(month.plusMonths(i).withDayOfMonth(m.day()), m.at(), zone).toInstant();
            if (w.isAfter(t)) {
                return w;
            }
        }
    }
}
