package io.tanhe.server.site;

import io.tanhe.engine.cems.SubstitutionRules;
import io.tanhe.engine.cems.ValidityRules;
import io.tanhe.engine.compile.Compilation;
import io.tanhe.engine.factors.FactorLibrary;
import io.tanhe.server.store.MethodologyRef;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The measurement method (a CEMS methodology such as {@code cn.cems-co2}) run beside the site's
 * accounting methodology for the same boundaries: its own methodology, factors and point bindings,
 * the pairs of figures compared, and the validity and substitution rules of its hourly figures
 * (docs/cems.md, "Both methods for one site").
 *
 * @param compilation the measurement methodology as compiled
 * @param factors     its defaults overridden by the measurement's site factor table
 * @param methodology id, version and content hash, stored with every measured figure
 * @param bindings    point id → the measurement input it feeds
 * @param comparisons the boundaries computed by both methods
 * @param validity    the minute, hour, day and month rules
 * @param substitution which figure stands in for hours without valid data
 * @param qaLimits    the acceptance limits of the QA checks entered without one
 */
public record Measurement(Compilation compilation, FactorLibrary factors, MethodologyRef methodology,
                          Map<String, PointBinding> bindings, List<Comparison> comparisons, ValidityRules validity,
                          SubstitutionRules substitution, QaLimits qaLimits) {

    /**
     * The acceptance limits of QA checks, in %, NaN when the site sets none (then a check is judged only
     * against the limit entered with it). No Chinese limit for CO2 was found (docs/cems.md); the Canadian
     * CO2 CEMS method's RA ≤ 10 % is a foreign analogue only.
     *
     * @param raLimit    the largest relative accuracy accepted, in %
     * @param driftLimit the largest zero or span drift accepted, in % of the range
     */
    public record QaLimits(double raLimit, double driftLimit) {
        public static final QaLimits NONE = new QaLimits(Double.NaN, Double.NaN);
    }

    public Measurement {
        bindings = Collections.unmodifiableMap(new LinkedHashMap<>(bindings));
        comparisons = List.copyOf(comparisons);
    }

    /**
     * One boundary by both methods: a measured emission of the measurement methodology and a node of
     * the accounting one, compared bucket by bucket.
     *
     * @param measured      the measured emission node, e.g. {@code co2_measured}
     * @param measuredKey   its key, e.g. {@code stack1}
     * @param accounting    the accounting node, e.g. {@code coal_combustion}
     * @param accountingKey its key, e.g. {@code unit1}
     * @param bound         the largest relative deviation accepted, as a fraction (0.05 for ±5 %)
     */
    public record Comparison(String measured, String measuredKey, String accounting, String accountingKey, double bound) {

        /** {@code co2_measured[stack1]}. */
        public String measuredTarget() {
            return measuredKey.isEmpty() ? measured : measured + "[" + measuredKey + "]";
        }

        /** {@code coal_combustion[unit1]}. */
        public String accountingTarget() {
            return accountingKey.isEmpty() ? accounting : accounting + "[" + accountingKey + "]";
        }
    }
}
