package io.tanhe.engine.incremental;

/**
 * How an {@link IncrementalEvaluator} computes node formulas. Both give the same values, bit for
 * bit (the differential tests compare them on every shipped methodology).
 */
public enum Execution {
    /** Each node's formula as generated code: one loop over the node's keys (the default). */
    GENERATED,
    /** Each instance's formula as a tree of small functions: no code generation (a fallback, and the reference). */
    INTERPRETED;

    /** The system property that chooses the execution ({@code generated} or {@code interpreted}). */
    public static final String PROPERTY = "tanhe.engine.execution";

    /** The execution chosen by {@value #PROPERTY}, {@link #GENERATED} when unset. */
    public static Execution configured() {
        String value = System.getProperty(PROPERTY, "generated");
        return switch (value) {
            case "generated" -> GENERATED;
            case "interpreted" -> INTERPRETED;
            default -> throw new IllegalArgumentException("-D" + PROPERTY + "=" + value
                    + " is not an execution; use generated or interpreted");
        };
    }
}
