package io.tanhe.server.store.transfer;

import com.fasterxml.jackson.databind.SequenceWriter;
import io.tanhe.server.store.ReadingFilter;
import io.tanhe.server.store.ResultFilter;
import io.tanhe.server.store.Store;
import io.tanhe.server.store.StoreException;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Writes readings or current results from a store to a CSV or JSON stream, row by row (an export of
 * years of data does not need the memory to hold it). The stream is flushed, not closed.
 */
public final class StoreExport {
    private final Store store;

    public StoreExport(Store store) {
        this.store = store;
    }

    /** Exports the readings matching {@code filter}, oldest first; returns how many. */
    public long readings(ReadingFilter filter, TransferFormat format, OutputStream out) {
        RowCodec<ReadingRow> codec = new RowCodec<>(ReadingRow.class, format);
        try (SequenceWriter writer = codec.writer(new Unclosed(out))) {
            return store.readings().scan(filter, r -> write(writer, ReadingRow.of(r)));
        } catch (IOException | UncheckedIOException e) {
            throw new StoreException("exporting readings " + filter + " failed: " + e.getMessage(), e);
        }
    }

    /** Exports the current results matching {@code filter}, by bucket start; returns how many. */
    public long results(ResultFilter filter, TransferFormat format, OutputStream out) {
        RowCodec<ResultRow> codec = new RowCodec<>(ResultRow.class, format);
        try (SequenceWriter writer = codec.writer(new Unclosed(out))) {
            return store.results().scan(filter, r -> write(writer, ResultRow.of(r)));
        } catch (IOException | UncheckedIOException e) {
            throw new StoreException("exporting results " + filter + " failed: " + e.getMessage(), e);
        }
    }

    private static void write(SequenceWriter writer, Object row) {
        try {
            writer.write(row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keeps the caller's stream open when the writer closes (which ends the JSON array). */
    private static final class Unclosed extends java.io.FilterOutputStream {
        Unclosed(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
