package io.tanhe.cli;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.tanhe.engine.time.Observation;
import io.tanhe.engine.time.Quality;
import io.tanhe.engine.units.Unit;
import io.tanhe.engine.units.UnitParseException;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Observations from a CSV file with the header {@code timestamp,input,key,value,unit} and an
 * optional sixth column {@code quality} (MEASURED, ESTIMATED, MANUAL, SUBSTITUTED, MISSING).
 * A key of several members is written quoted: {@code "unit1,diesel"}. Every bad row is reported
 * as {@code file:line: column: what is wrong}.
 */
final class ObservationFile {
    static final List<String> COLUMNS = List.of("timestamp", "input", "key", "value", "unit");

    record Loaded(List<Observation> observations, List<String> errors) {
    }

    private ObservationFile() {
    }

    static Loaded read(Path file, ZoneId zone) throws IOException {
        List<Observation> observations = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             MappingIterator<String[]> rows = mapper.readerFor(String[].class).readValues(r)) {
            int line = 0;
            while (rows.hasNextValue()) {
                String[] row = rows.nextValue();
                line++; // one row per line: a quoted key holds a comma, never a line break
                if (line == 1 || row.length == 1 && row[0].isBlank()) {
                    if (line == 1 && !header(row)) {
                        errors.add(file + ":1: the header must be " + String.join(",", COLUMNS) + "[,quality]");
                    }
                    continue;
                }
                parse(file, line, row, zone, observations, errors);
            }
        } catch (RuntimeException e) {
            errors.add(file + ": not a readable CSV file: " + e.getMessage());
        }
        return new Loaded(observations, errors);
    }

    private static boolean header(String[] row) {
        List<String> names = new ArrayList<>();
        for (String c : row) {
            names.add(c.strip().toLowerCase(Locale.ROOT));
        }
        return names.size() >= 5 && names.subList(0, 5).equals(COLUMNS) && (names.size() == 5 || names.get(5).equals("quality"));
    }

    private static Quality quality(String text) {
        try {
            return Quality.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("column 6 (quality): `" + text + "` is not one of "
                    + java.util.Arrays.toString(Quality.values()));
        }
    }

    private static void parse(Path file, int line, String[] row, ZoneId zone, List<Observation> out, List<String> errors) {
        String at = file + ":" + line + ": ";
        if (row.length < 5 || row.length > 6) {
            errors.add(at + "expected 5 or 6 columns (" + String.join(",", COLUMNS) + "[,quality]), found " + row.length);
            return;
        }
        try {
            var timestamp = TimeArgument.parse(row[0], zone);
            double value = Double.parseDouble(row[3].strip());
            Unit unit = Unit.parse(row[4].strip());
            Quality quality = row.length == 6 && !row[5].isBlank() ? quality(row[5]) : Quality.MEASURED;
            out.add(new Observation(timestamp, row[1].strip(), row[2].strip(), value, unit, quality));
        } catch (NumberFormatException e) {
            errors.add(at + "column 4 (value): `" + row[3] + "` is not a number");
        } catch (UnitParseException e) {
            errors.add(at + "column 5 (unit): " + e.getMessage());
        } catch (IllegalArgumentException e) {
            errors.add(at + e.getMessage());
        }
    }
}
