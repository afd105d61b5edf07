package io.tanhe.engine.graph;

import java.util.List;

/**
 * Index keys as one string: the members joined with "," in the order of a node's dimensions, ""
 * for a scalar (as in factor tables). The key addresses one value of a {@link Node}; observations,
 * factor values, results and the site's bindings all name values this way.
 */
public final class Keys {
    /** The key of a node without dimensions. */
    public static final String SCALAR = "";

    private Keys() {
    }

    /** The key of the members, one per dimension. */
    public static String of(List<String> members) {
        return String.join(",", members);
    }

    /** The members of a key, one per dimension; none for {@link #SCALAR}. */
    public static List<String> parts(String key) {
        return key.isEmpty() ? List.of() : List.of(key.split(",", -1));
    }
}
