package io.tanhe.engine.rules.threshold;

import io.tanhe.engine.rules.alert.Severity;
import io.tanhe.engine.time.Grain;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.Objects;

/**
 * An alert threshold as data: inserted into the rules session as a fact and evaluated by the generic
 * threshold rules, so that changing one needs no rule compilation.
 *
 * <p>Without a grain it checks each observation of the point {@code target}, and the condition must
 * hold for {@code forDuration} of measurement time; with a grain it checks the bucket results of the
 * node {@code target} at that grain, and the condition must hold for {@code forBuckets} consecutive
 * buckets. Once raised, the alert clears only when the value is back past {@code clear} (hysteresis:
 * for {@code > 100} with clear 90, a value of 95 keeps the alert).
 *
 * @param id              unique within the site, e.g. {@code boiler1-flow-high}
 * @param target          the point (observations) or node (bucket results)
 * @param key             the index key it applies to; null for every key
 * @param grain           the bucket grain; null to check observations
 * @param operator        how to compare
 * @param limit           the limit, in {@code unit} if given
 * @param clear           the clear level (equal to the limit when there is no hysteresis); must not be
 *                        on the alerting side of the limit
 * @param unit            the unit of limit and clear level; values are converted into it; null to compare as delivered
 * @param forDuration     how long an observation condition must hold; zero for at once
 * @param forBuckets      how many consecutive buckets a bucket condition must hold; at least 1
 * @param minCompleteness a bucket result covering less of its bucket than this is not checked (0..1)
 * @param severity        the alert's severity
 * @param message         the alert text; {@code {subject} {value} {unit} {operator} {limit} {clear}} are filled in
 * @param escalateAfter   escalate when active and unacknowledged this long; null for the engine's default
 */
public record Threshold(String id, String target, String key, Grain grain, Operator operator, double limit,
                        double clear, String unit, Duration forDuration, int forBuckets, double minCompleteness,
                        Severity severity, String message, Duration escalateAfter) {

    private static final String DEFAULT_MESSAGE = "{subject} = {value} {unit}, limit {operator} {limit} {unit}";

    public Threshold {
        requireText(id, "id");
        requireText(target, "target");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(severity, "severity");
        forDuration = forDuration == null ? Duration.ZERO : forDuration;
        message = message == null || message.isBlank() ? DEFAULT_MESSAGE : message;
        unit = unit == null || unit.isBlank() ? null : unit;
        key = key == null || key.isBlank() ? null : key;
        if (!Double.isFinite(limit) || !Double.isFinite(clear)) {
            throw new IllegalArgumentException("threshold " + id + ": limit and clear level must be finite numbers");
        }
        if (operator.test(clear, limit) && clear != limit) {
            throw new IllegalArgumentException("threshold " + id + ": the clear level " + number(clear) + " lies on the alerting side of "
                    + operator.symbol() + " " + number(limit) + "; for hysteresis it must be " + (operator.upper() ? "below" : "above")
                    + " the limit");
        }
        if (forDuration.isNegative()) {
            throw new IllegalArgumentException("threshold " + id + ": `for` must not be negative");
        }
        if (forBuckets < 1) {
            throw new IllegalArgumentException("threshold " + id + ": `for` must be at least 1 bucket");
        }
        if (grain == null && forBuckets != 1) {
            throw new IllegalArgumentException("threshold " + id + ": `for` in buckets needs a grain; without a grain give a duration such as 5m");
        }
        if (grain != null && !forDuration.isZero()) {
            throw new IllegalArgumentException("threshold " + id + ": with grain " + grain.label()
                    + " give `for` in buckets (e.g. `3 buckets`), not as a duration");
        }
        if (!(minCompleteness >= 0 && minCompleteness <= 1)) {
            throw new IllegalArgumentException("threshold " + id + ": min_completeness must lie in 0..1");
        }
        if (escalateAfter != null && (escalateAfter.isNegative() || escalateAfter.isZero())) {
            throw new IllegalArgumentException("threshold " + id + ": escalate_after must be positive");
        }
    }

    /** A threshold without hysteresis, duration or escalation of its own: a starting point for {@link #with}. */
    public static Threshold of(String id, String target, Operator operator, double limit, Severity severity) {
        return new Threshold(id, target, null, null, operator, limit, limit, null, Duration.ZERO, 1, 0,
                severity, null, null);
    }

    /** The name of the alerts this threshold raises. */
    public String alertName() {
        return "threshold/" + id;
    }

    /** True when {@code value} (in the threshold's unit) is on the alerting side of the limit. */
    public boolean breaches(double value) {
        return operator.test(value, limit);
    }

    /** True when {@code value} ends an active alert: it is no longer on the alerting side of the clear level. */
    public boolean clearedBy(double value) {
        return !operator.test(value, clear);
    }

    /** The alert text for {@code subject} at {@code value}. */
    public String messageFor(String subject, double value, String valueUnit) {
        String shownUnit = unit != null ? unit : valueUnit;
        return message.replace("{subject}", subject)
                .replace("{value}", number(value))
                .replace("{unit}", shownUnit)
                .replace("{operator}", operator.symbol())
                .replace("{limit}", number(limit))
                .replace("{clear}", number(clear));
    }

    /** Changes applied to a copy; see {@link Change}. */
    public Threshold with(Change change) {
        Change.Draft d = new Change.Draft(this);
        change.apply(d);
        return d.build();
    }

    /** An edit of a threshold for {@link #with}, e.g. {@code t.with(d -> d.limit = 120)}. */
    @FunctionalInterface
    public interface Change {
        void apply(Draft draft);

        /** The mutable fields of a threshold being edited. */
        final class Draft {
            public String key;
            public Grain grain;
            public Operator operator;
            public double limit;
            public Double clear;
            public String unit;
            public Duration forDuration;
            public int forBuckets;
            public double minCompleteness;
            public Severity severity;
            public String message;
            public Duration escalateAfter;
            private final Threshold base;

            Draft(Threshold t) {
                base = t;
                key = t.key;
                grain = t.grain;
                operator = t.operator;
                limit = t.limit;
                clear = t.clear == t.limit ? null : t.clear;
                unit = t.unit;
                forDuration = t.forDuration;
                forBuckets = t.forBuckets;
                minCompleteness = t.minCompleteness;
                severity = t.severity;
                message = t.message;
                escalateAfter = t.escalateAfter;
            }

            Threshold build() {
                return new Threshold(base.id, base.target, key, grain, operator, limit, clear == null ? limit : clear,
                        unit, forDuration, forBuckets, minCompleteness, severity, message, escalateAfter);
            }
        }
    }

    /** A number as people write it: up to 6 significant digits, no trailing zeros. */
    static String number(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    private static void requireText(String s, String what) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException("a threshold needs a non-empty " + what);
        }
    }
}
