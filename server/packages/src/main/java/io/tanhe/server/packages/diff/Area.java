package io.tanhe.server.packages.diff;

/** The part of a methodology a change is in, in the order a report lists them. */
public enum Area {
    HEADER("header"),
    SETS("sets"),
    FACTORS("factors"),
    INPUTS("inputs"),
    FORMULAS("formulas"),
    EMISSION_CLASSES("emission classes"),
    TESTS("tests"),
    RULES("rules"),
    THRESHOLDS("thresholds"),
    FILES("files");

    private final String label;

    Area(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
