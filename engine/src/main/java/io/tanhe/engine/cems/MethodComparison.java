package io.tanhe.engine.cems;

import io.tanhe.engine.incremental.ResultValue;

import java.util.Locale;
import java.util.Optional;

/**
 * One boundary's emission by both methods for one bucket: the measurement method (CEMS) and the
 * accounting method, their relative deviation δ = (E_CEMS − E_accounting) / E_accounting, and a
 * verification finding when |δ| passes the bound or the two cannot be compared. No standard's
 * acceptance band was found (reference/cems.md §3.4: published comparisons range from ±2 % to
 * 30 %), so the bound is always the caller's.
 *
 * @param measured   the CEMS figure
 * @param accounted  the accounting figure
 * @param deviation  δ as a fraction (−0.05 for −5 %); NaN when not comparable
 * @param bound      the largest |δ| accepted, as a fraction
 * @param finding    what a verifier should look at, when there is something
 */
public record MethodComparison(ResultValue measured, ResultValue accounted, double deviation, double bound, Optional<String> finding) {

    /**
     * @throws IllegalArgumentException when the two figures are not of one dimension (tCO2 against MWh) or the bound is not positive
     */
    public static MethodComparison of(ResultValue measured, ResultValue accounted, double bound) {
        if (!(bound > 0)) {
            throw new IllegalArgumentException("the deviation bound must be a positive fraction (0.1 for ±10 %), not " + bound);
        }
        if (!measured.unit().isCompatible(accounted.unit())) {
            throw new IllegalArgumentException("cannot compare " + measured.label() + " in " + measured.unit().text() + " with "
                    + accounted.label() + " in " + accounted.unit().text() + "; bind two emissions of one boundary");
        }
        String period = measured.bucket().toString();
        for (ResultValue r : new ResultValue[]{measured, accounted}) {
            if (!r.present()) {
                return new MethodComparison(measured, accounted, Double.NaN, bound, Optional.of("cannot compare the methods for the "
                        + period + ": " + r.label() + " has no value" + (r.failed() ? " (" + r.problemText() + ")" : "")));
            }
        }
        double m = measured.value() * measured.unit().conversionFactor(accounted.unit());
        double a = accounted.value();
        if (a == 0) {
            return new MethodComparison(measured, accounted, Double.NaN, bound, Optional.of("cannot compare the methods for the "
                    + period + ": " + accounted.label() + " is 0"));
        }
        double delta = (m - a) / a;
        Optional<String> finding = Math.abs(delta) <= bound ? Optional.empty() : Optional.of(String.format(Locale.ROOT,
                "CEMS and accounting differ by %+.2f %% (bound ±%.2f %%) for the %s: %s %.3f %s by measurement, %s %.3f %s by "
                        + "accounting; check the flow-field coefficient and the flow meter, the CO2 analyser's span and the fuel "
                        + "quantities and carbon contents", delta * 100, bound * 100, period, measured.label(), m,
                accounted.unit().text(), accounted.label(), a, accounted.unit().text()));
        return new MethodComparison(measured, accounted, delta, bound, finding);
    }
}
