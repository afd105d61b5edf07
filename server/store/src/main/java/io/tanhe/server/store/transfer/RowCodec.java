package io.tanhe.server.store.transfer;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Reads and writes rows of one type as CSV (header line, columns in the row's order) or as a JSON array. */
final class RowCodec<R> {
    private static final CsvMapper CSV = new CsvMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Class<R> type;
    private final TransferFormat format;

    RowCodec(Class<R> type, TransferFormat format) {
        this.type = type;
        this.format = format;
    }

    SequenceWriter writer(OutputStream out) throws IOException {
        return switch (format) {
            case CSV -> CSV.writer(schema()).writeValues(out);
            case JSON -> JSON.writerFor(type).withDefaultPrettyPrinter().writeValuesAsArray(out);
        };
    }

    MappingIterator<R> reader(InputStream in) throws IOException {
        ObjectReader reader = switch (format) {
            case CSV -> CSV.readerFor(type).with(schema().withColumnReordering(true));
            case JSON -> JSON.readerFor(type);
        };
        return reader.readValues(in);
    }

    /** A row and the line of the file it starts on (1-based; the CSV header is line 1). */
    record Numbered<R>(R row, int line) {
    }

    /** Reads the next row with its line. Jackson's CSV parser positions its token on the row only once it is read. */
    Numbered<R> next(MappingIterator<R> rows) throws IOException {
        int before = tokenLine(rows);
        R row = rows.nextValue();
        return new Numbered<>(row, format == TransferFormat.CSV ? tokenLine(rows) : before);
    }

    private static int tokenLine(MappingIterator<?> rows) {
        JsonLocation at = rows.getParser().currentTokenLocation();
        return at == null ? -1 : at.getLineNr();
    }

    private CsvSchema schema() {
        return CSV.schemaFor(type).withHeader();
    }
}
