package io.tanhe.engine.cems;

import io.tanhe.engine.incremental.IncrementalEvaluator;
import io.tanhe.engine.incremental.ResultValue;
import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.TimeBucket;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a measured emission's hours from the evaluator's minutes by the validity rules. A minute is
 * valid when the emission has a value there and its completeness — the share of the minute that
 * valid readings of all its inputs cover — reaches {@link ValidityRules#minuteMinShare()}. An hour
 * with enough valid minutes is valid, and its emission is the mean of its valid minutes' emissions
 * times the hour's minutes (HJ 212-2017 (24) averages the valid minutes); otherwise it takes the
 * reason the data logger's flags give for it, else {@link HourStatus#INVALID}.
 */
public final class MeasuredHours {
    private MeasuredHours() {
    }

    /**
     * @param flagged the reason an hour has no valid data, from the flags received for it (calibration, maintenance, stopped)
     */
    public static List<HourRecord> of(IncrementalEvaluator evaluator, String node, String key, Instant from, Instant to,
                                      ValidityRules rules, Function<Instant, Optional<HourStatus>> flagged) {
        if (evaluator.baseGrain() != Grain.MINUTE) {
            throw new IllegalArgumentException("the validity rules count minutes; the evaluator's base bucket is " + evaluator.baseGrain());
        }
        List<HourRecord> hours = new ArrayList<>();
        for (TimeBucket hour = TimeBucket.of(Grain.HOUR, from, evaluator.zone()); hour.start().isBefore(to); hour = hour.next()) {
            int valid = 0;
            int minutes = 0;
            double sum = 0;
            for (TimeBucket minute : hour.children(Grain.MINUTE)) {
                minutes++;
                Optional<ResultValue> r = evaluator.result(node, key, minute);
                if (r.isPresent() && r.get().present() && rules.minuteValid(r.get().completeness())) {
                    valid++;
                    sum += r.get().value();
                }
            }
            if (rules.hourValid(valid)) {
                hours.add(new HourRecord(hour.start(), HourStatus.VALID, sum / valid * minutes, valid));
            } else {
                hours.add(new HourRecord(hour.start(), flagged.apply(hour.start()).orElse(HourStatus.INVALID), Double.NaN, valid));
            }
        }
        return List.copyOf(hours);
    }
}
