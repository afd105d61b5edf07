package io.tanhe.engine.time;

import io.tanhe.engine.graph.ComputationGraph;
import io.tanhe.engine.graph.Keys;
import io.tanhe.engine.graph.Node;
import io.tanhe.engine.graph.SetInfo;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The observations of all inputs of one methodology at one site, routed to one {@link Series} per
 * input and key. Series are created on the first observation of a key, with the settings configured
 * for that key or else for its input.
 *
 * <p>Not thread-safe, and lock-free on purpose: the caller serialises calls (the evaluator runs on
 * one thread). Adding a reading in time order allocates only the returned {@link Change} (and, now
 * and then, a doubled array of its series).
 */
public final class TimeModel {
    private final ZoneId zone;
    private final Map<String, InputEntry> inputs = new LinkedHashMap<>();

    /** One input's settings, key overrides and series. */
    private static final class InputEntry {
        final String name;
        final Node node;
        final List<SetInfo> sets;
        InputSettings settings;
        final Map<String, InputSettings> keySettings = new HashMap<>();
        final Map<String, Series> series = new LinkedHashMap<>();

        InputEntry(String name, Node node, List<SetInfo> sets, InputSettings settings) {
            this.name = name;
            this.node = node;
            this.sets = sets;
            this.settings = settings;
        }
    }

