package io.tanhe.server.site;

import io.tanhe.grammar.config.ConfigNode;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a site file's {@code reporting:} block (entity details, boundary, quality-control plan) and its
 * {@code meters:} registry; see docs/reports.md. A meter must feed points the site has.
 */
final class ReportingReader {
    /** An accuracy in %: "±0.8 %", "0.8%", "0.5 级" (the forms CalibrationFact reads). */
    private static final java.util.regex.Pattern PERCENT = java.util.regex.Pattern.compile("\\d+(?:\\.\\d+)?\\s*S?\\s*(?:级|%|％)");
    private ReportingReader() {
    }

    /**
     * @param points the point ids the drivers define (null when the drivers did not load: points are then not checked)
     */
    static ReportingDetails read(ConfigNode top, Set<String> points, Map<String, PointBinding> bindings) {
        Optional<ConfigNode> r = top.object("reporting");
        QualityPlan plan = r.flatMap(x -> x.object("quality_plan")).map(ReportingReader::plan).orElse(QualityPlan.NONE);
        List<Meter> meters = meters(top, points);
        if (r.isEmpty()) {
            return new ReportingDetails("", "", "", "", "", plan, meters);
        }
        ConfigNode x = r.get();
        return new ReportingDetails(x.text("legal_representative", ""), x.text("address", ""), x.text("industry", ""),
                x.text("contact", ""), x.text("boundary", ""), plan, meters);
    }

    private static QualityPlan plan(ConfigNode p) {
        return new QualityPlan(p.text("rules", ""), p.text("responsible", ""), p.text("archive", ""), p.text("calibration", ""),
                p.text("cross_checks", ""));
    }

    private static List<Meter> meters(ConfigNode top, Set<String> points) {
        List<Meter> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (ConfigNode m : top.list("meters")) {
            String id = m.requiredText("id", "the meter's id in the register, e.g. coal-scale-1").orElse("");
            if (!id.isEmpty() && !ids.add(id)) {
                m.problem("id", "`" + id + "` is listed twice; each meter once");
            }
            String name = m.requiredText("name", "the instrument's name, e.g. 入炉煤皮带秤").orElse("");
            List<String> feeds = m.texts("points");
            if (feeds.isEmpty()) {
                m.problem("points", "is required: the point ids this meter measures (the activity data it feeds)");
            }
            for (String p : feeds) {
                if (points != null && !points.contains(p)) {
                    m.problem("points", "no point `" + p + "` in the drivers; the site has " + String.join(", ", points),
                            ConfigNode.nearest(p, points));
                }
            }
            Optional<LocalDate> last = m.optionalText("last_calibration").flatMap(t -> {
                try {
                    return Optional.of(LocalDate.parse(t));
                } catch (DateTimeParseException e) {
                    m.problem("last_calibration", "`" + t + "` is not a date; write YYYY-MM-DD, e.g. 2026-03-15");
                    return Optional.empty();
                }
            });
            String calibrationAccuracy = m.text("calibration_accuracy", "");
            if (!calibrationAccuracy.isEmpty()) {
                if (!PERCENT.matcher(calibrationAccuracy).find()) {
                    m.problem("calibration_accuracy", "`" + calibrationAccuracy + "` states no accuracy; write what the"
                            + " calibration certificate measured in %, e.g. \"±0.8 %\"");
                } else if (last.isEmpty()) {
                    m.problem("calibration_accuracy", "is the accuracy of a calibration, but the meter has no last_calibration;"
                            + " give the calibration's date (YYYY-MM-DD) beside it");
                }
            }
            out.add(new Meter(id, name, m.text("model", ""), m.text("serial", ""), m.text("location", ""),
                    m.text("frequency", ""), m.text("accuracy_class", ""), m.period("calibration_interval"), last,
                    calibrationAccuracy, feeds));
        }
        return out;
    }
}
