package io.tanhe.server.store.transfer;

import com.fasterxml.jackson.databind.MappingIterator;
import io.tanhe.server.store.Store;
import io.tanhe.server.store.StoredReading;
import io.tanhe.server.store.StoreException;
import io.tanhe.server.store.WriteOutcome;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Reads readings or results from a CSV or JSON file (as {@link StoreExport} writes them) into a store.
 * The file is checked whole first, so a bad row stores nothing; then rows are written in batches
 * through the store's durable, idempotent writes, so importing a file twice stores it once.
 */
public final class StoreImport {
    private static final int BATCH = 1000;
    private static final int SHOWN_PROBLEMS = 20;

    private final Store store;

    public StoreImport(Store store) {
        this.store = store;
    }

    /** Imports raw readings from {@code file} (format from its extension). */
    public ImportReport readings(Path file) {
        refuseConflicts(file);
        return run(file, ReadingRow.class, ReadingRow::toReading, batch -> store.readings().writeAll(batch));
    }

    /**
     * A row with the identity of a stored reading (or of an earlier row of the file) but another value,
     * unit or quality would be dropped by the idempotent write without a word: the file says something
     * else than the store about the same reading. Such rows are refused, each by line, and nothing is
     * imported (a correction of a reading is not an import; it is a new reading of another source).
     */
    private void refuseConflicts(Path file) {
        RowCodec<ReadingRow> codec = new RowCodec<>(ReadingRow.class, TransferFormat.of(file));
        List<String> problems = new ArrayList<>();
        int[] bad = {0};
        java.util.Map<String, StoredReading> seen = new java.util.HashMap<>();
        List<RowCodec.Numbered<StoredReading>> batch = new ArrayList<>(BATCH);
        try (InputStream in = Files.newInputStream(file); MappingIterator<ReadingRow> it = codec.reader(in)) {
            while (it.hasNextValue()) {
                RowCodec.Numbered<ReadingRow> next = codec.next(it);
                StoredReading r;
                try {
                    r = next.row().toReading();
                } catch (RuntimeException e) {
                    continue; // reported by the syntax check
                }
                StoredReading earlier = seen.get(r.idempotencyKey());
                if (earlier != null && !sameReading(earlier, r)) {
                    conflict(problems, bad, file, next.line(), r, earlier, "an earlier row of the file");
                }
                seen.putIfAbsent(r.idempotencyKey(), r);
                batch.add(new RowCodec.Numbered<>(r, next.line()));
                if (batch.size() == BATCH) {
                    compareWithStore(batch, problems, bad, file);
                    batch.clear();
                    seen.clear();
                }
            }
            compareWithStore(batch, problems, bad, file);
        } catch (IOException | RuntimeException e) {
            return; // the syntax check reports an unreadable file
        }
        if (bad[0] > 0) {
            throw new ImportException(file.toString(), problems, bad[0]);
        }
    }

    private void compareWithStore(List<RowCodec.Numbered<StoredReading>> batch, List<String> problems, int[] bad, Path file) {
        java.util.Map<String, List<RowCodec.Numbered<StoredReading>>> byPoint = new java.util.HashMap<>();
        batch.forEach(n -> byPoint.computeIfAbsent(n.row().pointId(), p -> new ArrayList<>()).add(n));
        for (var e : byPoint.entrySet()) {
            java.time.Instant from = e.getValue().stream().map(n -> n.row().measuredAt()).min(java.util.Comparator.naturalOrder()).orElseThrow();
            java.time.Instant to = e.getValue().stream().map(n -> n.row().measuredAt()).max(java.util.Comparator.naturalOrder()).orElseThrow();
            java.util.Map<String, StoredReading> stored = new java.util.HashMap<>();
            store.readings().readings(e.getKey(), io.tanhe.server.store.TimeRange.of(from, to.plusNanos(1)))
                    .forEach(r -> stored.put(r.idempotencyKey(), r));
            for (RowCodec.Numbered<StoredReading> n : e.getValue()) {
                StoredReading there = stored.get(n.row().idempotencyKey());
                if (there != null && !sameReading(there, n.row())) {
                    conflict(problems, bad, file, n.line(), n.row(), there, "the stored reading");
                }
            }
        }
    }

