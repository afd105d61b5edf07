package io.tanhe.engine.rules.threshold;

import io.tanhe.engine.rules.alert.AlertBook;
import io.tanhe.engine.rules.fact.BucketResultFact;
import io.tanhe.engine.rules.fact.ObservationFact;
import io.tanhe.engine.rules.fact.RuleFact;
import io.tanhe.engine.rules.validation.Verdicts;
import org.kie.api.runtime.rule.RuleContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state behind the generic threshold rules: for each threshold and subject, since when the
 * condition holds (or for how many consecutive buckets) and whether its alert is up. Rules reach it
 * as the global {@code thresholds}; the generic DRL joins each new fact with the thresholds on its
 * target and calls {@link #check}.
 *
 * <p>Only newer data moves the state: an observation not later than the last one seen for that
 * threshold and subject is ignored (a replayed or re-inserted fact cannot count twice), and a bucket
 * result for an earlier bucket is ignored while a revision of the latest bucket replaces it.
 * Invalid, missing or substituted values neither raise nor clear; the gap watch reports them. Nor does a value
 * whose unit does not convert into the threshold's (the site loader refuses such a threshold where it knows the
 * point's unit): it is not compared, every time, and logged once per threshold and unit.
 *
 * <p>Not thread-safe: the rules engine calls it under its own lock.
 */
public final class ThresholdTracker {
    private static final Logger LOG = LoggerFactory.getLogger(ThresholdTracker.class);

    private record WatchKey(String thresholdId, String subject) {
        // Written out: looked up per threshold check, and the record's generated methods are slow under C1.
        @Override
        public boolean equals(Object o) {
            return o instanceof WatchKey k && thresholdId.equals(k.thresholdId) && subject.equals(k.subject);
        }

        @Override
        public int hashCode() {
            return thresholdId.hashCode() * 31 + subject.hashCode();
        }
    }

    /** Observation thresholds use lastMillis and runStartMillis; bucket thresholds the bucket fields. */
    private static final class Watch {
        final String alertName;
        long lastMillis = Long.MIN_VALUE;
        long runStartMillis = -1;
        long lastBucketStart = Long.MIN_VALUE;
        long lastBucketEnd = Long.MIN_VALUE;
        boolean lastBucketBreached;
        int runBefore;

        Watch(String alertName) {
            this.alertName = alertName;
        }
    }

    private final Map<WatchKey, Watch> watches = new HashMap<>();
    /** The threshold, its unit and a value unit already logged as not converting. */
    private final Set<String> unconvertible = new HashSet<>();
    private final AlertBook alerts;
    private final Verdicts verdicts;

    public ThresholdTracker(AlertBook alerts, Verdicts verdicts) {
        this.alerts = alerts;
        this.verdicts = verdicts;
    }

    /** Evaluates observation {@code o} against threshold {@code t}. */
    public void check(Threshold t, ObservationFact o, RuleContext context) {
        if (!o.good() || verdicts.isInvalid(o)) {
            return;
        }
        Watch w = watch(t, o);
        long at = o.millis();
        if (at <= w.lastMillis) {
            return;
        }
        w.lastMillis = at;
        double value = t.unit() == null ? o.value() : o.valueIn(t.unit());
        if (Double.isNaN(value)) {
            if (t.unit() != null && !o.convertibleTo(t.unit())) {
                notComparable(t, o, o.unit());
            }
            return;
        }
        if (t.breaches(value)) {
            if (w.runStartMillis < 0) {
                w.runStartMillis = at;
            }
            if (at - w.runStartMillis >= t.forDuration().toMillis()) {
                raise(t, w, o, value, o.unit(), context);
            }
        } else {
            w.runStartMillis = -1;
            if (t.clearedBy(value)) {
                alerts.clear(w.alertName, o.subject());
            }
        }
    }

    /** Evaluates bucket result {@code b} against threshold {@code t}. */
    public void check(Threshold t, BucketResultFact b, RuleContext context) {
        if (verdicts.isInvalid(b) || b.completeness() < t.minCompleteness()) {
            return;
        }
        double value = t.unit() == null ? b.value() : b.valueIn(t.unit());
        if (Double.isNaN(value)) {
            if (t.unit() != null && !b.convertibleTo(t.unit())) {
                notComparable(t, b, b.unit());
            }
            return;
        }
        Watch w = watch(t, b);
        long start = b.startMillis();
        if (start < w.lastBucketStart) {
            return;
        }
        boolean breached = t.breaches(value);
        if (start > w.lastBucketStart) {
            w.runBefore = w.lastBucketBreached && start == w.lastBucketEnd ? w.runBefore + 1 : 0;
            w.lastBucketStart = start;
            w.lastBucketEnd = b.end().toEpochMilli();
        }
        w.lastBucketBreached = breached;
        int run = breached ? w.runBefore + 1 : 0;
        if (run >= t.forBuckets()) {
            raise(t, w, b, value, b.unit(), context);
        } else if (!breached && t.clearedBy(value)) {
            alerts.clear(w.alertName, b.subject());
        }
    }

    /** Drops the state of threshold {@code id} (it was removed). */
    public void forget(String id) {
        watches.keySet().removeIf(k -> k.thresholdId().equals(id));
    }

    /** The number of threshold-subject pairs tracked, for memory checks. */
    public int size() {
        return watches.size();
    }

    private void notComparable(Threshold t, RuleFact fact, String valueUnit) {
        if (unconvertible.add(t.id() + "\n" + t.unit() + "\n" + valueUnit)) {
            LOG.warn("threshold {}: {} is in {}, which does not convert to the threshold's unit {}; such values are not compared"
                    + " with the limit (they neither raise nor clear its alert): give the threshold a unit of the same kind, or"
                    + " fix the point's unit", t.id(), fact.subject(), valueUnit, t.unit());
        }
    }

    private void raise(Threshold t, Watch w, RuleFact fact, double value, String valueUnit, RuleContext context) {
        if (alerts.isActive(w.alertName, fact.subject())) {
            return;
        }
        alerts.raise(context.getRule().getName(), w.alertName, fact.subject(), t.severity(), t.messageFor(fact.subject(), value, valueUnit),
                List.of(fact), t.escalateAfter());
    }

    private Watch watch(Threshold t, RuleFact fact) {
        return watches.computeIfAbsent(new WatchKey(t.id(), fact.subject()), k -> new Watch(t.alertName()));
    }
}
