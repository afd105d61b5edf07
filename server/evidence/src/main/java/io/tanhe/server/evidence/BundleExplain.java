package io.tanhe.server.evidence;

import io.tanhe.engine.provenance.ExplanationText;
import io.tanhe.engine.time.Grain;
import io.tanhe.server.site.Site;
import io.tanhe.server.store.StoredResult;
import io.tanhe.server.store.jdbc.JdbcStore;
import io.tanhe.server.terminal.operations.StoredExplain;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The derivation of a figure from a bundle alone: the bundle's readings, results and revisions loaded into a
 * scratch store and explained by the terminal's own {@link StoredExplain} under the bundle's methodology and
 * packages. A year or a month ({@code --bucket 2026}, {@code 2026-03}) is the sum of its stored days, listed with
 * each day's value; explain a day for its tree.
 */
public final class BundleExplain {
    private BundleExplain() {
    }

    /**
     * The explanation as text.
     *
     * @param bucket a year ({@code 2026}), a month ({@code 2026-03}), a day ({@code 2026-03-02}) or a local time
     *               ({@code 2026-03-02T10:15}) in the site's zone
     * @param grain  the grain of a day or time bucket (day, hour, 15min, minute)
     * @throws IllegalArgumentException naming {@code bucket}, {@code grain}, {@code node} or {@code key} when it is not a figure
     */
    public static String explain(Bundle b, SiteReader reader, Path work, String node, String key, String bucket, String grain,
                                 Consumer<String> progress) throws IOException {
        ZoneId zone = b.zone();
        String t = bucket.strip();
        if (t.matches("\\d{4}") || t.matches("\\d{4}-\\d{2}")) {
            LocalDate first = t.length() == 4 ? Year.parse(t).atDay(1) : YearMonth.parse(t).atDay(1);
            LocalDate next = t.length() == 4 ? first.plusYears(1) : first.plusMonths(1);
            return sumOfDays(b, node, key, first, next, zone, t);
        }
        Instant at = t.matches("\\d{4}-\\d{2}-\\d{2}") ? LocalDate.parse(t).atStartOfDay(zone).toInstant() : LocalDateTime.parse(t).atZone(zone).toInstant();
        Grain g = Grain.fromLabel(grain);
        try (Site site = BundleSite.load(b, reader, work); JdbcStore store = ScratchStore.of(b, work.resolve("store"), true, java.util.Set.of(), progress)) {
            StoredExplain.Explained e;
            try {
                e = new StoredExplain(() -> site, store).explain(node, g, at, key);
            } catch (io.tanhe.server.terminal.operations.OperationRefused r) {
                throw new IllegalArgumentException(r.field() + ": " + r.getMessage());
            }
            StringBuilder out = new StringBuilder();
            if (e.explanation().isEmpty()) {
                out.append("no value of ").append(node).append(key.isEmpty() ? "" : "[" + key + "]").append(" could be rebuilt for the ")
                        .append(g.label()).append(" bucket at ").append(e.bucket().start().atZone(zone).toOffsetDateTime())
                        .append(" from the bundle's readings\n");
            } else {
                out.append(ExplanationText.render(e.explanation().get()));
            }
            out.append("stored revisions (oldest first)").append(e.matchesStored() ? "" : " — the replay above differs from the current stored value")
                    .append('\n');
            for (StoredResult r : e.revisions()) {
                out.append("  r").append(r.revision()).append("  ").append(r.result().value()).append(' ').append(r.result().unit()).append("  ")
                        .append(r.result().quality()).append("  ").append(r.result().methodology().id()).append(' ')
                        .append(r.result().methodology().version()).append("  revised ").append(r.result().revisedAt()).append("  ")
                        .append(r.result().reason()).append('\n');
            }
            return out.toString();
        }
    }

    private static String sumOfDays(Bundle b, String node, String key, LocalDate first, LocalDate next, ZoneId zone, String label)
            throws IOException {
        Instant from = first.atStartOfDay(zone).toInstant();
        Instant to = next.atStartOfDay(zone).toInstant();
        StringBuilder days = new StringBuilder();
        double[] sum = {0};
        int[] n = {0};
        String[] unit = {""};
        b.lines("results.jsonl", (o, where) -> {
            if (o.path("node").asText().equals(node) && o.path("key").asText("").equals(key) && o.path("grain").asText().equals(Grain.DAY.label())) {
                Instant start = Instant.parse(o.path("start").asText());
                if (!start.isBefore(from) && start.isBefore(to)) {
                    double v = o.path("value").asDouble();
                    sum[0] += v;
                    n[0]++;
                    unit[0] = o.path("unit").asText();
                    days.append(String.format(Locale.ROOT, "  ├─ %s  %.6f %s  r%d  %s%n", start.atZone(zone).toLocalDate(), v, unit[0],
                            o.path("revision").asInt(), o.path("reason").asText()));
                }
            }
        });
        if (n[0] == 0) {
            throw new IllegalArgumentException("node: no stored day of " + node + (key.isEmpty() ? "" : "[" + key + "]") + " in " + label
                    + " in this bundle (" + b.from() + " … " + b.to() + "); check --node and --key");
        }
        return String.format(Locale.ROOT, "%s%s %s = %.6f %s%n  the sum of %d stored days (a day's tree: --bucket %s)%n", node,
                key.isEmpty() ? "" : "[" + key + "]", label, sum[0], unit[0], n[0], first) + days;
    }
}