    /** An empty model in {@code zone}; declare inputs with {@link #configure(String, InputSettings)}. */
    public TimeModel(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /**
     * A model with every input node of {@code graph} declared with {@link InputSettings#defaultsFor};
     * keys are checked against the node's dimensions (their number, and members of closed sets).
     */
    public static TimeModel forGraph(ComputationGraph graph, ZoneId zone) {
        TimeModel model = new TimeModel(zone);
        for (Node node : graph.nodes()) {
            if (node.inputKind() != null) {
                List<SetInfo> sets = node.dimensions().stream()
                        .map(d -> graph.set(d).orElseThrow(() -> new IllegalArgumentException(
                                "input `" + node.name() + "` is indexed by unknown set `" + d + "`")))
                        .toList();
                model.inputs.put(node.name(), new InputEntry(node.name(), node, sets, InputSettings.defaultsFor(node)));
            }
        }
        return model;
    }

    public ZoneId zone() {
        return zone;
    }

    /**
     * Declares an input, or changes the settings of a declared one, for all its keys.
     *
     * @throws IllegalStateException when the input already has observations, or the kind of a
     *                               graph input would change
     */
    public TimeModel configure(String input, InputSettings settings) {
        InputEntry entry = inputs.get(input);
        if (entry == null) {
            inputs.put(input, new InputEntry(input, null, List.of(), settings));
            return this;
        }
        checkChangeable(entry, settings, "");
        entry.settings = settings;
        return this;
    }

    /** Settings for one key of a declared input, e.g. that meter's own rollover maximum. */
    public TimeModel configure(String input, String key, InputSettings settings) {
        InputEntry entry = declared(input, key, null);
        checkChangeable(entry, settings, key);
        entry.keySettings.put(key, settings);
        return this;
    }

    private void checkChangeable(InputEntry entry, InputSettings settings, String key) {
        if (key.isEmpty() ? !entry.series.isEmpty() : entry.series.containsKey(key)) {
            throw new IllegalStateException(ObservationException.where(entry.name, key)
                    + " already has observations; configure it before the first one");
        }
        if (entry.settings.kind() != settings.kind()) {
            throw new IllegalStateException("input `" + entry.name + "` is a " + kindOf(entry.settings)
                    + ", so it cannot take " + kindOf(settings) + " settings");
        }
        if (entry.node != null && !entry.node.unit().equals(settings.amountUnit())) {
            throw new IllegalStateException("input `" + entry.name + "` holds amounts in `" + entry.node.unit().text()
                    + "`, so its settings must too, not `" + settings.amountUnit().text() + "`");
        }
    }

    private static String kindOf(InputSettings s) {
        return switch (s.kind()) {
            case COUNTER -> "counter";
            case RATE -> "rate";
            case PERIOD -> "per-period quantity";
        };
    }

    /**
     * Takes one observation, late or not.
     *
     * @throws ObservationException for an undeclared input, a key that does not fit the input's
     *                              dimensions, a unit that does not convert, or a time before the retained window
     */
    public Change add(Observation observation) {
        return seriesFor(observation.input(), observation.key(), observation.timestamp()).add(observation);
    }

    /**
     * Takes a meter replacement of a counter input, late or not.
     *
     * @throws ObservationException as {@link #add}, or when the input is not a counter
     */
    public Change add(MeterReplacement replacement) {
        Series s = seriesFor(replacement.input(), replacement.key(), replacement.at());
        if (!(s instanceof CounterSeries counter)) {
            throw new ObservationException(replacement.input(), replacement.key(), replacement.at(),
                    "a meter replacement applies to counter inputs only, and this input is a " + kindOf(s.settings()));
        }
        return counter.replace(replacement);
    }

    /** The series of one key, if it has had an observation. */
    public Optional<Series> series(String input, String key) {
        InputEntry entry = inputs.get(input);
        return entry == null ? Optional.empty() : Optional.ofNullable(entry.series.get(key));
    }

    /** All series, by input in declaration order, then by key in order of first observation. */
    public List<Series> series() {
        List<Series> all = new ArrayList<>();
        inputs.values().forEach(e -> all.addAll(e.series.values()));
        return Collections.unmodifiableList(all);
    }

    /**
     * The amount of one input key in a bucket; {@link BucketAmount#missing} in the input's unit for a
     * key without observations.
     *
     * @throws IllegalArgumentException for an undeclared input
     */
    public BucketAmount amount(String input, String key, TimeBucket bucket) {
        InputEntry entry = inputs.get(input);
        if (entry == null) {
            throw new IllegalArgumentException(unknownInput(input));
        }
        Series s = entry.series.get(key);
        return s != null ? s.amount(bucket)
                : BucketAmount.missing(bucket, entry.keySettings.getOrDefault(key, entry.settings).amountUnit());
    }

    /** {@link Series#forgetBefore} for every series. */
    public void forgetBefore(Instant horizon) {
        inputs.values().forEach(e -> e.series.values().forEach(s -> s.forgetBefore(horizon)));
    }

    private Series seriesFor(String input, String key, Instant at) {
        InputEntry entry = inputs.get(input);
        Series s = entry == null ? null : entry.series.get(key);
        if (s == null) { // a key that has a series was checked when it got it
            entry = declared(input, key, at);
            s = create(entry, key);
            entry.series.put(key, s);
        }
        return s;
    }

    private InputEntry declared(String input, String key, Instant at) {
        InputEntry entry = inputs.get(input);
        if (entry == null) {
            throw new ObservationException(input, key, at, unknownInput(input));
        }
        if (entry.node != null) {
            checkKey(entry, key, at);
        }
        return entry;
    }

    private String unknownInput(String input) {
        return "no input `" + input + "` is declared; declared inputs: " + String.join(", ", inputs.keySet());
    }

    private static void checkKey(InputEntry entry, String key, Instant at) {
        List<String> parts = Keys.parts(key);
        if (parts.size() != entry.sets.size()) {
            throw new ObservationException(entry.name, key, at, "the key has " + parts.size()
                    + " member(s) but the input is indexed by " + entry.sets.size() + " set(s) "
                    + entry.node.dimensions() + "; join one member per set with \",\"");
        }
        for (int i = 0; i < parts.size(); i++) {
            SetInfo set = entry.sets.get(i);
            if (!set.open() && !set.members().contains(parts.get(i))) {
                throw new ObservationException(entry.name, key, at, "`" + parts.get(i) + "` is not a member of set `"
                        + set.name() + "` " + set.members());
            }
        }
    }

    private Series create(InputEntry entry, String key) {
        InputSettings settings = entry.keySettings.getOrDefault(key, entry.settings);
        return switch (settings.kind()) {
            case COUNTER -> new CounterSeries(entry.name, key, zone, (CounterSettings) settings);
            case RATE -> new RateSeries(entry.name, key, zone, (RateSettings) settings);
            case PERIOD -> new PeriodSeries(entry.name, key, zone, (PeriodSettings) settings);
        };
    }
}
