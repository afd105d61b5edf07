package io.tanhe.server.report;

import io.tanhe.engine.model.EmissionClass;
import io.tanhe.engine.model.Scope;
import io.tanhe.engine.time.Quality;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A report's figures over its whole range: each source, total and production quantity summed over
 * the buckets, each intensity computed from those sums (never the mean of bucket ratios), emissions
 * by class, and per line the weakest quality and the time-weighted completeness (buckets without a
 * result count as empty).
 *
 * @param sources    the emission sources, in the report's order
 * @param totals     the methodology's totals; the last is the headline total
 * @param production the production quantities intensities divide by
 * @param intensities the intensities over the range
 * @param byClass    emissions per class (sum of its sources), classes without sources left out
 * @param buckets    how many buckets the range has
 */
public record ReportSummary(List<Line> sources, List<Line> totals, List<Line> production, List<Line> intensities,
                            Map<EmissionClass, Double> byClass, int buckets) {

    /**
     * One line summed over the range.
     *
     * @param present  buckets that have a result
     * @param revision the highest stored revision among its buckets (1 = never revised)
     */
    public record Line(String label, String title, EmissionClass emissionClass, Scope scope, double value, String unit,
                       Quality quality, double completeness, int present, int revision) {
    }

    /** The summary of {@code report}. */
    public static ReportSummary of(Report report) {
        List<Instant> starts = bucketStarts(report);
        double seconds = 0;
        for (Instant s : starts) {
            seconds += Duration.between(s, report.grain().next(s, report.zone())).toSeconds();
        }
        Map<String, Acc> lines = new LinkedHashMap<>();
        for (Map<Instant, List<ReportLine>> map : List.of(report.buckets(), report.measures())) {
            map.values().forEach(ls -> ls.forEach(l -> lines.computeIfAbsent(l.kind() + " " + l.label(), k -> new Acc(l)).add(l.row())));
        }
        List<Line> sources = new ArrayList<>();
        List<Line> totals = new ArrayList<>();
        List<Line> production = new ArrayList<>();
        List<Line> intensities = new ArrayList<>();
        Map<String, Line> extensive = new LinkedHashMap<>();
        for (Acc a : lines.values()) {
            if (a.first.kind() == ReportLine.Kind.INTENSITY) {
                continue;
            }
            Line line = a.line(seconds);
            extensive.put(a.first.row().node() + (a.first.row().key().isEmpty() ? "" : "[" + a.first.row().key() + "]"), line);
            switch (a.first.kind()) {
                case SOURCE -> sources.add(line);
                case TOTAL -> totals.add(line);
                case PRODUCTION -> production.add(line);
                case INTENSITY -> throw new IllegalStateException("skipped above");
            }
        }
        for (Acc a : lines.values()) {
            if (a.first.kind() != ReportLine.Kind.INTENSITY) {
                continue;
            }
            Ratio r = a.first.ratio();
            Line num = extensive.get(r.numerator());
            Line den = extensive.get(r.denominator());
            if (num == null || den == null || den.value() == 0) {
                continue;
            }
            intensities.add(new Line(a.first.label(), a.first.title(), null, null, r.scale() * num.value() / den.value(),
                    a.first.row().unit(), num.quality().and(den.quality()), Math.min(num.completeness(), den.completeness()),
                    Math.min(num.present(), den.present()), Math.max(num.revision(), den.revision())));
        }
        Map<EmissionClass, Double> byClass = new EnumMap<>(EmissionClass.class);
        sources.forEach(s -> byClass.merge(s.emissionClass(), s.value(), Double::sum));
        return new ReportSummary(List.copyOf(sources), List.copyOf(totals), List.copyOf(production), List.copyOf(intensities),
                byClass, starts.size());
    }

    /** The headline total (the methodology's last total), if any bucket has one. */
    public java.util.Optional<Line> headline() {
        return totals.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(totals.getLast());
    }

    /** The start of every bucket of the report's range, with or without results. */
    public static List<Instant> bucketStarts(Report report) {
        List<Instant> out = new ArrayList<>();
        for (Instant s = report.grain().floor(report.range().from(), report.zone()); s.isBefore(report.range().to());
             s = report.grain().next(s, report.zone())) {
            if (!s.isBefore(report.range().from())) {
                out.add(s);
            }
        }
        return out;
    }

    private static final class Acc {
        final ReportLine first;
        double value;
        double covered;
        Quality quality;
        int present;
        int revision;

        Acc(ReportLine first) {
            this.first = first;
        }

        void add(ResultRow r) {
            value += r.value();
            covered += r.completeness() * Duration.between(r.start(), r.end()).toSeconds();
            quality = quality == null ? r.quality() : quality.and(r.quality());
            present++;
            revision = Math.max(revision, r.revision());
        }

        Line line(double seconds) {
            return new Line(first.label(), first.title(), first.emissionClass(), first.scope(), value, first.row().unit(), quality,
                    seconds == 0 ? 0 : Math.min(1, covered / seconds), present, revision);
        }
    }
}
