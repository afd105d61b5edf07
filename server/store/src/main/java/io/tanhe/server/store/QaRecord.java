package io.tanhe.server.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One quality-assurance record of a CEMS: a zero or span calibration, a maintenance period or a
 * relative-accuracy audit (docs/cems.md, "Quality-assurance records").
 *
 * @param id        the store's number; 0 before it is stored
 * @param kind      what was done
 * @param pointId   the analyser's point it concerns; empty for every measurement point
 * @param from      when it began
 * @param to        when it ended (after {@code from})
 * @param reference the reference value (calibration gas, or the reference method's mean); NaN when none
 * @param measured  what the analyser read (or the CEMS mean of an audit); NaN when none
 * @param range     the analyser's range, for drift as a share of it; NaN when none
 * @param result    the figure judged: drift in % of the range, or RA in %; NaN when none
 * @param limit     the acceptance limit of {@code result}, in the same unit; NaN when none was given
 * @param source    where it came from: {@code hj212:<logger>} or {@code manual:<user>}
 * @param note      free text (the intercept and slope of i13007/i13008, the audit's runs …)
 * @param recordedAt when the terminal recorded it
 */
public record QaRecord(long id, QaKind kind, String pointId, Instant from, Instant to, double reference, double measured,
                       double range, double result, double limit, String source, String note, Instant recordedAt) {

    public QaRecord {
        Objects.requireNonNull(kind, "kind");
        pointId = Limits.optional("pointId", pointId, Limits.ID);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("QA record " + kind.label() + ": it ends (" + to + ") at or before it starts (" + from
                    + "); give a period of at least a second");
        }
        Limits.required("source", source, Limits.ID);
        note = Limits.optional("note", note, Limits.TEXT);
        Objects.requireNonNull(recordedAt, "recordedAt");
    }

    /** Whether the result passed its limit; empty when there is no result or no limit. */
    public Optional<Boolean> passed() {
        if (Double.isNaN(result) || Double.isNaN(limit)) {
            return Optional.empty();
        }
        return Optional.of(Math.abs(result) <= limit);
    }

    /** Calibrations and maintenance take the analyser off the flue gas: their readings are not data (an audit's runs do not). */
    public boolean excludesData() {
        return kind != QaKind.RA_AUDIT && kind != QaKind.RA_RUN;
    }

    /** The HJ 212-2017 data flag of the readings it excludes: C calibration, M maintenance. */
    public char flag() {
        return kind == QaKind.MAINTENANCE ? 'M' : 'C';
    }

    /** Whether a reading of {@code point} at {@code at} falls in this record's period and concerns its point. */
    public boolean covers(String point, Instant at) {
        return (pointId.isEmpty() || pointId.equals(point)) && !at.isBefore(from) && at.isBefore(to);
    }

    /** This record as stored under {@code newId}. */
    public QaRecord withId(long newId) {
        return new QaRecord(newId, kind, pointId, from, to, reference, measured, range, result, limit, source, note, recordedAt);
    }
}
