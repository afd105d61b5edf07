package io.tanhe.engine.rules.threshold;

import io.tanhe.grammar.config.ConfigProblem;

import java.util.List;

/**
 * A thresholds file (or block) as read: the thresholds that are well-formed and the problems of the
 * others, each with file, line, column and path. A file with problems must not be applied (see {@link #ok}).
 */
public record ThresholdFile(String file, List<PlacedThreshold> thresholds, List<ConfigProblem> problems) {

    public ThresholdFile {
        thresholds = List.copyOf(thresholds);
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** The thresholds alone. */
    public List<Threshold> values() {
        return thresholds.stream().map(PlacedThreshold::threshold).toList();
    }
}
