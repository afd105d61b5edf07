package io.tanhe.drivers.manual;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads a UTF-8 CSV file (RFC 4180 quoting, via Jackson) into rows that know their line numbers. */
final class CsvRows {
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();

    private CsvRows() {
    }

    /**
     * All rows of the file.
     *
     * @throws UnreadableFileException naming the line where the file stopped being CSV
     */
    static List<RawRow> read(Path file) {
        String name = file.getFileName().toString();
        List<RawRow> rows = new ArrayList<>();
        long line = 1;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             MappingIterator<String[]> it = CSV.readerFor(String[].class).readValues(in)) {
            while (it.hasNextValue()) {
                line = it.getParser().currentLocation().getLineNr();
                String[] cells = it.nextValue();
                rows.add(new RawRow(name + ":" + line, Arrays.asList(cells)));
            }
        } catch (IOException | RuntimeException e) {
            throw new UnreadableFileException(name + ":" + line, "not readable as UTF-8 CSV from here on: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        return rows;
    }

    /** Column names in CSV messages are 1-based numbers. */
    static String columnName(int index) {
        return "column " + (index + 1);
    }
}
