package io.tanhe.engine.incremental;

import io.tanhe.grammar.diagnostics.ErrorCode;


/**
 * Computes the instances of one bucket: all of them ({@link #evaluateAll}) or, after leaves
 * changed, only the instances that depend on them, in id (= topological) order. Sums take the
 * difference of a changed operand instead of re-adding every operand. Node formulas run as their
 * generated {@link FormulaKernel} where the graph has one: a whole node in one loop, or one
 * instance of it after a change. Not thread-safe: one evaluator thread owns it.
 */
final class BucketCalculator {
    private final InstanceGraph graph;
    /** Instances to recompute; ids only grow along a propagation, so the scan starts at the lowest one set. */
    private final IdSet dirty;
    private int lowestDirty = Integer.MAX_VALUE;
    private final double[] savedValue;
    private final byte[] savedStatus;
    private final IdSet saved;
    private final Changes changes = new Changes();
    private final Instance[] instances;
    private final boolean[] extensive;
    /** In a rolled-up (coarser) bucket, extensive instances are sums of finer buckets and are not recomputed. */
    private boolean rolledUp;
    /** The generated runs by first id; whether a run's instances are extensive: all, none or some. */
    private final InstanceGraph.Run[] runStartingAt;
    private final Extent[] runExtent;
    /** The ids a kernel hands back (see {@link FormulaKernel}). */
    private final int[] handedBack;

    private enum Extent { ALL_EXTENSIVE, NONE_EXTENSIVE, MIXED }

    BucketCalculator(InstanceGraph graph, boolean[] extensive) {
        this.graph = graph;
        this.extensive = extensive;
        this.savedValue = new double[graph.size()];
        this.savedStatus = new byte[graph.size()];
        this.dirty = new IdSet(graph.size());
        this.saved = new IdSet(graph.size());
        this.instances = new Instance[graph.size()];
        for (int i = 0; i < instances.length; i++) {
            instances[i] = graph.instance(i);
        }
        this.runStartingAt = new InstanceGraph.Run[graph.size()];
        this.runExtent = new Extent[graph.size()];
        int longest = 1;
        for (InstanceGraph.Run r : graph.runs()) {
            runStartingAt[r.first()] = r;
            runExtent[r.first()] = extent(r);
            longest = Math.max(longest, r.count());
        }
        this.handedBack = new int[longest];
    }

    private Extent extent(InstanceGraph.Run r) {
        int n = 0;
        for (int id = r.first(); id < r.first() + r.count(); id++) {
            n += extensive[id] ? 1 : 0;
        }
        return n == r.count() ? Extent.ALL_EXTENSIVE : n == 0 ? Extent.NONE_EXTENSIVE : Extent.MIXED;
    }

    /** What one update changed: instance ids with their earlier value and status. A view, valid until the next update. */
    static final class Changes {
        private int[] ids = new int[16];
        private double[] oldValues = new double[16];
        private byte[] oldStatus = new byte[16];
        private int size;

        int size() {
            return size;
        }

        int id(int i) {
            return ids[i];
        }

        double oldValue(int i) {
            return oldValues[i];
        }

        byte oldStatus(int i) {
            return oldStatus[i];
        }

        private void clear() {
            size = 0;
        }

        private void add(int id, double oldValue, byte status) {
            if (size == ids.length) {
                ids = java.util.Arrays.copyOf(ids, size * 2);
                oldValues = java.util.Arrays.copyOf(oldValues, size * 2);
                oldStatus = java.util.Arrays.copyOf(oldStatus, size * 2);
            }
            ids[size] = id;
            oldValues[size] = oldValue;
            oldStatus[size++] = status;
        }
    }

    /** Computes every non-leaf instance from the leaves already set in {@code s}. */
    void evaluateAll(BucketState s, boolean rolledUp) {
        Instance[] all = instances;
        for (int i = 0; i < all.length; i++) {
            InstanceGraph.Run run = runStartingAt[i];
            if (run != null && (!rolledUp || runExtent[i] != Extent.MIXED)) {
                if (!rolledUp || runExtent[i] == Extent.NONE_EXTENSIVE) {
                    runAll(s, run, 0, run.count());
                }
                i += run.count() - 1;
                continue;
            }
            if (rolledUp && extensive[i]) {
                continue;
            }
            Instance in = all[i];
            switch (in.kind()) {
                case FORMULA -> compute(s, in);
                case SUM -> fullSum(s, in);
                case MIN, MAX -> extremum(s, in);
                default -> { }
            }
        }
    }

