package io.tanhe.engine.graph;

import java.util.List;

/**
 * An index set of the graph. Members of a closed set are declared in the methodology; an open
 * set's members come from the site (meter points bound to keys) or from test inputs.
 */
public record SetInfo(String name, String label, List<String> members, List<String> memberLabels, boolean open) {
    public SetInfo {
        members = List.copyOf(members);
        memberLabels = List.copyOf(memberLabels);
    }
}
