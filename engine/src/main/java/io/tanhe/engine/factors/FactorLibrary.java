package io.tanhe.engine.factors;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * An immutable set of factor values, looked up by factor, index key and the measurement date of
 * the value being computed (never the wall clock).
 *
 * <p>Within one library no two values of the same factor and key are valid on the same day, and
 * all values of a factor have units of one dimension; {@link #of} rejects anything else. A site
 * library layered on top with {@link #overriddenBy(FactorLibrary)} wins wherever it has a value.
 */
public final class FactorLibrary {

    private static final Comparator<FactorValue> BY_KEY_THEN_START = Comparator
            .comparing(FactorValue::key)
            .thenComparing(FactorValue::validFrom, Comparator.nullsFirst(Comparator.naturalOrder()));

    private final String id;
    private final String version;
    /** Highest priority first; each maps factor → key → values sorted by start of validity. */
    private final List<Map<String, Map<String, List<FactorValue>>>> layers;

    private FactorLibrary(String id, String version, List<Map<String, Map<String, List<FactorValue>>>> layers) {
        this.id = id;
        this.version = version;
        this.layers = List.copyOf(layers);
    }

    /**
     * A library without an id or version of its own (both {@code ""}); see {@link #of(String, String, Collection)}.
     *
     * @throws FactorConflictException listing every pair of overlapping or dimension-mixing values
     */
    public static FactorLibrary of(Collection<FactorValue> values) {
        return of("", "", values);
    }

    /**
     * A library of {@code values}, named by the table it was loaded from.
     *
     * @throws FactorConflictException listing every pair of overlapping or dimension-mixing values
     */
    public static FactorLibrary of(String id, String version, Collection<FactorValue> values) {
        List<FactorValue> list = List.copyOf(values);
        List<FactorConflict> conflicts = FactorConflict.among(list);
        if (!conflicts.isEmpty()) {
            throw new FactorConflictException(conflicts);
        }
        return new FactorLibrary(id, version, List.of(index(list)));
    }

    private static Map<String, Map<String, List<FactorValue>>> index(List<FactorValue> values) {
        Map<String, Map<String, List<FactorValue>>> index = new LinkedHashMap<>();
        for (FactorValue value : values) {
            index.computeIfAbsent(value.factor(), f -> new LinkedHashMap<>())
                    .computeIfAbsent(value.key(), k -> new ArrayList<>())
                    .add(value);
        }
        index.replaceAll((factor, byKey) -> {
            byKey.replaceAll((key, list) -> list.stream().sorted(BY_KEY_THEN_START).toList());
            return Collections.unmodifiableMap(byKey);
        });
        return Collections.unmodifiableMap(index);
    }

    /**
     * The value of {@code factor} for {@code key} ({@code ""} for a scalar factor) valid on
     * {@code on}, the measurement date of the value being computed. Empty when there is none: the
     * caller reports a missing factor, never uses zero.
     */
    public Optional<FactorValue> lookup(String factor, String key, LocalDate on) {
        for (Map<String, Map<String, List<FactorValue>>> layer : layers) {
            Optional<FactorValue> found = layer.getOrDefault(factor, Map.of()).getOrDefault(key, List.of()).stream()
                    .filter(v -> v.validOn(on))
                    .findFirst();
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /**
     * Every value of {@code factor}, sorted by key and start of validity; for a layered library the
     * overriding values come first.
     */
    public List<FactorValue> values(String factor) {
        return layers.stream()
                .flatMap(layer -> layer.getOrDefault(factor, Map.of()).values().stream()
                        .flatMap(List::stream).sorted(BY_KEY_THEN_START))
                .toList();
    }

    /** Every value in the library, overriding layers first. */
    public List<FactorValue> values() {
        return factorNames().stream().flatMap(f -> values(f).stream()).toList();
    }

    /** The keys under which {@code factor} has values, sorted. */
    public Set<String> keys(String factor) {
        Set<String> keys = new TreeSet<>();
        layers.forEach(layer -> keys.addAll(layer.getOrDefault(factor, Map.of()).keySet()));
        return Collections.unmodifiableSet(keys);
    }

    /** The names of all factors, sorted. */
    public Set<String> factorNames() {
        Set<String> names = new TreeSet<>();
        layers.forEach(layer -> names.addAll(layer.keySet()));
        return Collections.unmodifiableSet(names);
    }

    /**
     * This library with {@code site} layered on top: for a factor and key, a site value valid on the
     * date wins; otherwise this library answers. The result's id and version read
     * {@code "<site> over <this>"}.
     *
     * @throws FactorConflictException if a site factor's unit has another dimension than this library's
     */
    public FactorLibrary overriddenBy(FactorLibrary site) {
        List<FactorConflict> conflicts = new ArrayList<>();
        for (String factor : site.factorNames()) {
            Optional<FactorValue> ours = values(factor).stream().findFirst();
            site.values(factor).stream()
                    .filter(theirs -> ours.isPresent() && !ours.get().parsedUnit().isCompatible(theirs.parsedUnit()))
                    .findFirst()
                    .ifPresent(theirs -> conflicts.add(
                            new FactorConflict(FactorConflict.Kind.MIXED_DIMENSIONS, ours.get(), theirs)));
        }
        if (!conflicts.isEmpty()) {
            throw new FactorConflictException(conflicts);
        }
        return new FactorLibrary(site.id + " over " + id, site.version + " over " + version,
                Stream.concat(site.layers.stream(), layers.stream()).toList());
    }

    /** The id of the table the library was loaded from, e.g. {@code cn.fossil-fuels-2013}. */
    public String id() {
        return id;
    }

    public String version() {
        return version;
    }

    @Override
    public String toString() {
        return "FactorLibrary[" + id + " " + version + ", " + factorNames().size() + " factors]";
    }
}
