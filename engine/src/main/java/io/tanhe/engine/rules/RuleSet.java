package io.tanhe.engine.rules;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The DRL files that make up one version of a site's rules (methodology rulesets and site rules).
 * The generic threshold, gap and source-switch rules are always added.
 *
 * @param version a label for logs and reload results, e.g. a content hash or a config revision
 * @param sources the DRL files
 */
public record RuleSet(String version, List<RuleSource> sources) {

    public RuleSet {
        Objects.requireNonNull(version, "version");
        sources = List.copyOf(sources);
    }

    /** Only the generic rules. */
    public static RuleSet generic() {
        return new RuleSet("generic", List.of());
    }

    /** The rules in {@code files}. */
    public static RuleSet of(String version, Path... files) {
        return new RuleSet(version, Arrays.stream(files).map(RuleSource::read).toList());
    }
}
