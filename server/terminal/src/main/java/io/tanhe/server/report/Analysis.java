package io.tanhe.server.report;

import io.tanhe.engine.graph.ComputationGraph;
import io.tanhe.engine.graph.Node;
import io.tanhe.engine.graph.NodeKind;
import io.tanhe.engine.model.Scope;
import io.tanhe.server.store.MethodologyRef;
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
 * The analysis of section 7.2.5 for a year, against the year before: (a) the headline total per month
 * with year-on-year and month-on-month change, (b) the structure by scope, (c) the key sources ranked by
 * share with their change, (d) the activity data with their change. A change is null where the base
 * is missing or zero (no figure to compare with), never a division by zero.
 *
 * @param total     the headline total's node (the methodology's last total) and unit
 * @param months    January to December
 * @param scopes    direct and indirect emissions, with share of the sources' sum
 * @param sources   emission sources ranked by this year's amount
 * @param activity  the summable inputs per key
 */
public record Analysis(int year, String total, String unit, List<Month> months, List<Share> scopes, List<Source> sources,
                       List<Activity> activity) {

    /** A month: the total this year and the same month last year, and the changes in percent (null: no base). */
    public record Month(int month, Double value, Double previousYear, Double yearOnYear, Double monthOnMonth, double completeness) {
    }

    /** A part of the total and its share (0–1). */
    public record Share(String name, double value, double share) {
    }

    /**
     * An emission source ranked by amount.
     *
     * @param key     true when it is among the sources that together make up 80 % of the emissions (largest first)
     * @param change  the change against last year in percent, null when last year had none
     */
    public record Source(int rank, String label, String title, String emissionClass, double value, double share, Double previous,
                         Double change, boolean key) {
    }

    /** An activity quantity (an input) this year and last. */
    public record Activity(String label, String title, String unit, double value, Double previous, Double change) {
    }

    /** The share of the emissions the key sources make up together (a Pareto cut). */
    public static final double KEY_SHARE = 0.8;

    /** Analyses {@code year} against the year before from {@code store}. */
    public static Analysis of(String site, MethodologyRef methodology, ComputationGraph graph, ResultStore store, ZoneId zone,
                              Year year) {
        Report now = Report.build(site, methodology, graph, store, zone, ReportGrain.MONTH, range(year, zone));
        Report before = Report.build(site, methodology, graph, store, zone, ReportGrain.MONTH, range(year.minusYears(1), zone));
        ReportSummary s = ReportSummary.of(now);
        ReportSummary p = ReportSummary.of(before);
        String total = s.headline().or(p::headline).map(ReportSummary.Line::label).orElse("");
        String unit = s.headline().or(p::headline).map(ReportSummary.Line::unit).orElse("tCO2");

        List<Month> months = new ArrayList<>();
        Double previousMonth = monthValue(before, total, 12, zone);
        for (int m = 1; m <= 12; m++) {
            Double v = monthValue(now, total, m, zone);
            Double last = monthValue(before, total, m, zone);
            double completeness = monthLine(now, total, m, zone).map(l -> l.row().completeness()).orElse(0.0);
            months.add(new Month(m, v, last, change(v, last), change(v, previousMonth), completeness));
            previousMonth = v;
        }

        Map<Scope, Double> byScope = new LinkedHashMap<>();
        byScope.put(Scope.DIRECT, 0.0);
        byScope.put(Scope.INDIRECT, 0.0);
        s.sources().forEach(l -> byScope.merge(l.scope(), l.value(), Double::sum));
        double sum = byScope.values().stream().mapToDouble(Double::doubleValue).sum();
        List<Share> scopes = byScope.entrySet().stream().map(e -> new Share(Labels.scope(e.getKey()), e.getValue(),
                sum == 0 ? 0 : e.getValue() / sum)).toList();

        Map<String, Double> lastYear = new LinkedHashMap<>();
        p.sources().forEach(l -> lastYear.put(l.label(), l.value()));
        List<ReportSummary.Line> ranked = new ArrayList<>(s.sources());
        ranked.sort(Comparator.comparingDouble(ReportSummary.Line::value).reversed());
        double positive = ranked.stream().mapToDouble(l -> Math.max(0, l.value())).sum();
        List<Source> sources = new ArrayList<>();
        double before80 = 0;
        for (int i = 0; i < ranked.size(); i++) {
            ReportSummary.Line l = ranked.get(i);
            double share = positive == 0 ? 0 : l.value() / positive;
            boolean key = l.value() > 0 && before80 < KEY_SHARE;
            before80 += Math.max(0, share);
            Double previous = lastYear.get(l.label());
            sources.add(new Source(i + 1, l.label(), l.title(), l.emissionClass().keyword(), l.value(), share, previous,
                    change(l.value(), previous), key));
        }

        ResultQuery query = new ResultQuery(graph, store, zone);
        List<Activity> activity = new ArrayList<>();
        for (Node n : graph.nodesOf(NodeKind.INPUT)) {
            if (!ResultQuery.extensive(n)) {
                continue;
            }
            Map<String, Double> last = new LinkedHashMap<>();
            query.results(n.name(), "", ReportGrain.YEAR, range(year.minusYears(1), zone)).forEach(r -> last.put(r.label(), r.value()));
            for (ResultRow r : query.results(n.name(), "", ReportGrain.YEAR, range(year, zone))) {
                Double previous = last.get(r.label());
                activity.add(new Activity(r.label(), n.label(), r.unit(), r.value(), previous, change(r.value(), previous)));
            }
        }
        return new Analysis(year.getValue(), total, unit, months, scopes, sources, activity);
    }

    private static TimeRange range(Year year, ZoneId zone) {
        return TimeRange.of(year.atDay(1).atStartOfDay(zone).toInstant(), year.plusYears(1).atDay(1).atStartOfDay(zone).toInstant());
    }

    private static java.util.Optional<ReportLine> monthLine(Report r, String total, int month, ZoneId zone) {
        return r.buckets().entrySet().stream().filter(e -> e.getKey().atZone(zone).getMonthValue() == month)
                .flatMap(e -> e.getValue().stream()).filter(l -> l.total() && l.label().equals(total)).findFirst();
    }

    private static Double monthValue(Report r, String total, int month, ZoneId zone) {
        return monthLine(r, total, month, zone).map(l -> l.row().value()).orElse(null);
    }

    /** The change from {@code base} to {@code value} in percent; null without a value or a non-zero base. */
    static Double change(Double value, Double base) {
        if (value == null || base == null || base == 0) {
            return null;
        }
        return (value - base) / Math.abs(base) * 100;
    }
}
