package io.tanhe.engine.eval;

import java.util.List;

/** Index keys as one string: the members joined with "," in dimension order, "" for a scalar (as in factor tables). */
public final class Keys {
    public static final String SCALAR = "";

    private Keys() {
    }

    public static String of(List<String> members) {
        return String.join(",", members);
    }

    public static List<String> parts(String key) {
        return key.isEmpty() ? List.of() : List.of(key.split(",", -1));
    }
}