    /**
     * Sets a leaf and recomputes what depends on it.
     *
     * @return the ids of every instance whose value or status changed, leaf included (a view, valid until the next call)
     */
    Changes setLeaf(BucketState s, boolean rolledUp, int id, double value, byte status) {
        this.rolledUp = rolledUp;
        changes.clear();
        assign(s, id, value, status);
        return changes;
    }

    /**
     * Sets an input leaf and its covered-time leaf together and recomputes what depends on either,
     * so that a mean never sees a new integral with an old covered time.
     *
     * @return as {@link #setLeaf}
     */
    Changes setLeaves(BucketState s, boolean rolledUp, int id, double value, byte status,
                      int coveredId, double covered, byte coveredStatus) {
        this.rolledUp = rolledUp;
        changes.clear();
        if (set(s, coveredId, covered, coveredStatus) | set(s, id, value, status)) {
            propagate(s);
        }
        return changes;
    }

    private void assign(BucketState s, int id, double value, byte status) {
        if (set(s, id, value, status)) {
            propagate(s);
        }
    }

    /** Sets one leaf; marks its dependents dirty and returns whether it changed. */
    private boolean set(BucketState s, int id, double value, byte status) {
        double oldValue = s.values[id];
        byte oldStatus = s.status[id];
        s.values[id] = status == Status.PRESENT ? value : Double.NaN;
        s.status[id] = status;
        if (differs(oldValue, oldStatus, s.values[id], status)) {
            changed(s, id, oldValue, oldStatus);
            return true;
        }
        return false;
    }

    /**
     * In a rolled-up bucket: an extensive instance's finer-bucket value went from (old) to (new);
     * its sum here takes the difference and the intensive instances that read it are recomputed.
     */
    Changes rollUp(BucketState s, int id, double oldValue, byte oldStatus, double newValue, byte newStatus) {
        this.rolledUp = true;
        changes.clear();
        double before = s.values[id];
        byte beforeStatus = s.status[id];
        sumDifference(s, id, oldValue, oldStatus, newValue, newStatus);
        if (s.present[id] == 0 && s.failed[id] == 0) {
            s.status[id] = Status.ABSENT;
            s.values[id] = Double.NaN;
        }
        if (differs(before, beforeStatus, s.values[id], s.status[id])) {
            changed(s, id, before, beforeStatus);
            propagate(s);
        }
        return changes;
    }

    private void propagate(BucketState s) {
        int from = lowestDirty;
        lowestDirty = Integer.MAX_VALUE;
        for (int d = from == Integer.MAX_VALUE ? -1 : dirty.next(from); d >= 0; d = dirty.next(d + 1)) {
            dirty.clear(d);
            if (rolledUp && extensive[d]) {
                continue; // a sum of finer buckets; its own roll-up brings its change
            }
            Instance in = graph.instance(d);
            if (in.kind() == Instance.Kind.SUM) {
                saved.clear(d); // already updated by differences; its own change is pending below
                if (differs(savedValue[d], savedStatus[d], s.values[d], s.status[d])) {
                    changed(s, d, savedValue[d], savedStatus[d]);
                }
                continue;
            }
            double oldValue = s.values[d];
            byte oldStatus = s.status[d];
            if (in.kind() == Instance.Kind.FORMULA) {
                compute(s, in);
            } else {
                extremum(s, in);
            }
            if (differs(oldValue, oldStatus, s.values[d], s.status[d])) {
                changed(s, d, oldValue, oldStatus);
            }
        }
        lowestDirty = Integer.MAX_VALUE; // every bit set along the way was cleared by the loop
        dirty.emptied();
    }

    private void changed(BucketState s, int id, double oldValue, byte oldStatus) {
        changes.add(id, oldValue, oldStatus);
        for (int d : graph.dependents(id)) {
            if (rolledUp && extensive[d]) {
                continue;
            }
            if (graph.instance(d).kind() == Instance.Kind.SUM) {
                if (!saved.get(d)) {
                    saved.set(d);
                    savedValue[d] = s.values[d];
                    savedStatus[d] = s.status[d];
                }
                sumDifference(s, d, oldValue, oldStatus, s.values[id], s.status[id]);
            }
            dirty.set(d);
            lowestDirty = Math.min(lowestDirty, d);
        }
    }

