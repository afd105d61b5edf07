package io.tanhe.engine.graph;

/** What a node of the computation graph holds. */
public enum NodeKind {
    /** A parameter from the factor library (or a site override). */
    FACTOR,
    /** Activity data bound to meter points. */
    INPUT,
    CONST,
    /** An intermediate value. */
    VALUE,
    EMISSION,
    TOTAL;

    public boolean computed() {
        return this == CONST || this == VALUE || this == EMISSION || this == TOTAL;
    }
}
