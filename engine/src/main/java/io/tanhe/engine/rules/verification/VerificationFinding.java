package io.tanhe.engine.rules.verification;

import io.tanhe.engine.time.Grain;

import java.time.Instant;
import java.util.Objects;

/**
 * What a verification check (核查) found about a figure: a difference between independent sources, a value outside a
 * guideline's experience range, a lab report past its validity, a change from the year before that needs an
 * explanation. Not an alert and not a validation verdict: the figure stays as it is, the finding goes to the
 * verification findings of the store, the API and the reports, where a verifier reads it.
 *
 * @param check    the check's id, e.g. {@code VG-01.01/V10}: the guideline's document number and the check
 *                 (methodologies-supplement.md §9.2 numbers them V1..V13)
 * @param clause   the clause or table of the guideline that prescribes it, e.g. {@code CETS-VG-01.01 表12}
 * @param template true when the check is the power verification guideline's applied to another sector as a template
 *                 (its own text was not read): confidence C
 * @param subject  what was checked: {@code node[key]}, a point, or a meter
 * @param grain    the bucket length of the figure checked; null for a reading or a lab value
 * @param from     the start of the period checked (a reading's time for a reading)
 * @param to       the end of that period (equal to {@code from} for a reading)
 * @param measured the value checked, in {@code unit}
 * @param unit     the unit of {@code measured}
 * @param bound    the bound it was held against, as text with its unit, e.g. {@code 285.0-398.3 GJ/10^4 Nm3}
 * @param message  the sentence for the verifier: what differs, by how much, what to do
 * @param rule     the DRL rule that found it
 */
public record VerificationFinding(String check, String clause, boolean template, String subject, Grain grain, Instant from,
                                  Instant to, double measured, String unit, String bound, String message, String rule) {

    public VerificationFinding {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(clause, "clause");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(message, "message");
        unit = unit == null ? "" : unit;
        bound = bound == null ? "" : bound;
        rule = rule == null ? "" : rule;
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("finding " + check + " on " + subject + ": its period ends (" + to
                    + ") before it starts (" + from + ")");
        }
    }

    /**
     * The finding's identity: one finding per check, subject and period. The same finding found again (a month rolled
     * up again, a restart replaying the open days) is the same row of the store.
     */
    public String dedupKey() {
        return check + "|" + subject + "|" + (grain == null ? "reading" : grain.label()) + "|" + from;
    }
}
