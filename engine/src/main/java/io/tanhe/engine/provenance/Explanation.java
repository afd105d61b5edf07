package io.tanhe.engine.provenance;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * How one result came about, as data: schema {@value #SCHEMA} (documented in docs/provenance.md).
 * A tree of {@link Step}s from the result down to factor values (with their source) and the
 * observations that fed the inputs.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Explanation(String schema, Methodology methodology, String zone, Step result) {

    public static final String SCHEMA = "tanhe.explanation/1";

    /** Which methodology computed it: id, version and the SHA-256 of its canonical text. */
    public record Methodology(String id, String version, String title, String contentHash) {
    }

    /** A bucket: grain label and local start and end (ISO-8601 with offset). */
    public record Bucket(String grain, String start, String end) {
    }

    /**
     * One value in the tree.
     *
     * @param kind      input, factor, const, value, emission, total, or "sum"/"min"/"max" for an aggregate
     * @param status    present, absent (no data for this key), failed
     * @param problem   for a failed value: code and sentence
     * @param formula   for computed values: the declaration as written, with its position
     * @param rolledUp  for extensive values of a coarser bucket: how many base buckets were summed
     * @param factor    for factors: the value's provenance
     * @param input     for inputs: the amount's derivation and the observations that fed it
     * @param operands  what it was computed from (capped; {@code moreOperands} counts the rest)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(String name, String key, String kind, Bucket bucket, Double value, String unit, String quality,
                       Double completeness, String status, String problem, Formula formula, Integer rolledUp,
                       Factor factor, Input input, List<Step> operands, Integer moreOperands) {
    }

    public record Formula(String text, String file, int line, int column, String emissionClass, String scope) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Factor(String value, String unit, String source, String clause, String confidence, boolean unverified,
                         String version, String validFrom, String validUntil, String note) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Input(String inputKind, List<String> flags, List<Observation> observations, Integer moreObservations,
                        List<String> anomalies) {
    }

    public record Observation(String timestamp, double value, String unit, String quality) {
    }
}
