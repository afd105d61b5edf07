package io.tanhe.drivers.manual;

import io.tanhe.drivers.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Imports a CSV (.csv) or Excel (.xlsx) file of manual values, one row per value:
 * {@code timestamp,point,value,unit[,operator]}, an optional header line first. Valid rows become
 * {@code MANUAL} readings; every invalid row is reported with file, line and column; the report
 * counts both. A file that cannot be read as a whole yields no readings at all.
 */
public final class FileImporter {

    private static final Logger LOG = LoggerFactory.getLogger(FileImporter.class);

    private final ImportSettings settings;

    public FileImporter(ImportSettings settings) {
        this.settings = settings;
    }

    /** Whether the file has an extension this importer reads. */
    public static boolean accepts(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".csv") || name.endsWith(".xlsx");
    }

    /** Imports one file; never throws for bad content, the report says what happened. */
    public ImportReport importFile(Path file) {
        boolean excel = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xlsx");
        List<RawRow> rows;
        try {
            rows = excel ? XlsxRows.read(file) : CsvRows.read(file);
        } catch (UnreadableFileException e) {
            ImportReport report = new ImportReport(file, 0, List.of(), List.of(new RowProblem(e.location(), "", e.getMessage())));
            LOG.warn("import {} {}: {}", settings.sourceId(), report.summary(), e.getMessage());
            return report;
        }
        ImportReport report = importRows(file, rows, excel ? XlsxRows::columnName : CsvRows::columnName);
        LOG.info("import {} {}", settings.sourceId(), report.summary());
        return report;
    }

    private ImportReport importRows(Path file, List<RawRow> rows, IntFunction<String> columnName) {
        EntryRow parser = new EntryRow(settings.zone(), settings.unitsByPoint(), settings.defaultOperator(),
                "imported from " + file.getFileName());
        List<Reading> readings = new ArrayList<>();
        List<RowProblem> problems = new ArrayList<>();
        int dataRows = 0;
        boolean first = true;
        for (RawRow row : rows) {
            if (row.isBlank()) {
                continue;
            }
            boolean header = first && EntryRow.isHeader(row.cells());
            first = false;
            if (header) {
                continue;
            }
            dataRows++;
            try {
                readings.add(parser.read(row.cells(), columnName).toReading(settings.sourceId()));
            } catch (EntryRow.RowException e) {
                problems.add(new RowProblem(row.location(), e.column(), e.getMessage()));
            }
        }
        return new ImportReport(file, dataRows, readings, problems);
    }
}
