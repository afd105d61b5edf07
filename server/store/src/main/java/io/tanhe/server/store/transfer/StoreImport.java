package io.tanhe.server.store.transfer;

import com.fasterxml.jackson.databind.MappingIterator;
import io.tanhe.server.store.Store;
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
        return run(file, ReadingRow.class, ReadingRow::toReading, batch -> store.readings().writeAll(batch));
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
