package io.tanhe.server.terminal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Gives the heap back between full collections: the serial collector promotes short-lived objects into the old
 * generation and grows it toward {@code -Xmx} before it collects it in full, so a small terminal's RSS rose by 60–80 MB
 * over its live data between two full collections (docs/performance.md, "The demo's memory"). Run every few seconds,
 * this asks for a full collection ({@link System#gc()}: under the serial collector a compacting one, after which the
 * heap shrinks to the live data + {@code MaxHeapFreeRatio}) once at least {@link #PROMOTED} bytes have reached the
 * old generation since the last full collection, at most once per {@link #MIN_INTERVAL_NANOS} in the whole JVM.
 * A collection that frees little (the old generation holds live data, e.g. a catch-up's backlog) doubles the wait, up
 * to {@link #MAX_INTERVAL_NANOS}. Once, {@link #SETTLE_NANOS} after the first terminal of the JVM started, it also
 * collects without that growth: a full collection the collector made on its own during the start (rule base, first
 * accounts' hashes, the AOT cache's objects) counted the start's temporary data as live, so the growth above that
 * figure can stay under the threshold for many minutes while the heap stays sized for the start (seen: 101 MB committed
 * for ~30 MB live, the demo's RSS ~55 MB above its usual). {@code -Dtanhe.heapTrim=off} turns it off.
 */
final class HeapTrim implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(HeapTrim.class);
    /** Old-generation growth since the last full collection that is worth a collection (a pause of ~50–150 ms idle). */
    static final long PROMOTED = 8L << 20;
    static final long MIN_INTERVAL_NANOS = 60_000_000_000L;
    static final long MAX_INTERVAL_NANOS = 16 * MIN_INTERVAL_NANOS;
    /** After the start, when the start's own data is garbage, one collection whatever the growth. */
    static final long SETTLE_NANOS = 30_000_000_000L;
    /** When the JVM may next be asked, shared by every terminal of the JVM (tests open many). */
    private static final AtomicLong NEXT = new AtomicLong(Long.MIN_VALUE);
    private static final AtomicLong INTERVAL = new AtomicLong(MIN_INTERVAL_NANOS);
    /** When the first terminal of the JVM made its trim. */
    private static final AtomicLong STARTED = new AtomicLong(Long.MIN_VALUE);

    private final OldGeneration old;
    private final Runnable collect;
    private final LongSupplier nanoTime;

    HeapTrim(OldGeneration old, Runnable collect, LongSupplier nanoTime) {
        this.old = old;
        this.collect = collect;
        this.nanoTime = nanoTime;
        STARTED.compareAndSet(Long.MIN_VALUE, nanoTime.getAsLong());
    }

    /** The JVM's own, or empty when turned off or the collector has no old generation pool that reports its last collection. */
    static Optional<HeapTrim> forThisJvm() {
        if ("off".equals(System.getProperty("tanhe.heapTrim"))) {
            return Optional.empty();
        }
        return OldGeneration.find(ManagementFactory.getMemoryPoolMXBeans())
                .map(pool -> new HeapTrim(pool, System::gc, System::nanoTime));
    }

    /** The old generation's occupancy now and after its last full collection (0 before the first one). */
    interface OldGeneration {
        long used();

        long usedAfterLastCollection();

        static Optional<OldGeneration> find(List<MemoryPoolMXBean> pools) {
            return pools.stream()
                    .filter(p -> p.getType() == MemoryType.HEAP && p.isCollectionUsageThresholdSupported())
                    .filter(p -> p.getName().contains("Tenured") || p.getName().contains("Old Gen"))
                    .findFirst()
                    .map(p -> new OldGeneration() {
                        @Override
                        public long used() {
                            return p.getUsage().getUsed();
                        }

                        @Override
                        public long usedAfterLastCollection() {
                            return p.getCollectionUsage().getUsed();
                        }
                    });
        }
    }

    @Override
    public void run() {
        long now = nanoTime.getAsLong();
        long next = NEXT.get();
        if (next != Long.MIN_VALUE && now - next < 0) {
            return;
        }
        long before = old.used();
        long live = old.usedAfterLastCollection();
        boolean settling = next == Long.MIN_VALUE && now - STARTED.get() >= SETTLE_NANOS;
        if ((before - live < PROMOTED && !settling) || !NEXT.compareAndSet(next, now + INTERVAL.get())) {
            return;
        }
        collect.run();
        long after = old.usedAfterLastCollection();
        long freed = before - after;
        long interval = freed < PROMOTED / 2 ? Math.min(INTERVAL.get() * 2, MAX_INTERVAL_NANOS) : MIN_INTERVAL_NANOS;
        INTERVAL.set(interval);
        NEXT.set(now + interval);
        LOG.debug("heap trim: old generation {} -> {} MB, {} ms; next in {} s at the earliest", before >> 20, after >> 20,
                (nanoTime.getAsLong() - now) / 1_000_000, interval / 1_000_000_000L);
    }

    /** Forgets the JVM-wide wait (tests). */
    static void reset() {
        NEXT.set(Long.MIN_VALUE);
        INTERVAL.set(MIN_INTERVAL_NANOS);
        STARTED.set(Long.MIN_VALUE);
    }
}
