package io.tanhe.server.uplink.outbox;

import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.Quality;
import io.tanhe.engine.units.Unit;
import io.tanhe.server.hj212.DataFlag;
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
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the stored results a centre reports, per period, as {@link UploadValue}s in the centre's
 * units. A result without a value ({@code MISSING}) is left out: HJ 212 has no flag for "no value",
 * and a platform reads an absent code as no data.
 *
 * <p>Quality becomes the HJ 212 data flag ([STD17] Table 8): measured and backup-instrument values
 * are {@code N}, operator-entered values {@code S} (manually entered), values a rule substituted
 * where nothing was read {@code B} (communication failure between instrument and logger, the usual
 * cause of a gap).
 */
public final class PeriodReader {
    private static final Logger LOG = LoggerFactory.getLogger(PeriodReader.class);

    private final ResultStore results;
    private final String centreId;
    private final List<IndicatorConfig> indicators;
    private final Map<String, Map<String, Integer>> byNode = new LinkedHashMap<>();
    private final Map<String, BigDecimal> factors = new ConcurrentHashMap<>();

    /** Reads {@code indicators} from {@code results} for the centre {@code centreId} (for messages). */
    public PeriodReader(ResultStore results, String centreId, List<IndicatorConfig> indicators) {
        this.results = results;
        this.centreId = centreId;
        this.indicators = List.copyOf(indicators);
        for (int i = 0; i < this.indicators.size(); i++) {
            IndicatorConfig ind = this.indicators.get(i);
            byNode.computeIfAbsent(ind.node(), n -> new HashMap<>()).put(ind.key(), i);
        }
    }

    /**
     * The values per period start (in period order; indicators in configuration order) of {@code grain}
     * buckets starting in {@code range}. One scan per result node, however many keys it has.
     */
    public Map<Instant, List<UploadValue>> read(Grain grain, TimeRange range, boolean manual) {
        Map<Instant, UploadValue[]> byPeriod = new TreeMap<>();
        for (Map.Entry<String, Map<String, Integer>> node : byNode.entrySet()) {
            Map<String, Integer> keys = node.getValue();
            results.scan(ResultFilter.of(range).node(node.getKey()).grain(grain), stored -> {
                Integer slot = keys.get(stored.result().key());
                BucketResult r = stored.result();
                if (slot == null || r.quality() == Quality.MISSING) {
                    return;
                }
                IndicatorConfig ind = indicators.get(slot);
                try {
                    byPeriod.computeIfAbsent(r.bucketStart(), t -> new UploadValue[indicators.size()])[slot] = value(ind, r, manual);
                } catch (RuntimeException e) {
                    LOG.error("uplink {}: indicator {} ({}[{}]) at {} is not reported: {}", centreId, ind.code(),
                            ind.node(), ind.key(), r.bucketStart(), e.getMessage());
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

    private UploadValue value(IndicatorConfig ind, BucketResult r, boolean manual) {
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
        return new UploadValue(ind.code(), v, unit, manual ? DataFlag.S : flag(r.quality()));
    }

    private BigDecimal factor(String from, String to) {
        return factors.computeIfAbsent(from + "->" + to,
                k -> Unit.parse(from).conversionFactor(Unit.parse(to), MathContext.DECIMAL64));
    }

    static DataFlag flag(Quality q) {
        return switch (q) {
            case MEASURED, ESTIMATED -> DataFlag.N;
            case MANUAL -> DataFlag.S;
            case SUBSTITUTED, MISSING -> DataFlag.B;
        };
    }
}
