package io.tanhe.engine.cems;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Why an hour has no valid data, from the data flags received in it (the data logger's
 * {@code -Flag}, kept in each reading's detail): the status most of its flagged readings give,
 * ties broken towards calibration, then maintenance, stopped and invalid — so an hour that was
 * mostly calibrated counts as calibration, not as a fault. Hours without flags have no reason and
 * {@link MeasuredHours} takes them as invalid.
 */
public final class HourFlags implements Function<Instant, Optional<HourStatus>> {
    private static final List<HourStatus> PRIORITY = List.of(HourStatus.CALIBRATION, HourStatus.MAINTENANCE, HourStatus.STOPPED,
            HourStatus.INVALID);

    /** One flag as received: when, and the letter (N F M S D C T B). */
    public record Flagged(Instant at, char flag) {
    }

    private final Map<Instant, Map<HourStatus, Integer>> counts = new HashMap<>();
    private final ZoneId zone;

    private HourFlags(ZoneId zone) {
        this.zone = zone;
    }

    /** @throws IllegalArgumentException for a letter that is not an HJ 212-2017 flag, naming it and when it came */
    public static HourFlags of(List<Flagged> flags, ZoneId zone) {
        HourFlags h = new HourFlags(zone);
        for (Flagged f : flags) {
            HourStatus s;
            try {
                s = HourStatus.ofFlag(f.flag());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("flag at " + f.at() + ": " + e.getMessage(), e);
            }
            if (s != HourStatus.VALID) {
                h.counts.computeIfAbsent(h.hourOf(f.at()), x -> new EnumMap<>(HourStatus.class)).merge(s, 1, Integer::sum);
            }
        }
        return h;
    }

    private Instant hourOf(Instant t) {
        return t.atZone(zone).truncatedTo(ChronoUnit.HOURS).toInstant();
    }

    /** The reason for the hour starting at {@code hourStart}, if any flag gave one. */
    @Override
    public Optional<HourStatus> apply(Instant hourStart) {
        Map<HourStatus, Integer> c = counts.get(hourOf(hourStart));
        if (c == null) {
            return Optional.empty();
        }
        HourStatus best = null;
        for (HourStatus s : PRIORITY) {
            if (c.containsKey(s) && (best == null || c.get(s) > c.get(best))) {
                best = s;
            }
        }
        return Optional.ofNullable(best);
    }
}
