package io.tanhe.server.evaluation;

import io.tanhe.engine.graph.Keys;
import io.tanhe.engine.graph.Node;
import io.tanhe.engine.incremental.IncrementalEvaluator;
import io.tanhe.engine.time.Grain;
import io.tanhe.server.site.PointBinding;
import io.tanhe.server.site.Site;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the evaluator of a site: minute buckets rolled up into 15 minutes, hours and days (the
 * grains the terminal evaluates; weeks, months, quarters and years are rolled up from the stored days
 * by {@link CalendarRollUp}), the site's factors, each bound input key configured in the time model and the
 * keys of open sets declared up front.
 */
public final class EvaluatorFactory {
    /** The grains the terminal evaluates (and stores; coarser ones come from {@link CalendarRollUp}). */
    public static final List<Grain> GRAINS = List.of(Grain.MINUTE, Grain.FIFTEEN_MINUTES, Grain.HOUR, Grain.DAY);

    private EvaluatorFactory() {
    }

    public static IncrementalEvaluator create(Site site) {
        return create(site, GRAINS.subList(1, GRAINS.size()));
    }

    /**
     * The evaluator of a site rolling minutes up into {@code rolled} grains: a check that holds a whole
     * month of minutes to compare the stored roll-up with (tests).
     */
    public static IncrementalEvaluator create(Site site, List<Grain> rolled) {
        IncrementalEvaluator evaluator = new IncrementalEvaluator(site.graph(), site.factors(), site.zone(), Grain.MINUTE,
                rolled);
        Map<String, List<String>> members = new LinkedHashMap<>();
        for (PointBinding b : site.bindings().values()) {
            evaluator.timeModel().configure(b.input(), b.key(), b.settings());
            Node input = site.graph().node(b.input()).orElseThrow();
            List<String> parts = b.key().isEmpty() ? List.of() : Keys.parts(b.key());
            for (int i = 0; i < parts.size(); i++) {
                String set = input.dimensions().get(i);
                if (site.graph().set(set).map(s -> s.open()).orElse(false)) {
                    members.computeIfAbsent(set, k -> new ArrayList<>()).add(parts.get(i));
                }
            }
        }
        members.forEach(evaluator::addMembers);
        return evaluator;
    }
}
