package io.tanhe.engine.rules.threshold;

import io.tanhe.engine.rules.diagnostic.RuleProblem;

import java.util.List;

/**
 * A thresholds file as read: the thresholds that are well-formed and the problems of the others.
 * A file with problems must not be applied (see {@link #ok}).
 */
public record ThresholdFile(String file, List<PlacedThreshold> thresholds, List<RuleProblem> problems) {

    public ThresholdFile {
        thresholds = List.copyOf(thresholds);
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.stream().noneMatch(RuleProblem::isError);
    }

    /** The thresholds alone. */
    public List<Threshold> values() {
        return thresholds.stream().map(PlacedThreshold::threshold).toList();
    }
}
