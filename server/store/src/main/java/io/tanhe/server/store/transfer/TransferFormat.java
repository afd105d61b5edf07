package io.tanhe.server.store.transfer;

import java.nio.file.Path;
import java.util.Locale;

/** The file formats of export and import: CSV with a header line, or one JSON array of objects. */
public enum TransferFormat {
    CSV, JSON;

    /** The format a file name's extension ({@code .csv}, {@code .json}) says. */
    public static TransferFormat of(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return CSV;
        }
        if (name.endsWith(".json")) {
            return JSON;
        }
        throw new IllegalArgumentException(file + ": cannot tell the format from the name; use a .csv or .json file");
    }
}
