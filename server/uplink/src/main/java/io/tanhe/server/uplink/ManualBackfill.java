package io.tanhe.server.uplink;

import io.tanhe.engine.time.Grain;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.uplink.config.CentreConfig;
import io.tanhe.server.uplink.config.IndicatorConfig;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An operator's request to re-send corrected data (section 7.2.4 (5) 人工补传): the current results of
 * {@code grain} buckets starting in {@code range}, to one centre or all, of every reported indicator or only
 * the ones named. The uploads go out marked as manual ({@code "manual": true} over HTTPS; HJ 212 {@code RF=1}
 * where the platform's profile uses it) and the request is recorded in the event log.
 *
 * @param centreIdOrNull the centre, or null for every centre
 * @param grain          15min, hour, day or month
 * @param range          bucket starts
 * @param operator       who asked
 * @param reason         why (e.g. "meter M3 replaced, readings corrected")
 * @param indicators     the indicators to send, each a centre's code (HJ 212 {@code a05001}) or a result node
 *                       ({@code E}: every indicator the centre reports from it); empty for every indicator
 */
public record ManualBackfill(String centreIdOrNull, Grain grain, TimeRange range, String operator, String reason,
                             Set<String> indicators) {

    public ManualBackfill {
        Objects.requireNonNull(grain, "grain");
        Objects.requireNonNull(range, "range");
        if (operator == null || operator.isBlank()) {
            throw new IllegalArgumentException("a manual backfill names the operator who asks for it");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a manual backfill gives its reason");
        }
        indicators = Set.copyOf(indicators);
    }

    /** A backfill of every indicator. */
    public ManualBackfill(String centreIdOrNull, Grain grain, TimeRange range, String operator, String reason) {
        this(centreIdOrNull, grain, range, operator, reason, Set.of());
    }

    /** The centre, when the backfill is for one centre only. */
    public Optional<String> centreId() {
        return Optional.ofNullable(centreIdOrNull);
    }

    /** The codes of {@code centre}'s indicators this backfill sends: all of them when it names none. */
    public Set<String> codesFor(CentreConfig centre) {
        return centre.indicators().stream().filter(this::selects).map(IndicatorConfig::code)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The named indicators that none of {@code centres} reports, sorted; empty when all are known. */
    public List<String> unknownIn(Collection<CentreConfig> centres) {
        return indicators.stream().sorted()
                .filter(name -> centres.stream().flatMap(c -> c.indicators().stream())
                        .noneMatch(i -> i.code().equals(name) || i.node().equals(name)))
                .toList();
    }

    /** The named indicators that {@code centre} reports (by code or node). */
    public Set<String> ownedBy(CentreConfig centre) {
        return indicators.stream().filter(name -> centre.indicators().stream()
                .anyMatch(i -> i.code().equals(name) || i.node().equals(name))).collect(Collectors.toUnmodifiableSet());
    }

    /** Every code and node {@code centres} report, for an error message that says what may be named. */
    public static List<String> namesIn(Collection<CentreConfig> centres) {
        Set<String> names = new LinkedHashSet<>();
        centres.forEach(c -> c.indicators().forEach(i -> names.add(i.code() + " (" + i.node()
                + (i.key().isEmpty() ? "" : "[" + i.key() + "]") + ")")));
        return List.copyOf(names);
    }

    private boolean selects(IndicatorConfig i) {
        return indicators.isEmpty() || indicators.contains(i.code()) || indicators.contains(i.node());
    }
}
