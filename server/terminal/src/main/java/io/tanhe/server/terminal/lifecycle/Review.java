package io.tanhe.server.terminal.lifecycle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a configuration would change: the dry-run replay of closed days under it, figure by figure (node,
 * key, bucket: stored, replayed, difference) and totals by emission class. Stored with a package for its
 * reviewers, printed by {@code tanhe replay}.
 *
 * @param from      the first day replayed
 * @param to        the day after the last
 * @param grain     the grain of the figures ({@code day} or {@code hour})
 * @param compared  how many figures were compared
 * @param figures   the figures, each with both values (only those that differ, when the review is stored)
 * @param totals    per emission class, the sums of the stored and the replayed figures
 * @param measuredLeftOut stored figures of the measurement method (CEMS, docs/cems.md) left out: they are measured, not
 *                  computed from the accounting methodology, so a replay has nothing to compare them with
 */
public record Review(LocalDate from, LocalDate to, String grain, int compared, List<Figure> figures, List<ClassTotal> totals,
                     int measuredLeftOut) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public Review {
        figures = List.copyOf(figures);
        totals = List.copyOf(totals);
    }

    /**
     * One figure.
     *
     * @param stored   the stored value; null when the store has none
     * @param replayed the replayed value; null when the replay gives none
     */
    public record Figure(String node, String key, Instant bucket, String unit, Double stored, Double replayed) {
        /** replayed − stored (a missing side counts as 0). */
        public double difference() {
            return (replayed == null ? 0 : replayed) - (stored == null ? 0 : stored);
        }
    }

    /** The sums of one emission class's figures. */
    public record ClassTotal(String emissionClass, String unit, double stored, double replayed) {
        public double difference() {
            return replayed - stored;
        }
    }

    /** How many figures differ. */
    public long differing() {
        return figures.stream().filter(f -> f.difference() != 0).count();
    }

    /** One line: days, figures compared and differing, and per class stored → replayed with the relative change. */
    public String summary() {
        String classes = totals.stream().map(t -> t.emissionClass() + " " + num(t.stored()) + " → " + num(t.replayed()) + " "
                + t.unit() + (t.stored() == 0 ? "" : String.format(Locale.ROOT, " (%+.2f %%)", 100 * t.difference() / t.stored())))
                .collect(Collectors.joining("; "));
        return from + " to " + to.minusDays(1) + ": " + compared + " " + grain + " figures compared, " + differing() + " differ"
                + (classes.isEmpty() ? "" : "; " + classes)
                + (measuredLeftOut == 0 ? "" : "; " + measuredLeftOut + " measured figures (CEMS) left out: measured, not recomputed");
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** As JSON (stored with the package, served by the API, printed by {@code tanhe replay --format json}). */
    public String toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("from", from.toString()).put("to", to.toString()).put("grain", grain).put("compared", compared)
                .put("differing", differing()).put("measuredLeftOut", measuredLeftOut).put("summary", summary());
        ArrayNode t = o.putArray("totals");
        for (ClassTotal c : totals) {
            t.addObject().put("class", c.emissionClass()).put("unit", c.unit()).put("stored", c.stored())
                    .put("replayed", c.replayed()).put("difference", c.difference());
        }
        ArrayNode f = o.putArray("figures");
        for (Figure x : figures) {
            ObjectNode row = f.addObject().put("node", x.node()).put("key", x.key()).put("bucket", x.bucket().toString())
                    .put("unit", x.unit());
            if (x.stored() == null) {
                row.putNull("stored");
            } else {
                row.put("stored", x.stored());
            }
            if (x.replayed() == null) {
                row.putNull("replayed");
            } else {
                row.put("replayed", x.replayed());
            }
            row.put("difference", x.difference());
        }
        return o.toString();
    }

    /** A review as {@link #toJson} wrote it. */
    public static Review fromJson(String json) {
        try {
            JsonNode o = JSON.readTree(json);
            List<ClassTotal> totals = new java.util.ArrayList<>();
            o.path("totals").forEach(c -> totals.add(new ClassTotal(c.path("class").asText(), c.path("unit").asText(),
                    c.path("stored").asDouble(), c.path("replayed").asDouble())));
            List<Figure> figures = new java.util.ArrayList<>();
            o.path("figures").forEach(x -> figures.add(new Figure(x.path("node").asText(), x.path("key").asText(),
                    Instant.parse(x.path("bucket").asText()), x.path("unit").asText(),
                    x.path("stored").isNull() ? null : x.path("stored").asDouble(),
                    x.path("replayed").isNull() ? null : x.path("replayed").asDouble())));
            return new Review(LocalDate.parse(o.path("from").asText()), LocalDate.parse(o.path("to").asText()),
                    o.path("grain").asText(), o.path("compared").asInt(), figures, totals, o.path("measuredLeftOut").asInt(0));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored review is not what this terminal wrote: " + e.getOriginalMessage(), e);
        }
    }
}
