package io.tanhe.engine.rules.check;

import io.tanhe.engine.rules.diagnostic.RuleProblem;
import io.tanhe.engine.rules.threshold.PlacedThreshold;
import io.tanhe.engine.rules.threshold.Threshold;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds thresholds that repeat or contradict each other on the same target, grain and key (a
 * threshold without a key overlaps every key):
 * <ul>
 *   <li>an upper and a lower limit whose alerting ranges overlap (a value between them breaches both)
 *       — contradictory;</li>
 *   <li>with the same direction and duration, the same limit with different severities, or a
 *       stricter limit with a lower severity than a looser one — contradictory;</li>
 *   <li>with the same direction, duration, limit and severity — a duplicate.</li>
 * </ul>
 * Same-direction thresholds with different durations are a deliberate ladder and are not compared.
 */
final class ThresholdConflicts {

    private record Group(String target, String grain) {
    }

    private ThresholdConflicts() {
    }

    static List<RuleProblem> find(List<PlacedThreshold> all) {
        Map<Group, List<PlacedThreshold>> groups = new LinkedHashMap<>();
        for (PlacedThreshold p : all) {
            Threshold t = p.threshold();
            groups.computeIfAbsent(new Group(t.target(), t.grain() == null ? "" : t.grain().label()), g -> new ArrayList<>()).add(p);
        }
        List<RuleProblem> problems = new ArrayList<>();
        for (List<PlacedThreshold> group : groups.values()) {
            for (int i = 0; i < group.size(); i++) {
                for (int j = i + 1; j < group.size(); j++) {
                    compare(group.get(i), group.get(j), problems);
                }
            }
        }
        problems.sort(Comparator.comparing(RuleProblem::file).thenComparingInt(RuleProblem::line));
        return problems;
    }

    private static void compare(PlacedThreshold pa, PlacedThreshold pb, List<RuleProblem> problems) {
        Threshold a = pa.threshold();
        Threshold b = pb.threshold();
        if (!keysOverlap(a, b) || !Objects.equals(a.unit(), b.unit())) {
            return;
        }
        String pair = "thresholds `" + a.id() + "` (" + pa.file() + ":" + pa.line() + ") and `" + b.id() + "`";
        if (a.operator().upper() != b.operator().upper()) {
            Threshold upper = a.operator().upper() ? a : b;
            Threshold lower = a.operator().upper() ? b : a;
            if (upper.limit() < lower.limit() || upper.limit() == lower.limit()
                    && upper.operator().test(upper.limit(), upper.limit()) && lower.operator().test(lower.limit(), lower.limit())) {
                problems.add(RuleProblem.error(pb.file(), pb.line(), "R202", "contradictory " + pair + ": a value "
                        + describe(upper) + " and " + describe(lower) + " breaches both",
                        "check whether the limits are swapped"));
            }
            return;
        }
        if (!a.forDuration().equals(b.forDuration()) || a.forBuckets() != b.forBuckets()) {
            return;
        }
        if (a.limit() == b.limit() && a.operator() == b.operator()) {
            if (a.severity() == b.severity()) {
                problems.add(RuleProblem.warning(pb.file(), pb.line(), "R201", "duplicate " + pair + ": both alert "
                        + describe(a) + " with severity " + a.severity(), "remove one of them"));
            } else {
                problems.add(RuleProblem.error(pb.file(), pb.line(), "R202", "contradictory " + pair + ": both alert "
                        + describe(a) + " but one is " + a.severity() + " and the other " + b.severity(),
                        "keep one severity per range"));
            }
            return;
        }
        Threshold stricter = a.operator().upper() == (a.limit() > b.limit()) ? a : b;
        Threshold looser = stricter == a ? b : a;
        if (stricter.severity().compareTo(looser.severity()) < 0) {
            problems.add(RuleProblem.error(pb.file(), pb.line(), "R202", "contradictory " + pair + ": every value "
                    + describe(stricter) + " also breaches `" + looser.id() + "` (" + describe(looser) + "), yet the stricter `"
                    + stricter.id() + "` is " + stricter.severity() + " and the looser one " + looser.severity(),
                    "give the stricter limit the higher severity"));
        }
    }

    private static boolean keysOverlap(Threshold a, Threshold b) {
        return a.key() == null || b.key() == null || a.key().equals(b.key());
    }

    private static String describe(Threshold t) {
        return t.operator().symbol() + " " + t.limit() + (t.unit() == null ? "" : " " + t.unit());
    }
}
