package io.tanhe.server.terminal.lifecycle;

import io.tanhe.engine.factors.FactorConflictException;
import io.tanhe.engine.factors.FactorLibrary;
import io.tanhe.engine.factors.FactorTableLoad;
import io.tanhe.engine.factors.FactorTableLoader;
import io.tanhe.engine.factors.FactorValue;
import io.tanhe.engine.graph.ComputationGraph;
import io.tanhe.engine.graph.NodeKind;
import io.tanhe.server.site.Site;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A factor package compiled against a site: its tables loaded into one library, every factor checked to be
 * a factor of the site's methodology with a unit of the same dimension. Applied from a day on
 * ({@link #from}): its values count from that day (an earlier start of validity is moved to it), so the
 * days before keep the factors they were computed with — whoever recomputes them.
 *
 * @param library the package's values as written
 */
record FactorPackage(FactorLibrary library) {

    /**
     * Compiles {@code candidate}'s tables against {@code site}.
     *
     * @throws PackageRefusedException naming every problem (file, line, factor)
     */
    static FactorPackage compile(Candidate candidate, Site site) {
        List<String> problems = new ArrayList<>();
        List<FactorValue> values = new ArrayList<>();
        for (Map.Entry<String, String> f : candidate.files().entrySet()) {
            if (!Candidate.isTable(f.getKey())) {
                problems.add(f.getKey() + ": not a factor table; a factor package holds *.factors.yaml files only");
                continue;
            }
            FactorTableLoad load = FactorTableLoader.load(f.getKey(), f.getValue());
            load.problems().forEach(p -> problems.add(p.toString()));
            load.library().ifPresent(l -> values.addAll(l.values()));
        }
        ComputationGraph graph = site.graph();
        for (FactorValue v : values) {
            var node = graph.node(v.factor());
            if (node.isEmpty() || node.get().kind() != NodeKind.FACTOR) {
                problems.add("`" + v.factor() + "` is not a factor of " + graph.info().id() + " " + graph.info().version());
            }
        }
        if (!problems.isEmpty()) {
            throw new PackageRefusedException(PackageState.COMPILED, String.join("; ", problems));
        }
        try {
            FactorLibrary library = FactorLibrary.of(candidate.name(), candidate.version(), values);
            site.factors().overriddenBy(library);
            return new FactorPackage(library);
        } catch (FactorConflictException e) {
            throw new PackageRefusedException(PackageState.COMPILED, e.getMessage());
        }
    }

    /** The package's values valid from {@code day} on: earlier starts moved to it, values ending before it left out. */
    FactorLibrary from(LocalDate day) {
        List<FactorValue> clipped = new ArrayList<>();
        for (FactorValue v : library.values()) {
            if (v.validUntil() != null && !v.validUntil().isAfter(day)) {
                continue;
            }
            LocalDate start = v.validFrom() == null || v.validFrom().isBefore(day) ? day : v.validFrom();
            clipped.add(new FactorValue(v.factor(), v.key(), v.value(), v.unit(), start, v.validUntil(), v.source(), v.clause(),
                    v.confidence(), v.version(), v.note()));
        }
        return FactorLibrary.of(library.id(), library.version(), clipped);
    }
}
