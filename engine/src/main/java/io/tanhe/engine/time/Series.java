package io.tanhe.engine.time;

import io.tanhe.engine.units.Unit;

import java.time.Instant;
import java.util.List;

/**
 * The observations of one input key and the amounts they give per bucket. Amounts are derived from
 * the retained observations on demand for any bucket of any grain, so they never go stale: after
 * any sequence of {@link #add} calls, in any order, the amounts are those of the observations sorted
 * by time (for readings at distinct instants; a second reading at the same instant replaces the
 * first, so there the later arrival wins).
 *
 * <p>Not thread-safe: the caller serialises calls per model.
 */
public sealed interface Series permits CounterSeries, RateSeries, PeriodSeries {

    String input();

    /** The index key, members joined with ","; "" for a scalar input. */
    String key();

    InputSettings settings();

    /** The unit amounts are in. */
    default Unit amountUnit() {
        return settings().amountUnit();
    }

    /**
     * Takes one observation, late or not, and says which buckets' amounts may have changed.
     *
     * @throws ObservationException when it is for another series, its unit does not convert, or it is
     *                              older than the retained window ({@link #forgetBefore})
     */
    Change add(Observation observation);

    /** The amount of this key in {@code bucket}, of any grain. */
    BucketAmount amount(TimeBucket bucket);

    /** The observations that contributed to {@code bucket}'s amount, in time order (provenance). */
    List<Observation> feeding(TimeBucket bucket);

    /** Why {@code bucket} carries its {@link Flag}s, in time order. */
    List<Anomaly> anomalies(TimeBucket bucket);

    /**
     * Forgets observations no longer needed to compute buckets from {@code horizon} on (the last one
     * before it stays as the left neighbour). Afterwards observations before {@code horizon} are
     * refused and buckets starting before it can no longer be asked for; the caller keeps the raw
     * readings in its store and replays them into a fresh model when it must recompute older periods.
     */
    void forgetBefore(Instant horizon);

    /** The number of retained observations (meter replacements and period values count as one each). */
    int size();
}
