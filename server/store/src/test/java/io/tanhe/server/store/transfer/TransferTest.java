package io.tanhe.server.store.transfer;

import io.tanhe.drivers.Quality;
import io.tanhe.drivers.Reading;
import io.tanhe.engine.time.Grain;
import io.tanhe.server.store.ReadingFilter;
import io.tanhe.server.store.ResultFilter;
import io.tanhe.server.store.Store;
import io.tanhe.server.store.StoredReading;
import io.tanhe.server.store.StoredResult;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.store.jdbc.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import io.tanhe.server.store.jdbc.Engine;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.tanhe.server.store.Samples.POWER;
import static io.tanhe.server.store.Samples.T0;
import static io.tanhe.server.store.Samples.reading;
import static io.tanhe.server.store.Samples.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ParameterizedClass
@EnumSource(Engine.class)
class TransferTest {
    @Parameter
    Engine engine;

    private static final TimeRange DAY = TimeRange.of(T0, T0.plus(Duration.ofDays(1)));

    @TempDir
    Path dir;

    private static void fill(Store store) {
        List<StoredReading> readings = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            readings.add(reading("grid_in", T0.plusSeconds(i * 60L).plusNanos(i), i + ".10", i % 2 == 0 ? "primary" : "backup"));
        }
        readings.add(StoredReading.of(Reading.failed("coal", T0, "t", Quality.COMM_ERROR, "dlt645-3", "CRC mismatch, \"frame\" 68 AA,16"), T0));
        readings.add(reading("outside", T0.minusSeconds(1), "1"));
        store.readings().writeAll(readings).join();
        store.results().write(result("E", "", Grain.HOUR, T0, 0.1 + 0.2, POWER, "live")).join();
        store.results().write(result("combustion", "coal", Grain.MINUTE, T0, 1e-17, POWER, "line one\nline two")).join();
        store.results().write(result("combustion", "coal", Grain.MINUTE, T0, 2.5, POWER, "revised")).join();
    }

    @ParameterizedTest
    @EnumSource(TransferFormat.class)
    void exportThenImportGivesTheSameRowsAndImportingAgainStoresNothing(TransferFormat format) throws IOException {
        String ext = format.name().toLowerCase();
        Path readingsFile = dir.resolve("readings." + ext);
        Path resultsFile = dir.resolve("results." + ext);
        List<StoredReading> sourceReadings = new ArrayList<>();
        List<StoredResult> sourceResults = new ArrayList<>();
        try (Store source = Stores.openForTest(engine, dir.resolve("a"))) {
            fill(source);
            try (OutputStream out = Files.newOutputStream(readingsFile)) {
                assertEquals(31, new StoreExport(source).readings(ReadingFilter.of(DAY), format, out));
            }
            try (OutputStream out = Files.newOutputStream(resultsFile)) {
                assertEquals(2, new StoreExport(source).results(ResultFilter.of(DAY), format, out));
            }
            source.readings().scan(ReadingFilter.of(DAY), sourceReadings::add);
            source.results().scan(ResultFilter.of(DAY), sourceResults::add);
        }
        try (Store target = Stores.openForTest(engine, dir.resolve("b"))) {
            StoreImport importer = new StoreImport(target);
            assertEquals(new ImportReport(31, 31, 0, 0), importer.readings(readingsFile));
            assertEquals(new ImportReport(2, 2, 0, 0), importer.results(resultsFile));
            assertEquals(new ImportReport(31, 0, 0, 31), importer.readings(readingsFile));
            assertEquals(new ImportReport(2, 0, 0, 2), importer.results(resultsFile));

            List<StoredReading> readings = new ArrayList<>();
            target.readings().scan(ReadingFilter.of(DAY), readings::add);
            assertEquals(sourceReadings, readings);
            List<StoredResult> results = new ArrayList<>();
            target.results().scan(ResultFilter.of(DAY), results::add);
            assertEquals(sourceResults.stream().map(StoredResult::result).toList(), results.stream().map(StoredResult::result).toList());
        }
    }

    @Test
    void exportFiltersBySourceAndNode() throws IOException {
        try (Store store = Stores.openForTest(engine, dir.resolve("a"))) {
            fill(store);
            assertEquals(15, new StoreExport(store).readings(ReadingFilter.of(DAY).source("backup"), TransferFormat.CSV,
                    OutputStream.nullOutputStream()));
            assertEquals(1, new StoreExport(store).results(ResultFilter.of(DAY).node("E").grain(Grain.HOUR), TransferFormat.JSON,
                    OutputStream.nullOutputStream()));
            Path csv = dir.resolve("e.csv");
            try (OutputStream out = Files.newOutputStream(csv)) {
                new StoreExport(store).results(ResultFilter.of(DAY).node("E"), TransferFormat.CSV, out);
            }
            List<String> lines = Files.readAllLines(csv);
            assertEquals("node_id,key,grain,bucket_start,bucket_end,value,unit,quality,completeness,methodology_id,"
                    + "methodology_version,methodology_hash,revision,revised_at,reason", lines.get(0));
            assertTrue(lines.get(1).startsWith("E,,hour,2024-03-01T00:00:00Z,2024-03-01T01:00:00Z,0.30000000000000004,tCO2,"), lines.get(1));
        }
    }

    @Test
    void aFileWithBadRowsNamesEachByLineAndStoresNothing() throws IOException {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, String.join("\n",
                "point_id,key,measured_at,value,unit,quality,source_id,detail,received_at,idempotency_key",
                "p,,2024-03-01T00:00:00Z,1.0,kWh,MEASURED,m,,2024-03-01T00:00:01Z,",
                "p,,yesterday,1.0,kWh,MEASURED,m,,2024-03-01T00:00:01Z,",
                "p,,2024-03-01T00:00:02Z,one,kWh,MEASURED,m,,2024-03-01T00:00:01Z,",
                "p,,2024-03-01T00:00:03Z,1.0,kWh,GOOD,m,,2024-03-01T00:00:01Z,",
                "p,,2024-03-01T00:00:04Z,1.0,kWh,MEASURED,m,,2024-03-01T00:00:05Z,p@2024-03-01T00:00:09Z#m",
                "p,,2024-03-01T00:00:05Z,1.0,kWh,MEASURED,m,,2024-03-01T00:00:06Z,p@2024-03-01T00:00:05Z#m", ""));
        try (Store store = Stores.openForTest(engine, dir.resolve("a"))) {
            ImportException e = assertThrows(ImportException.class, () -> new StoreImport(store).readings(bad));
            assertEquals(List.of(
                    "bad.csv:3: measured_at `yesterday` is not an ISO-8601 UTC instant such as 2024-03-01T08:00:00Z",
                    "bad.csv:4: value `one` is not a decimal number such as 12.30",
                    "bad.csv:5: quality `GOOD` is not one of [MEASURED, BACKUP, MANUAL, OUT_OF_RANGE, STALE, TIMEOUT, COMM_ERROR, DEVICE_ERROR]",
                    "bad.csv:6: idempotency_key `p@2024-03-01T00:00:09Z#m` does not match the reading's identity `p@2024-03-01T00:00:04Z#m`"
                            + " (point_id[key]@measured_at#source_id); correct it or leave it empty"),
                    e.problems());
            assertEquals(0, store.readings().count());
        }
    }

    /** Issue 12, defect 6: a row with a stored reading's identity but another value imported as `unchanged=1`. */
    @Test
    void aRowThatContradictsAStoredReadingIsRefusedByLineAndNothingIsImported() throws IOException {
        Path file = dir.resolve("conflict.csv");
        Files.writeString(file, String.join("\n",
                "point_id,key,measured_at,value,unit,quality,source_id,detail,received_at,idempotency_key",
                "p,,2024-03-01T00:00:00Z,1.0,kWh,MEASURED,m,,2024-03-01T00:00:01Z,",
                "p,,2024-03-01T00:01:00Z,2.50,kWh,MEASURED,m,,2024-03-01T00:01:01Z,",
                "p,,2024-03-01T00:02:00Z,3.0,kWh,MEASURED,m,,2024-03-01T00:02:01Z,",
                "p,,2024-03-01T00:02:00Z,3.5,kWh,MEASURED,m,,2024-03-01T00:02:01Z,", ""));
        try (Store store = Stores.openForTest(engine, dir.resolve("a"))) {
            store.readings().writeAll(List.of(reading("p", T0, "1.00", "m"), reading("p", T0.plusSeconds(60), "2.4", "m"))).join();
            ImportException e = assertThrows(ImportException.class, () -> new StoreImport(store).readings(file));
            assertEquals(2, e.problems().size(), e.getMessage());
            assertTrue(e.problems().get(0).startsWith("conflict.csv:5: reading p@2024-03-01T00:02:00Z#m conflicts with an earlier row"),
                    e.problems().get(0));
            assertTrue(e.problems().get(1).startsWith("conflict.csv:3: reading p@2024-03-01T00:01:00Z#m conflicts with the stored"
                    + " reading: 2.50 kWh MEASURED here, 2.4 kWh MEASURED there"), e.problems().get(1));
            assertEquals(2, store.readings().count(), "nothing imported");
        }
    }

    @Test
    void aFileOfUnknownFormatIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TransferFormat.of(Path.of("x.xlsx")));
        assertTrue(e.getMessage().contains("use a .csv or .json file"));
    }
}
