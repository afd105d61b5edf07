package io.tanhe.server.terminal.lifecycle;

import io.tanhe.engine.rules.check.TargetCatalog;
import io.tanhe.engine.rules.threshold.Threshold;
import io.tanhe.engine.rules.threshold.ThresholdFile;
import io.tanhe.engine.rules.threshold.ThresholdLoader;
import io.tanhe.server.site.PointBinding;
import io.tanhe.server.site.Site;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A threshold package compiled against a site: its {@code *.thresholds.yaml} files loaded, each threshold's target
 * checked — a figure of the methodology with a unit of its dimension, or a point or input the site binds. Once
 * active, a package's threshold replaces the site's of the same id; the rules take the new set at once.
 *
 * @param thresholds the package's thresholds
 */
record ThresholdPackage(List<Threshold> thresholds) {
    static final String SUFFIX = ".thresholds.yaml";

    /**
     * @throws PackageRefusedException naming every problem (file, line, threshold)
     */
    static ThresholdPackage compile(Candidate candidate, Site site) {
        List<String> problems = new ArrayList<>();
        List<Threshold> thresholds = new ArrayList<>();
        TargetCatalog catalog = TargetCatalog.of(site.graph());
        for (Map.Entry<String, String> f : candidate.files().entrySet()) {
            if (!f.getKey().endsWith(SUFFIX)) {
                continue; // package.yaml and notes
            }
            ThresholdFile file = new ThresholdLoader().parse(f.getKey(), f.getValue());
            file.problems().forEach(p -> problems.add(p.toString()));
            for (Threshold t : file.values()) {
                if (t.grain() != null) {
                    catalog.unitProblem(t.target(), t.unit()).ifPresent(p -> problems.add(f.getKey() + ": threshold `" + t.id() + "`: " + p));
                } else if (!bound(site, t.target())) {
                    problems.add(f.getKey() + ": threshold `" + t.id() + "` watches `" + t.target() + "`, which is neither a point nor an"
                            + " input this site binds");
                }
                thresholds.add(t);
            }
        }
        if (thresholds.isEmpty() && problems.isEmpty()) {
            problems.add("the package holds no threshold (*" + SUFFIX + ")");
        }
        if (!problems.isEmpty()) {
            throw new PackageRefusedException(PackageState.COMPILED, String.join("; ", problems));
        }
        return new ThresholdPackage(List.copyOf(thresholds));
    }

    private static boolean bound(Site site, String target) {
        return site.bindings().containsKey(target) || site.bindings().values().stream().map(PointBinding::input).anyMatch(target::equals);
    }
}
