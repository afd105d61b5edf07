package io.tanhe.engine.cems;

import io.tanhe.engine.time.Quality;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns measured hours into reported hourly figures: valid hours as measured, stopped hours as 0,
 * and every run of other hours substituted by {@link SubstitutionRules} — the maximum of the valid
 * hours before the run — each substituted figure marked {@link Quality#SUBSTITUTED} with its rule,
 * the capture rate and the hours it came from.
 */
public final class HourlyFigures {
    private HourlyFigures() {
    }

    /**
     * @param history   earlier hours, oldest first, searched for the substitute (may be empty)
     * @param period    the hours to report, oldest first, contiguous after {@code history}
     * @param capture   the capture rate that selects the rule (of the period the standard names, e.g. the quarter)
     */
    public static List<HourFigure> of(List<HourRecord> history, List<HourRecord> period, CaptureRate capture,
                                      SubstitutionRules rules) {
        List<HourRecord> all = new ArrayList<>(history);
        all.addAll(period);
        List<HourFigure> out = new ArrayList<>(period.size());
        int i = history.size();
        while (i < all.size()) {
            HourRecord h = all.get(i);
            if (h.status() == HourStatus.VALID) {
                out.add(new HourFigure(h.start(), h.value(), h.status(), Quality.MEASURED,
                        "measured: " + h.validMinutes() + " valid minutes"));
                i++;
            } else if (h.status() == HourStatus.STOPPED) {
                out.add(new HourFigure(h.start(), 0, h.status(), Quality.MEASURED, "source stopped (flag F): 0, outside the capture rate"));
                i++;
            } else {
                int end = i;
                while (end < all.size() && all.get(end).status().needsSubstitute()) {
                    end++;
                }
                substituteRun(all, i, end, capture, rules, out);
                i = end;
            }
        }
        return List.copyOf(out);
    }

    private static void substituteRun(List<HourRecord> all, int from, int to, CaptureRate capture, SubstitutionRules rules,
                                      List<HourFigure> out) {
        int run = to - from;
        String alpha = String.format(Locale.ROOT, "capture rate %.1f %%", capture.percent());
        var band = rules.band(capture.rate(), run);
        if (band.isEmpty()) {
            for (int k = from; k < to; k++) {
                HourRecord h = all.get(k);
                out.add(new HourFigure(h.start(), Double.NaN, h.status(), Quality.MISSING,
                        h.status().name().toLowerCase(Locale.ROOT) + "; no substitution rule for a " + alpha + " and a run of " + run + " h"));
            }
            return;
        }
        double max = Double.NaN;
        int found = 0;
        Instant earliest = null;
        Instant latest = null;
        for (int k = from - 1; k >= 0 && found < band.get().lookbackHours(); k--) {
            HourRecord h = all.get(k);
            if (h.status() == HourStatus.VALID) {
                max = found == 0 ? h.value() : Math.max(max, h.value());
                earliest = h.start();
                latest = latest == null ? h.start() : latest;
                found++;
            }
        }
        for (int k = from; k < to; k++) {
            HourRecord h = all.get(k);
            if (found == 0) {
                out.add(new HourFigure(h.start(), Double.NaN, h.status(), Quality.MISSING,
                        h.status().name().toLowerCase(Locale.ROOT) + "; no valid hour before it to substitute from"));
                continue;
            }
            out.add(new HourFigure(h.start(), max, h.status(), Quality.SUBSTITUTED, String.format(Locale.ROOT,
                    "%s; substituted by the maximum of the %d valid hours %s – %s (%s%s); %s, run of %d h",
                    h.status().name().toLowerCase(Locale.ROOT), found, earliest, latest, band.get().clause(),
                    found < band.get().lookbackHours() ? ", fewer than the rule's " + band.get().lookbackHours() + " were held" : "",
                    alpha, run)));
        }
    }
}
