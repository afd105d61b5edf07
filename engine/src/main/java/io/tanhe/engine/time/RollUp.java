package io.tanhe.engine.time;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sums amounts of finer buckets into a coarser one: amounts add, quality is the weakest of the
 * children that had data, completeness is weighted by each child's duration (a child not given
 * counts as empty), flags are united. Only for additive amounts (counters, rates, summable period
 * quantities): intensive values and ratios are recomputed from rolled-up operands, never summed.
 */
public final class RollUp {

    private RollUp() {
    }

    /**
     * The amount of {@code parent} from amounts of buckets inside it.
     *
     * @throws IllegalArgumentException when a child lies outside the parent, two children overlap
     *                                  or their units differ
     */
    public static BucketAmount sum(TimeBucket parent, Collection<BucketAmount> children) {
        if (children.isEmpty()) {
            throw new IllegalArgumentException("nothing to roll up into " + parent + "; pass at least one child for its unit");
        }
        Tally tally = new Tally();
        long previousEnd = Long.MIN_VALUE;
        BucketAmount firstChild = children.iterator().next();
        for (BucketAmount child : children.stream().sorted((a, b) -> a.bucket().compareTo(b.bucket())).toList()) {
            TimeBucket b = child.bucket();
            if (!parent.encloses(b)) {
                throw new IllegalArgumentException(b + " does not lie in " + parent);
            }
            if (!child.unit().equals(firstChild.unit())) {
                throw new IllegalArgumentException("cannot sum " + child.unit() + " and " + firstChild.unit()
                        + " amounts into " + parent + "; convert them first");
            }
            long start = Nanos.of(b.start());
            if (start < previousEnd) {
                throw new IllegalArgumentException(b + " overlaps another child of " + parent);
            }
            previousEnd = Nanos.of(b.end());
            tally.flags |= child.flagBits();
            long covered = Math.round(child.completeness() * (previousEnd - start));
            if (child.fed()) {
                tally.add(child.amount(), covered, child.quality(), Nanos.of(child.firstObservation()),
                        Nanos.of(child.lastObservation()));
            }
        }
        return tally.toAmount(parent, Nanos.of(parent.end()) - Nanos.of(parent.start()), firstChild.unit());
    }

    /** Rolls each group of amounts up into its parent bucket of {@code coarser}, in time order. */
    public static List<BucketAmount> byParent(Grain coarser, Collection<BucketAmount> amounts) {
        Map<TimeBucket, List<BucketAmount>> groups = new TreeMap<>();
        for (BucketAmount a : amounts) {
            groups.computeIfAbsent(a.bucket().parent(coarser), p -> new ArrayList<>()).add(a);
        }
        List<BucketAmount> result = new ArrayList<>();
        groups.forEach((parent, children) -> result.add(sum(parent, children)));
        return List.copyOf(result);
    }
}
