package io.tanhe.engine.rules.verification;

import io.tanhe.engine.rules.fact.BucketResultFact;
import io.tanhe.engine.rules.fact.CalibrationFact;
import io.tanhe.engine.time.Grain;
import io.tanhe.engine.rules.fact.ObservationFact;
import io.tanhe.engine.rules.fact.PeriodChangeFact;
import org.kie.api.runtime.rule.RuleContext;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where verification rules put what they find. Rules reach it as the global {@code findings}:
 * {@code findings.bucket(kcontext, $b, "VG-01.01/V8", "CETS-VG-01.01 表7", false, "±0.5 %", "message")}. A finding
 * neither judges the fact (its quality and the totals stay as they are) nor raises an alert: it goes to the
 * {@link FindingListener}s, which store it as a verification finding.
 */
public final class Findings {
    private final List<FindingListener> listeners = new CopyOnWriteArrayList<>();

    public void addListener(FindingListener listener) {
        listeners.add(listener);
    }

    public void removeListener(FindingListener listener) {
        listeners.remove(listener);
    }

    /** From a rule: a check found something about a bucket's figure (the figure is the measured value). */
    public void bucket(RuleContext context, BucketResultFact b, String check, String clause, boolean template, String bound,
                       String message) {
        publish(new VerificationFinding(check, clause, template, b.subject(), b.grain(), b.start(), b.end(), b.value(), b.unit(),
                bound, message, context.getRule().getName()));
    }

    /** From a rule: a check found something about a reading or an entered lab value. */
    public void reading(RuleContext context, ObservationFact o, String check, String clause, boolean template, String bound,
                        String message) {
        publish(new VerificationFinding(check, clause, template, o.subject(), null, o.at(), o.at(), o.value(), o.unit(), bound,
                message, context.getRule().getName()));
    }

    /**
     * From a rule: a check found something about a reading, measured by another figure than its value (the age of a lab
     * report in days, say).
     */
    public void reading(RuleContext context, ObservationFact o, String check, String clause, boolean template, double measured,
                        String unit, String bound, String message) {
        publish(new VerificationFinding(check, clause, template, o.subject(), null, o.at(), o.at(), measured, unit, bound,
                message, context.getRule().getName()));
    }

    /** From a rule: a check found something about the change of a period's figure from the year before (measured in %). */
    public void change(RuleContext context, PeriodChangeFact c, String check, String clause, boolean template, String bound,
                       String message) {
        publish(new VerificationFinding(check, clause, template, c.subject(), c.grain(), c.start(), c.end(), c.changePercent(), "%",
                bound, message, context.getRule().getName()));
    }

    /**
     * From a rule: a check found something about a meter on a day (its calibration); the finding covers that day and
     * measures the days past due.
     */
    public void meter(RuleContext context, CalibrationFact c, String check, String clause, boolean template, String bound,
                      String message) {
        publish(new VerificationFinding(check, clause, template, c.meter(), Grain.DAY, c.dayStart(),
                c.dayStart().plus(java.time.Duration.ofDays(1)), c.daysOverdue(), "d", bound, message, context.getRule().getName()));
    }

    /**
     * From a rule: the conservative correction of a day's figure of an input that a meter feeds (CETS-VG-01.01 3.4.1.1,
     * 3.4.1.4: V2/V3). The finding is on the figure's subject and day; it measures the figure as stored, and its bound
     * states the corrected figure and the factor ({@code corrected 100.5 t = 100 t × 1.005 (meter m1)}); the message says
     * which case of the clause and which accuracies give the factor. The stored figure stays as measured: applying the
     * correction is the verifier's decision. The bound stays short (the store keeps 256 characters of it).
     *
     * @param factor the factor the figure is multiplied by, e.g. 1.005 for activity data of a meter of 0.5 % not
     *               calibrated
     */
    public void corrected(RuleContext context, BucketResultFact b, CalibrationFact c, String check, String clause,
                          boolean template, double factor, String message) {
        publish(new VerificationFinding(check, clause, template, b.subject(), b.grain(), b.start(), b.end(), b.value(), b.unit(),
                correctedBound(b.value(), b.unit(), factor, c.meter()), message, context.getRule().getName()));
    }

    /** The corrected figure as a finding's bound states it: {@code corrected 1005 t = 1000 t × 1.005 (meter m1)}. */
    public static String correctedBound(double value, String unit, double factor, String meter) {
        return "corrected " + number(value * factor) + " " + unit + " = " + number(value) + " " + unit + " × " + number(factor)
                + " (meter " + meter + ")";
    }

    /** A figure as the findings write it: at most 9 decimals, no trailing zeros (1 + 0.3 % is 1.003, not 1.0030000000000001). */
    public static String number(double x) {
        if (!Double.isFinite(x)) {
            return Double.toString(x);
        }
        return new java.math.BigDecimal(x).setScale(9, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    private void publish(VerificationFinding f) {
        for (FindingListener l : listeners) {
            l.onFinding(f);
        }
    }
}
