package io.tanhe.server.recompute;

import io.tanhe.server.store.Limits;
import io.tanhe.server.store.RecomputeRequest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The reason written with recomputed results, naming the late data, e.g. {@code recomputed
 * 2026-10-03: 1 late reading of point lab.carbon received 2026-11-05T09:12Z}: per point, how many
 * readings and when the first arrived (UTC, to the minute).
 */
public final class LateDataText {
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);

    private LateDataText() {
    }

    /** The reason for a recompute of {@code day} asked for by {@code requests}; {@code trigger} says by whom when there are none. */
    static String reason(LocalDate day, List<RecomputeRequest> requests, String trigger) {
        String causes = causes(requests);
        return clip("recomputed " + day + (causes.isEmpty() ? " " + trigger : ": " + causes));
    }

    /** {@code text} cut to what the store keeps for a reason or message. */
    static String clip(String text) {
        return text.length() <= Limits.TEXT ? text : text.substring(0, Limits.TEXT - 1) + "…";
    }

    /**
     * The point id of a request that a configuration package's activation or rollback recorded: this prefix and
     * the package's name (e.g. {@code configuration package #3 ox-coal 2026.2 activated from 2026-12-05}); the
     * reason names it as it stands.
     */
    public static final String CONFIGURATION = "configuration ";

    private static String causes(List<RecomputeRequest> requests) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, Instant> first = new LinkedHashMap<>();
        List<String> configurations = new java.util.ArrayList<>();
        for (RecomputeRequest r : requests) {
            String point = r.late().pointId();
            if (point.startsWith(CONFIGURATION)) {
                if (!configurations.contains(point)) {
                    configurations.add(point);
                }
                continue;
            }
            counts.computeIfAbsent(point, p -> new int[1])[0] += r.late().readings();
            first.merge(point, r.late().firstReceivedAt(), (a, b) -> a.isBefore(b) ? a : b);
        }
        return java.util.stream.Stream.concat(configurations.stream(), counts.entrySet().stream().map(e -> e.getValue()[0]
                        + " late reading" + (e.getValue()[0] == 1 ? "" : "s") + " of point " + e.getKey() + " received "
                        + MINUTE.format(first.get(e.getKey()))))
                .collect(Collectors.joining("; "));
    }
}
