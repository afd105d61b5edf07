package io.tanhe.server.console;

import io.tanhe.engine.graph.ComputationGraph;
import io.tanhe.engine.graph.Node;
import io.tanhe.engine.graph.NodeKind;
import io.tanhe.engine.model.EmissionClass;
import io.tanhe.engine.model.Scope;
import io.tanhe.server.report.Analysis;
import io.tanhe.server.report.Labels;
import io.tanhe.server.report.ReportGrain;
import io.tanhe.server.report.ResultQuery;
import io.tanhe.server.report.ResultRow;
import io.tanhe.server.store.ResultStore;
import io.tanhe.server.store.TimeRange;

import java.time.Year;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the structure page shows of a year, against the year before: the split by scope and by emission class, the
 * sources ranked with the key ones, the activity data — the parts of {@link Analysis} the page uses, in its records.
 * It reads only the emission sources' and the summable inputs' year figures (each a sum of stored days): the full
 * analysis also builds the months, totals, production and intensities of both years, which took most of the page's
 * time on a year of data.
 */
record YearStructure(String unit, List<Analysis.Share> scopes, Map<EmissionClass, Double> classes, List<Analysis.Source> sources,
                     List<Analysis.Activity> activity) {

    static YearStructure of(ComputationGraph graph, ResultStore store, ZoneId zone, Year year) {
        ResultQuery query = new ResultQuery(graph, store, zone);
        TimeRange now = range(year, zone);
        TimeRange before = range(year.minusYears(1), zone);
        record Line(Node node, ResultRow row) {
        }
        List<Line> lines = new ArrayList<>();
        Map<String, Double> lastYear = new LinkedHashMap<>();
        for (Node n : graph.nodesOf(NodeKind.EMISSION)) {
            query.results(n.name(), "", ReportGrain.YEAR, now).forEach(r -> lines.add(new Line(n, r)));
            query.results(n.name(), "", ReportGrain.YEAR, before).forEach(r -> lastYear.merge(r.label(), r.value(), Double::sum));
        }
        Map<Scope, Double> byScope = new LinkedHashMap<>();
        byScope.put(Scope.DIRECT, 0.0);
        byScope.put(Scope.INDIRECT, 0.0);
        Map<EmissionClass, Double> classes = new LinkedHashMap<>();
        lines.forEach(l -> {
            byScope.merge(l.node().scope(), l.row().value(), Double::sum);
            classes.merge(l.node().emissionClass(), l.row().value(), Double::sum);
        });
        double sum = byScope.values().stream().mapToDouble(Double::doubleValue).sum();
        List<Analysis.Share> scopes = byScope.entrySet().stream().map(e -> new Analysis.Share(Labels.scope(e.getKey()), e.getValue(),
                sum == 0 ? 0 : e.getValue() / sum)).toList();
        lines.sort(Comparator.comparingDouble((Line l) -> l.row().value()).reversed());
        double positive = lines.stream().mapToDouble(l -> Math.max(0, l.row().value())).sum();
        List<Analysis.Source> sources = new ArrayList<>();
        double before80 = 0;
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            double value = l.row().value();
            double share = positive == 0 ? 0 : value / positive;
            boolean key = value > 0 && before80 < Analysis.KEY_SHARE;
            before80 += Math.max(0, share);
            Double previous = lastYear.get(l.row().label());
            sources.add(new Analysis.Source(i + 1, l.row().label(), l.node().label(), l.node().emissionClass().keyword(), value, share,
                    previous, Figures.change(value, previous), key));
        }
        List<Analysis.Activity> activity = new ArrayList<>();
        for (Node n : graph.nodesOf(NodeKind.INPUT)) {
            if (!ResultQuery.extensive(n)) {
                continue;
            }
            Map<String, Double> last = new LinkedHashMap<>();
            query.results(n.name(), "", ReportGrain.YEAR, before).forEach(r -> last.put(r.label(), r.value()));
            for (ResultRow r : query.results(n.name(), "", ReportGrain.YEAR, now)) {
                Double previous = last.get(r.label());
                activity.add(new Analysis.Activity(r.label(), n.label(), r.unit(), r.value(), previous, Figures.change(r.value(), previous)));
            }
        }
        String unit = lines.isEmpty() ? "tCO2" : lines.getFirst().row().unit();
        return new YearStructure(unit, scopes, classes, sources, activity);
    }

    private static TimeRange range(Year year, ZoneId zone) {
        return TimeRange.of(year.atDay(1).atStartOfDay(zone).toInstant(), year.plusYears(1).atDay(1).atStartOfDay(zone).toInstant());
    }
}