    private static boolean differs(double v1, byte s1, double v2, byte s2) {
        return s1 != s2 || Double.doubleToLongBits(v1) != Double.doubleToLongBits(v2);
    }

    // ---- kinds ----

    /** One formula instance: by its node's generated code where there is one. */
    private void compute(BucketState s, Instance in) {
        InstanceGraph.Run run = graph.runOf(in.id());
        if (run == null) {
            formula(s, in);
        } else {
            runAll(s, run, in.id() - run.first(), 1);
        }
    }

    /** Runs a node's generated code over some of its instances; what it hands back is settled by {@link #formula}. */
    private void runAll(BucketState s, InstanceGraph.Run run, int from, int count) {
        int n = run.kernel().run(s.values, s.status, run.loads(), from, count, run.first(), handedBack);
        for (int i = 0; i < n; i++) {
            formula(s, instances[handedBack[i]]);
        }
    }

    private void formula(BucketState s, Instance in) {
        int id = in.id();
        double v = in.calc().apply(s.values);
        if (s.status[id] == Status.FAILED) {
            s.causes.remove(id);
        }
        if (v == v && !Double.isInfinite(v)) {
            s.values[id] = v;
            s.status[id] = Status.PRESENT;
            return;
        }
        s.values[id] = Double.NaN;
        boolean absent = false;
        boolean failed = false;
        int optional = -1;
        for (int op : in.operands()) {
            byte st = s.status[op];
            absent |= st == Status.ABSENT;
            failed |= st == Status.FAILED;
            if (st == Status.MISSING_OPTIONAL) {
                optional = op;
            }
        }
        if (absent && !Double.isInfinite(v)) {
            s.status[id] = Status.ABSENT;
        } else if (failed && !Double.isInfinite(v)) {
            s.status[id] = Status.FAILED;
        } else {
            s.status[id] = Status.FAILED;
            s.causes.put(id, optional >= 0 && !Double.isInfinite(v)
                    ? new BucketState.Cause(ErrorCode.E601, "optional input " + graph.instance(optional).label()
                    + " has no value and " + in.label() + " reads it without available(…)")
                    : new BucketState.Cause(ErrorCode.E603, in.label() + " is not a finite number (division by zero?)"));
        }
    }

    /** A sum over its operands from scratch: present (0 when no operand is) unless an operand failed. */
    static void fullSum(BucketState s, Instance in) {
        int id = in.id();
        double sum = 0;
        int present = 0;
        int failed = 0;
        for (int op : in.operands()) {
            if (s.status[op] == Status.PRESENT) {
                sum += s.values[op];
                present++;
            } else if (s.status[op] == Status.FAILED) {
                failed++;
            }
        }
        s.sums[id] = sum;
        s.present[id] = present;
        s.failed[id] = failed;
        settleSum(s, id);
    }

    private static void sumDifference(BucketState s, int id, double oldValue, byte oldStatus, double newValue, byte newStatus) {
        if (oldStatus == Status.PRESENT) {
            s.sums[id] -= oldValue;
            s.present[id]--;
        } else if (oldStatus == Status.FAILED) {
            s.failed[id]--;
        }
        if (newStatus == Status.PRESENT) {
            s.sums[id] += newValue;
            s.present[id]++;
        } else if (newStatus == Status.FAILED) {
            s.failed[id]++;
        }
        settleSum(s, id);
    }

    private static void settleSum(BucketState s, int id) {
        boolean failed = s.failed[id] > 0;
        s.status[id] = failed ? Status.FAILED : Status.PRESENT;
        s.values[id] = failed ? Double.NaN : s.present[id] == 0 ? 0.0 : s.sums[id];
    }

    private static void extremum(BucketState s, Instance in) {
        boolean max = in.kind() == Instance.Kind.MAX;
        double best = Double.NaN;
        boolean failed = false;
        for (int op : in.operands()) {
            if (s.status[op] == Status.PRESENT) {
                double v = s.values[op];
                best = best != best ? v : max ? Math.max(best, v) : Math.min(best, v);
            } else if (s.status[op] == Status.FAILED) {
                failed = true;
            }
        }
        int id = in.id();
        s.status[id] = failed ? Status.FAILED : best != best ? Status.ABSENT : Status.PRESENT;
        s.values[id] = failed ? Double.NaN : best;
    }
}
