package io.tanhe.server.hj212;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Parses the CP area ({@code CP=&&item;item&&}, items of {@code name=value} joined by {@code ,}). */
final class CpParser {
    private final SegmentParser segment;
    private final String s;
    private final int version;
    private final Map<String, Integer> seen = new HashMap<>();

    CpParser(SegmentParser segment, int version) {
        this.segment = segment;
        this.s = segment.source();
        this.version = version;
    }

    /** Parses from the {@code C} of {@code CP=} to the end of the data segment. */
    CpArea parse(int cpAt) throws Hj212FormatException {
        int open = cpAt + 3;
        if (!s.startsWith("&&", open)) {
            throw segment.error(open, "CP must start with && (CP=&&…&&)");
        }
        int from = open + 2;
        int to = s.length() - 2;
        if (to < from || !s.startsWith("&&", to)) {
            throw segment.error(s.length(), "the data segment must end with the && that closes CP");
        }
        int amp = s.indexOf('&', from);
        if (amp < to) {
            throw segment.error(amp, "'&' inside the CP area: CP is the last field, and only its opening and "
                    + "closing && may hold '&'");
        }
        if (from == to) {
            return CpArea.EMPTY;
        }
        List<CpItem> items = new ArrayList<>();
        int itemStart = from;
        while (true) {
            int itemEnd = end(';', itemStart, to);
            items.add(item(itemStart, itemEnd, to));
            if (itemEnd == to) {
                return new CpArea(items);
            }
            itemStart = itemEnd + 1;
        }
    }

    private CpItem item(int from, int to, int areaEnd) throws Hj212FormatException {
        if (from == to) {
            throw segment.error(from, to == areaEnd ? "empty item: the CP area ends with ';'"
                    : "empty item in the CP area (';' first or two ';' in a row)");
        }
        List<CpField> fields = new ArrayList<>();
        int fieldStart = from;
        while (true) {
            int fieldEnd = end(',', fieldStart, to);
            fields.add(field(fieldStart, fieldEnd));
            if (fieldEnd == to) {
                return new CpItem(fields);
            }
            fieldStart = fieldEnd + 1;
        }
    }

    private CpField field(int from, int to) throws Hj212FormatException {
        if (from == to) {
            throw segment.error(from, "empty field in a CP item (',' first or last, or two ',' in a row)");
        }
        int eq = s.indexOf('=', from);
        if (eq < 0 || eq >= to) {
            throw segment.error(from, "CP field '" + s.substring(from, to) + "' has no '=' (fields are name=value)");
        }
        String name = s.substring(from, eq);
        segment.requireAscii(from, eq, "a CP field name");
        Optional<String> nameProblem = CpField.nameProblem(name);
        if (nameProblem.isPresent()) {
            throw segment.error(from, nameProblem.get());
        }
        String value = s.substring(eq + 1, to);
        if (value.isEmpty()) {
            throw segment.error(eq + 1, "field " + name + " has an empty value");
        }
        int bad = CpField.badValueChar(value);
        if (bad >= 0) {
            throw segment.error(eq + 1 + bad, "field " + name + " has " + CpField.describe(value.charAt(bad)) + " in its value");
        }
        Integer first = seen.putIfAbsent(name, from);
        if (first != null) {
            throw segment.error(from, "duplicate field " + name + " in the CP area (first at offset " + segment.at(first) + ")");
        }
        CpField field = new CpField(name, value);
        Optional<String> valueProblem = FieldRules.cpValue(field, version);
        if (valueProblem.isPresent()) {
            throw segment.error(eq + 1, valueProblem.get());
        }
        return field;
    }

    private int end(char delimiter, int from, int to) {
        int i = s.indexOf(delimiter, from);
        return i < 0 || i > to ? to : i;
    }
}
