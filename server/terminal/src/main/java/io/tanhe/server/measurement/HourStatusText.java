package io.tanhe.server.measurement;

import io.tanhe.engine.cems.HourRecord;
import io.tanhe.engine.cems.HourStatus;
import io.tanhe.engine.time.Quality;
import io.tanhe.server.store.BucketResult;

import java.util.Locale;

/**
 * Reads a stored hourly figure of the measurement method back as the hour it was computed from, for
 * the substitution of later hours (which looks back up to 2160 valid hours) and the capture rate.
 * The status is the first words of the figure's provenance, which {@code HourlyFigures} writes as
 * {@code measured: …}, {@code source stopped …} or {@code <status>; …}.
 */
final class HourStatusText {
    private HourStatusText() {
    }

    static HourRecord record(BucketResult r) {
        String reason = r.reason();
        if (r.quality() == Quality.MEASURED && reason.startsWith("measured")) {
            return new HourRecord(r.bucketStart(), HourStatus.VALID, r.value(), validMinutes(r));
        }
        if (reason.startsWith("source stopped")) {
            return new HourRecord(r.bucketStart(), HourStatus.STOPPED, Double.NaN, validMinutes(r));
        }
        int end = reason.indexOf(';');
        String first = (end < 0 ? reason : reason.substring(0, end)).strip().toUpperCase(Locale.ROOT);
        HourStatus status;
        try {
            status = HourStatus.valueOf(first);
        } catch (IllegalArgumentException e) {
            status = HourStatus.INVALID;
        }
        return new HourRecord(r.bucketStart(), status == HourStatus.VALID ? HourStatus.INVALID : status, Double.NaN, validMinutes(r));
    }

    private static int validMinutes(BucketResult r) {
        return (int) Math.round(r.completeness() * 60);
    }
}
