package io.tanhe.server.measurement;

import io.tanhe.server.store.QaKind;
import io.tanhe.server.store.QaRecord;
import io.tanhe.server.store.StoredReading;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The calibration and maintenance periods a data logger reported through its flags: a run of a
 * point's readings flagged C (calibration) or M (maintenance), from its first flagged reading to the
 * first reading after it with another flag, becomes a QA record of source {@code hj212:<logger>}. A
 * run that has not ended by the last reading given is left for a later call, which sees it whole
 * (the caller passes the readings from before the run on). Instrument information the logger sent
 * (i13006 calibration time, i13007 intercept, i13008 slope, as readings of points whose id the site
 * chose) is not matched to a run here: it stays in the raw store under its point.
 */
final class FlaggedPeriods {
    private static final Pattern FLAG = Pattern.compile("HJ 212 flag ([A-Z])");

    private FlaggedPeriods() {
    }

    /** The runs of C or M that end at or after {@code from}, among {@code readings} (any order) of the points in {@code points}. */
    static List<QaRecord> of(List<StoredReading> readings, java.util.Set<String> points, Instant from, Instant recordedAt) {
        Map<String, List<StoredReading>> byPoint = new LinkedHashMap<>();
        readings.stream().filter(r -> points.contains(r.pointId())).sorted(Comparator.comparing(StoredReading::measuredAt))
                .forEach(r -> byPoint.computeIfAbsent(r.pointId(), p -> new ArrayList<>()).add(r));
        List<QaRecord> out = new ArrayList<>();
        byPoint.forEach((point, rs) -> {
            int i = 0;
            while (i < rs.size()) {
                Optional<Character> f = flag(rs.get(i));
                if (f.isEmpty() || (f.get() != 'C' && f.get() != 'M')) {
                    i++;
                    continue;
                }
                int end = i;
                while (end < rs.size() && flag(rs.get(end)).equals(f)) {
                    end++;
                }
                if (end < rs.size() && !rs.get(end).measuredAt().isBefore(from)) {
                    StoredReading first = rs.get(i);
                    out.add(new QaRecord(0, f.get() == 'C' ? QaKind.CALIBRATION : QaKind.MAINTENANCE, point, first.measuredAt(),
                            rs.get(end).measuredAt(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                            "hj212:" + first.sourceId(), (end - i) + " readings flagged " + f.get() + " by the data logger", recordedAt));
                }
                i = end;
            }
        });
        return out;
    }

    static Optional<Character> flag(StoredReading r) {
        Matcher m = FLAG.matcher(r.detail());
        return m.find() ? Optional.of(m.group(1).charAt(0)) : Optional.empty();
    }
}
