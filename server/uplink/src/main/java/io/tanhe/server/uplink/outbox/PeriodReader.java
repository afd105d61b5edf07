package io.tanhe.server.uplink.outbox;

import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.Quality;
import io.tanhe.engine.units.Unit;
import io.tanhe.server.hj212.DataFlag;
import io.tanhe.server.hj212.profile.PlatformProfile;
import io.tanhe.server.store.BucketResult;
import io.tanhe.server.store.ResultStore;
import io.tanhe.server.store.ResultFilter;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.uplink.config.IndicatorConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Reads the stored results a centre reports, per period, as {@link UploadValue}s in the centre's
 * units. A result without a value ({@code MISSING}) is left out: HJ 212 has no flag for "no value",
 * and a platform reads an absent code as no data.
 *
 * <p>Quality becomes the HJ 212 data flag ([STD17] Table 8) by the centre's mapping (an HJ 212
 * profile's {@code flags}, else {@link PlatformProfile#DEFAULT_FLAGS}): by the flags' meaning, a figure
 * computed while the instruments (primary or backup) worked is {@code N}, also when an operand was
 * entered from a document (the lab's monthly carbon content: {@code S} is a value set by hand, which a
 * computed total is not); a value a rule filled in where nothing was read is {@code B}.
 *
 * <p>Several indicators may report the same result under different codes: each gets the value.
 */
public final class PeriodReader {
    private static final Logger LOG = LoggerFactory.getLogger(PeriodReader.class);

    private final ResultStore results;
    private final String centreId;
    private final List<IndicatorConfig> indicators;
    private final Map<String, Map<String, List<Integer>>> byNode = new LinkedHashMap<>();
    private final Map<String, BigDecimal> factors = new ConcurrentHashMap<>();
    private final Function<Quality, DataFlag> flags;

    /** Reads {@code indicators} with the default quality → flag mapping. */
    public PeriodReader(ResultStore results, String centreId, List<IndicatorConfig> indicators) {
        this(results, centreId, indicators, PeriodReader::defaultFlag);
    }

    /**
     * Reads {@code indicators} from {@code results} for the centre {@code centreId} (for messages).
     *
     * @param flags the data flag of each quality (never called with MISSING)
     */
    public PeriodReader(ResultStore results, String centreId, List<IndicatorConfig> indicators,
                        Function<Quality, DataFlag> flags) {
        this.results = results;
        this.centreId = centreId;
        this.indicators = List.copyOf(indicators);
        this.flags = flags;
        for (int i = 0; i < this.indicators.size(); i++) {
            IndicatorConfig ind = this.indicators.get(i);
            byNode.computeIfAbsent(ind.node(), n -> new HashMap<>()).computeIfAbsent(ind.key(), k -> new ArrayList<>()).add(i);
        }
    }

    /** The quality → flag mapping of an HJ 212 profile. */
    public static Function<Quality, DataFlag> flagsOf(PlatformProfile profile) {
        return q -> profile.flag(q.name());
    }

    /**
     * The values per period start (in period order; indicators in configuration order) of {@code grain}
     * buckets starting in {@code range}. One scan per result node, however many keys it has.
     *
     * @param manual whether an operator re-sends them; it does not change the flags (a re-sent measured
     *               figure is still {@code N}: [STD17] Table 8's {@code S} is a value set by hand)
     */
    public Map<Instant, List<UploadValue>> read(Grain grain, TimeRange range, boolean manual) {
        Map<Instant, UploadValue[]> byPeriod = new TreeMap<>();
        for (Map.Entry<String, Map<String, List<Integer>>> node : byNode.entrySet()) {
            Map<String, List<Integer>> keys = node.getValue();
            results.scan(ResultFilter.of(range).node(node.getKey()).grain(grain), stored -> {
                List<Integer> slots = keys.get(stored.result().key());
                BucketResult r = stored.result();
                if (slots == null || r.quality() == Quality.MISSING) {
                    return;
                }
                for (int slot : slots) {
                    IndicatorConfig ind = indicators.get(slot);
                    try {
                        byPeriod.computeIfAbsent(r.bucketStart(), t -> new UploadValue[indicators.size()])[slot] = value(ind, r);
                    } catch (RuntimeException e) {
                        LOG.error("uplink {}: indicator {} ({}[{}]) at {} is not reported: {}", centreId, ind.code(),
                                ind.node(), ind.key(), r.bucketStart(), e.getMessage());
                    }
                }
            });
        }
        Map<Instant, List<UploadValue>> out = new LinkedHashMap<>();
        byPeriod.forEach((t, values) -> {
            List<UploadValue> list = Arrays.stream(values).filter(Objects::nonNull).toList();
            if (!list.isEmpty()) {
                out.put(t, list);
            }
        });
        return out;
    }

    private UploadValue value(IndicatorConfig ind, BucketResult r) {
        BigDecimal v = BigDecimal.valueOf(r.value());
        String unit = r.unit();
        if (ind.unit().isPresent() && !ind.unit().get().equals(r.unit())) {
            v = v.multiply(factor(r.unit(), ind.unit().get()), MathContext.DECIMAL64);
            unit = ind.unit().get();
        }
        v = v.stripTrailingZeros();
        if (v.scale() < 0) {
            v = v.setScale(0);
        }
        return new UploadValue(ind.code(), v, unit, flags.apply(r.quality()));
    }

    private BigDecimal factor(String from, String to) {
        return factors.computeIfAbsent(from + "->" + to,
                k -> Unit.parse(from).conversionFactor(Unit.parse(to), MathContext.DECIMAL64));
    }

    /** {@link PlatformProfile#DEFAULT_FLAGS}: the mapping of centres without an HJ 212 profile (HTTPS). */
    public static DataFlag defaultFlag(Quality q) {
        return q == Quality.MISSING ? DataFlag.B : PlatformProfile.DEFAULT_FLAGS.get(q.name().toLowerCase(java.util.Locale.ROOT));
    }
}
