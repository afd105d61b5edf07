package io.tanhe.engine.cems;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which figure stands in for a run of hours without valid data, keyed on the capture rate of the
 * period and the run's length. The default is HJ 75-2017's table as a CEMS platform implements it
 * for SO2, NOx and particulate matter (reference/cems.md §2.6, source S4, second-hand): the
 * maximum of the last 180, 720 or 2160 valid hourly figures. Applying it to CO2 is an inference;
 * whether T/CAEPI 48-2022 or DL/T 2376-2021 keep it could not be checked, so a site may replace it.
 *
 * @param bands tried in order of decreasing minimum capture rate, then increasing run length; the first that fits applies
 */
public record SubstitutionRules(List<Band> bands) {

    /**
     * One row of the table.
     *
     * @param minCaptureRate  the capture rate (0–1) from which the row applies
     * @param maxRunHours     the longest run of invalid hours it covers
     * @param lookbackHours   how many valid hours before the run are searched for the maximum
     * @param clause          where the rule comes from, for provenance
     */
    public record Band(double minCaptureRate, int maxRunHours, int lookbackHours, String clause) {
        public Band {
            if (!(minCaptureRate >= 0 && minCaptureRate <= 1)) {
                throw new IllegalArgumentException("minCaptureRate " + minCaptureRate + " must be from 0 to 1 (0.9 for 90 %)");
            }
            if (maxRunHours < 1 || lookbackHours < 1) {
                throw new IllegalArgumentException("maxRunHours and lookbackHours must be at least 1, not "
                        + maxRunHours + " and " + lookbackHours);
            }
        }
    }

    public SubstitutionRules {
        bands = bands.stream().sorted(Comparator.comparingDouble(Band::minCaptureRate).reversed()
                .thenComparingInt(Band::maxRunHours)).toList();
    }

    private static final String HJ75 = "HJ 75-2017 (second-hand: reference/cems.md §2.6, S4)";

    /** α ≥ 90 %: runs up to 24 h the max of 180 valid hours, longer runs of 720; 75 % ≤ α < 90 %: of 2160; below 75 %: none. */
    public static SubstitutionRules hj75() {
        return new SubstitutionRules(List.of(
                new Band(0.90, 24, 180, HJ75 + ": α ≥ 90 %, N ≤ 24 h"),
                new Band(0.90, Integer.MAX_VALUE, 720, HJ75 + ": α ≥ 90 %, N > 24 h"),
                new Band(0.75, Integer.MAX_VALUE, 2160, HJ75 + ": 75 % ≤ α < 90 %")));
    }

    /** The row for a capture rate and a run length, or none (the hours then stay without a figure). */
    public Optional<Band> band(double captureRate, int runHours) {
        return bands.stream().filter(b -> captureRate >= b.minCaptureRate() && runHours <= b.maxRunHours()).findFirst();
    }
}
