package io.tanhe.drivers.cli;

import io.tanhe.drivers.Reading;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders readings as a fixed-width text table for the commissioning CLI. */
final class ReadingTable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String[] HEADER = {"point", "value", "unit", "quality", "source", "time", "detail"};

    private ReadingTable() {
    }

    /** One row per reading, in the order given. */
    static String render(List<Reading> readings, ZoneId zone) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (Reading r : readings) {
            rows.add(new String[]{r.pointId(), r.value() == null ? "-" : r.value().toPlainString(), r.unit(),
                    r.quality().name(), r.sourceId(), TIME.format(r.measuredAt().atZone(zone)), shorten(r.detail())});
        }
        return format(rows);
    }

    /** One row per device: how many of its readings failed since the start. */
    static String renderErrors(Map<String, long[]> perDevice) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"device", "readings", "failed"});
        perDevice.forEach((id, counts) -> rows.add(new String[]{id, Long.toString(counts[0]), Long.toString(counts[1])}));
        return format(rows);
    }

    static String format(List<String[]> rows) {
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] row : rows) {
            for (int c = 0; c < cols; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < cols; c++) {
                line.append(c == 1 ? pad(row[c], width[c], true) : pad(row[c], width[c], false));
                if (c < cols - 1) {
                    line.append("  ");
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
            if (i == 0) {
                int total = 0;
                for (int w : width) {
                    total += w + 2;
                }
                out.append("-".repeat(Math.max(0, total - 2))).append('\n');
            }
        }
        return out.toString();
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(width - s.length());
        return right ? fill + s : s + fill;
    }

    private static String shorten(String detail) {
        return detail.length() > 70 ? detail.substring(0, 67) + "..." : detail;
    }
}
