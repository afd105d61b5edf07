package io.tanhe.engine.rules.validation;

import io.tanhe.engine.time.Quality;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The validation rules' conclusion about one fact, for the evaluator to apply: an {@link Judgement#INVALID}
 * value is recorded with quality {@link Quality#MISSING} and the reasons (so it never silently
 * reaches a total, and the gap handling of its input takes over); a suspicious one keeps its
 * quality and carries the reasons.
 *
 * @param judgement the worst judgement of all findings; {@link Judgement#VALID} when there are none
 * @param findings  every objection, in the order the rules fired
 */
public record Verdict(Judgement judgement, List<Finding> findings) {

    /** No objection. */
    public static final Verdict VALID = new Verdict(Judgement.VALID, List.of());

    public Verdict {
        findings = List.copyOf(findings);
    }

    /** The verdict of a list of findings: the worst judgement among them. */
    public static Verdict of(List<Finding> findings) {
        if (findings.isEmpty()) {
            return VALID;
        }
        Judgement worst = Judgement.VALID;
        for (Finding f : findings) {
            worst = worst.and(f.judgement());
        }
        return new Verdict(worst, findings);
    }

    public boolean invalid() {
        return judgement == Judgement.INVALID;
    }

    /** The quality the evaluator should record: {@link Quality#MISSING} for an invalid value, else {@code original}. */
    public Quality qualityFor(Quality original) {
        return invalid() ? Quality.MISSING : original;
    }

    /** The reasons joined with "; ", or "" when valid. */
    public String reasons() {
        return findings.stream().map(Finding::reason).collect(Collectors.joining("; "));
    }
}
