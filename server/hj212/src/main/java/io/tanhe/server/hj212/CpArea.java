package io.tanhe.server.hj212;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The command parameters ({@code CP=&&…&&}): items separated by {@code ;}. A field name appears
 * at most once in the whole area.
 *
 * @param items the items in order; empty for {@code CP=&&&&}
 */
public record CpArea(List<CpItem> items) {
    /** The empty area {@code CP=&&&&}. */
    public static final CpArea EMPTY = new CpArea(List.of());

    public CpArea {
        items = List.copyOf(items);
        Set<String> names = new HashSet<>();
        for (CpItem item : items) {
            for (CpField f : item.fields()) {
                if (!names.add(f.name())) {
                    throw new IllegalArgumentException("duplicate field " + f.name() + " in the CP area");
                }
            }
        }
    }

    /** An area of the given items. */
    public static CpArea of(CpItem... items) {
        return new CpArea(List.of(items));
    }

    /** Every field of every item, in order. */
    public Stream<CpField> fields() {
        return items.stream().flatMap(i -> i.fields().stream());
    }

    /** The value of the field named {@code name}, if present. */
    public Optional<String> value(String name) {
        return fields().filter(f -> f.name().equals(name)).map(CpField::value).findFirst();
    }

    /** The text between {@code CP=&&} and the closing {@code &&}. */
    public String text() {
        return items.stream().map(CpItem::text).collect(Collectors.joining(";"));
    }
}
