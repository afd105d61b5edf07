package io.tanhe.drivers.cjt188;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The values a 901F reply carries (protocols.md §3.3). Water and gas meters carry
 * {@link #CUMULATIVE_FLOW} and {@link #SETTLEMENT_FLOW}; heat meters carry the rest and
 * {@link #CUMULATIVE_FLOW}.
 */
public enum MeterField {
    SETTLEMENT_HEAT("settlement-heat"),
    CURRENT_HEAT("current-heat"),
    HEAT_POWER("heat-power"),
    FLOW_RATE("flow-rate"),
    CUMULATIVE_FLOW("cumulative-flow"),
    SETTLEMENT_FLOW("settlement-flow"),
    SUPPLY_TEMPERATURE("supply-temperature"),
    RETURN_TEMPERATURE("return-temperature"),
    WORKING_HOURS("working-hours");

    private final String key;

    MeterField(String key) {
        this.key = key;
    }

    /** The name used in configurations, e.g. {@code current-heat}. */
    public String key() {
        return key;
    }

    /** Whether a 901F reply of a meter of {@code kind} carries this field. */
    public boolean carriedBy(MeterType.Kind kind) {
        return switch (kind) {
            case WATER, GAS -> this == CUMULATIVE_FLOW || this == SETTLEMENT_FLOW;
            case HEAT -> this != SETTLEMENT_FLOW;
            default -> false;
        };
    }

    /** The field named {@code key} in a configuration. */
    public static MeterField ofKey(String key) {
        return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("`" + key + "` is not a CJ/T 188 901F field; use one of "
                        + Arrays.stream(values()).map(MeterField::key).collect(Collectors.joining(", "))));
    }
}
