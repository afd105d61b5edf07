package io.tanhe.engine.cems;

import java.util.List;

/**
 * A relative-accuracy audit (相对准确度, RATA): paired runs of the reference method and the CEMS,
 * RA = (|d̄| + |cc|) / RM̄ × 100 %, with d_i = RM_i − CEMS_i, S_d their sample standard deviation,
 * cc = t · S_d / √n and t the two-sided 95 % Student value for n − 1 degrees of freedom. The formula
 * is as a CEMS platform implements HJ 75-2017 (reference/cems.md §3.2, source S6, second-hand); the
 * t table is the standard statistical one (the same values as US EPA PS-2 Table 2-1). Acceptance
 * limits for CO2, flow and moisture were not found (HJ 75-2017, T/CAEPI 47/48 and DL/T 2376 not
 * read), so the limit is the caller's.
 *
 * @param runs       n, the paired runs
 * @param meanDiff   d̄, in the quantity's unit
 * @param sd         S_d
 * @param cc         the confidence coefficient t·S_d/√n
 * @param meanRef    RM̄
 * @param ra         RA as a fraction (0.08 for 8 %)
 * @param re         the relative error (CEMS̄ − RM̄)/RM̄, as a fraction
 */
public record RelativeAccuracy(int runs, double meanDiff, double sd, double cc, double meanRef, double ra, double re) {

    /** Two-sided 95 % Student t for 1 … 30 degrees of freedom. */
    private static final double[] T975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179,
            2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048,
            2.045, 2.042};

    /** One paired run: the reference method's value and the CEMS's over the same time. */
    public record Run(double reference, double cems) {
    }

    /** The t value for {@code df} degrees of freedom (1.960 beyond 30). */
    public static double t(int df) {
        if (df < 1) {
            throw new IllegalArgumentException("a t value needs at least 1 degree of freedom (2 runs), not " + df);
        }
        return df <= T975.length ? T975[df - 1] : 1.960;
    }

    /** @throws IllegalArgumentException with fewer than 3 runs (HJ 75 asks for 9 or more; second-hand) or a zero reference mean */
    public static RelativeAccuracy of(List<Run> runs) {
        int n = runs.size();
        if (n < 3) {
            throw new IllegalArgumentException("a relative-accuracy audit needs at least 3 paired runs, got " + n);
        }
        double sumD = 0;
        double sumRef = 0;
        double sumCems = 0;
        for (Run r : runs) {
            sumD += r.reference() - r.cems();
            sumRef += r.reference();
            sumCems += r.cems();
        }
        double meanD = sumD / n;
        double meanRef = sumRef / n;
        if (meanRef == 0) {
            throw new IllegalArgumentException("the reference method's mean is 0; RA is relative to it and cannot be computed");
        }
        double ss = 0;
        for (Run r : runs) {
            double d = r.reference() - r.cems() - meanD;
            ss += d * d;
        }
        double sd = Math.sqrt(ss / (n - 1));
        double cc = t(n - 1) * sd / Math.sqrt(n);
        double ra = (Math.abs(meanD) + Math.abs(cc)) / Math.abs(meanRef);
        double re = (sumCems / n - meanRef) / meanRef;
        return new RelativeAccuracy(n, meanD, sd, cc, meanRef, ra, re);
    }

    /** Whether RA is within {@code limit} (a fraction: 0.10 for 10 %). */
    public boolean passes(double limit) {
        return ra <= limit;
    }
}
