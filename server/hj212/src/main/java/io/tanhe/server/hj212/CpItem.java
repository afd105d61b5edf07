package io.tanhe.server.hj212;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One item of the CP area: fields separated by {@code ,}, e.g.
 * {@code a05001-Rtd=412.3,a05001-Flag=N}.
 *
 * @param fields at least one field, in order
 */
public record CpItem(List<CpField> fields) {

    public CpItem {
        fields = List.copyOf(fields);
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("a CP item has at least one field");
        }
    }

    /** An item of the given fields. */
    public static CpItem of(CpField... fields) {
        return new CpItem(List.of(fields));
    }

    /** An item of one field. */
    public static CpItem of(String name, String value) {
        return of(new CpField(name, value));
    }

    /** The item as written. */
    public String text() {
        return fields.stream().map(CpField::text).collect(Collectors.joining(","));
    }
}
