package io.tanhe.server.terminal;

import io.tanhe.server.site.Meter;
import io.tanhe.server.site.Site;
import io.tanhe.server.store.StoredReading;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Marks a reading measured by a meter that was past its calibration on the reading's local date
 * (section 7.3.1): its stored {@code detail} gets the note {@code calibration overdue: NAME (ID), due
 * DATE}, kept with the raw reading as its provenance (the API's reading views show it). The value and
 * its quality stay what the driver reported: the terminal standard asks for the overdue state to be
 * recorded and raised, not for the measurement to be discarded. Thread-safe (immutable).
 */
final class CalibrationNotes {
    /** The note's opening words, for finding marked readings. */
    static final String PREFIX = "calibration overdue: ";

    private final Map<String, List<Meter>> byPoint = new HashMap<>();
    private final java.time.ZoneId zone;

    CalibrationNotes(Site site) {
        this.zone = site.zone();
        for (Meter m : site.reporting().meters()) {
            if (m.calibrationInterval().isPresent()) {
                m.points().forEach(p -> byPoint.computeIfAbsent(p, k -> new ArrayList<>()).add(m));
            }
        }
    }

    /** {@code r}, with the overdue note added to its detail when a meter of its point was overdue on its date. */
    StoredReading mark(StoredReading r) {
        List<Meter> meters = byPoint.get(r.pointId());
        if (meters == null) {
            return r;
        }
        LocalDate day = LocalDate.ofInstant(r.measuredAt(), zone);
        StringBuilder note = new StringBuilder();
        for (Meter m : meters) {
            if (m.calibrationOverdue(day)) {
                note.append(note.isEmpty() ? PREFIX : "; ").append(m.name()).append(" (").append(m.id()).append("), due ")
                        .append(m.calibrationDue().map(LocalDate::toString).orElse("— (no calibration on record)"));
            }
        }
        if (note.isEmpty()) {
            return r;
        }
        String detail = r.detail() == null || r.detail().isBlank() ? note.toString() : r.detail() + "; " + note;
        return new StoredReading(r.pointId(), r.key(), r.measuredAt(), r.value(), r.unit(), r.quality(), r.sourceId(), detail,
                r.receivedAt());
    }
}
