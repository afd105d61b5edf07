package io.tanhe.drivers.manual;

import java.util.List;

/** One row of an import file as text cells, with where it is ({@code file:line} or {@code file:Sheet!row}). */
record RawRow(String location, List<String> cells) {
    RawRow {
        cells = List.copyOf(cells);
    }

    boolean isBlank() {
        return cells.stream().allMatch(String::isBlank);
    }
}