    private static boolean sameReading(StoredReading a, StoredReading b) {
        boolean sameValue = a.value() == null ? b.value() == null : b.value() != null && a.value().compareTo(b.value()) == 0;
        return sameValue && java.util.Objects.equals(a.unit(), b.unit()) && a.quality() == b.quality();
    }

    private static void conflict(List<String> problems, int[] bad, Path file, long line, StoredReading row, StoredReading other,
                                 String what) {
        bad[0]++;
        if (problems.size() < SHOWN_PROBLEMS) {
            problems.add(file.getFileName() + ":" + line + ": reading " + row.idempotencyKey() + " conflicts with " + what
                    + ": " + describe(row) + " here, " + describe(other) + " there; a reading's identity (point, key,"
                    + " time, source) has one value: remove the row or correct it");
        }
    }

    private static String describe(StoredReading r) {
        return (r.value() == null ? "no value" : r.value().toPlainString() + (r.unit() == null || r.unit().isEmpty() ? "" : " " + r.unit()))
                + " " + r.quality();
    }

    /**
     * Checks a readings file whole as {@link #readings} does before it stores anything, storing nothing: every row
     * parses, and none contradicts a stored reading or an earlier row.
     *
     * @return the number of rows
     * @throws ImportException listing the bad rows by line
     */
    public long checkReadings(Path file) {
        refuseConflicts(file);
        return check(file, new RowCodec<>(ReadingRow.class, TransferFormat.of(file)), ReadingRow::toReading);
    }

    /**
     * Checks a results file whole as {@link #results} does before it stores anything, storing nothing.
     *
     * @return the number of rows
     * @throws ImportException listing the bad rows by line
     */
    public long checkResults(Path file) {
        return check(file, new RowCodec<>(ResultRow.class, TransferFormat.of(file)), ResultRow::toResult);
    }

    /** Imports results from {@code file}: each row is written as a figure, revising a different current one. */
    public ImportReport results(Path file) {
        return run(file, ResultRow.class, ResultRow::toResult, batch -> store.results().writeAll(batch));
    }

    private <R, V> ImportReport run(Path file, Class<R> rowType, Function<R, V> convert,
                                    Function<List<V>, CompletableFuture<List<WriteOutcome>>> write) {
        RowCodec<R> codec = new RowCodec<>(rowType, TransferFormat.of(file));
        long rows = check(file, codec, convert);
        long[] counts = new long[WriteOutcome.values().length];
        try (InputStream in = Files.newInputStream(file); MappingIterator<R> it = codec.reader(in)) {
            List<V> batch = new ArrayList<>(BATCH);
            while (it.hasNextValue()) {
                batch.add(convert.apply(it.nextValue()));
                if (batch.size() == BATCH || !it.hasNextValue()) {
                    for (WriteOutcome o : write.apply(batch).join()) {
                        counts[o.ordinal()]++;
                    }
                    batch = new ArrayList<>(BATCH);
                }
            }
        } catch (IOException e) {
            throw new StoreException("reading " + file + " failed: " + e.getMessage(), e);
        }
        return new ImportReport(rows, counts[WriteOutcome.STORED.ordinal()], counts[WriteOutcome.REVISED.ordinal()],
                counts[WriteOutcome.UNCHANGED.ordinal()]);
    }

    /** Parses and converts every row; throws {@link ImportException} listing the bad ones. Returns the row count. */
    private static <R, V> long check(Path file, RowCodec<R> codec, Function<R, V> convert) {
        List<String> problems = new ArrayList<>();
        int bad = 0;
        long rows = 0;
        try (InputStream in = Files.newInputStream(file); MappingIterator<R> it = codec.reader(in)) {
            while (it.hasNextValue()) {
                rows++;
                RowCodec.Numbered<R> next = codec.next(it);
                try {
                    convert.apply(next.row());
                } catch (RuntimeException e) {
                    bad++;
                    if (problems.size() < SHOWN_PROBLEMS) {
                        problems.add(file.getFileName() + ":" + next.line() + ": " + e.getMessage());
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            problems.add(file.getFileName() + ": " + e.getMessage().lines().findFirst().orElse(""));
            bad++;
        }
        if (bad > 0) {
            throw new ImportException(file.toString(), problems, bad);
        }
        return rows;
    }
}
