package io.tanhe.engine.cems;

import java.util.Collection;

/**
 * The data capture rate (有效数据捕集率) of a period: α = (T − T_stopped − T_invalid) / (T − T_stopped),
 * over hours. The formula is HJ 75-2017's as a CEMS platform implements it (reference/cems.md §2.5,
 * second-hand): stopped hours (F) leave the denominator; calibration, maintenance and invalid
 * hours count against it.
 *
 * @param hours    T, every hour of the period held
 * @param stopped  hours flagged stopped
 * @param invalid  hours neither valid nor stopped
 * @param rate     α from 0 to 1; NaN when every hour was stopped
 */
public record CaptureRate(int hours, int stopped, int invalid, double rate) {

    public static CaptureRate of(Collection<HourRecord> period) {
        int stopped = 0;
        int invalid = 0;
        for (HourRecord h : period) {
            if (h.status() == HourStatus.STOPPED) {
                stopped++;
            } else if (h.status() != HourStatus.VALID) {
                invalid++;
            }
        }
        int t = period.size();
        double rate = t == stopped ? Double.NaN : (double) (t - stopped - invalid) / (t - stopped);
        return new CaptureRate(t, stopped, invalid, rate);
    }

    /** α in per cent, for reports. */
    public double percent() {
        return rate * 100;
    }
}
