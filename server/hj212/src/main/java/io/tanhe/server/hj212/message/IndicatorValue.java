package io.tanhe.server.hj212.message;

import io.tanhe.server.hj212.DataFlag;
import io.tanhe.server.hj212.FieldSuffix;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * One indicator of an upload: its field code, its values by suffix, and its data flag, e.g. CO2
 * ({@code a05001}) with {@code Cou = 12.5} (kg) and flag {@code N}.
 *
 * @param code   the field code
 * @param values at least one numeric value by suffix
 * @param flag   the data flag
 */
public record IndicatorValue(String code, Map<FieldSuffix, BigDecimal> values, DataFlag flag) {

    public IndicatorValue {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(flag, "flag");
        if (values.isEmpty()) {
            throw new IllegalArgumentException("indicator " + code + " has no value");
        }
        values.forEach((suffix, value) -> {
            if (!suffix.numeric()) {
                throw new IllegalArgumentException("-" + suffix.text() + " of " + code + " is not a numeric suffix");
            }
            Objects.requireNonNull(value, code + "-" + suffix.text());
        });
        values = Collections.unmodifiableMap(new EnumMap<>(values));
    }

    /** A real-time value ({@code -Rtd}). */
    public static IndicatorValue realtime(String code, BigDecimal rtd, DataFlag flag) {
        return new IndicatorValue(code, Map.of(FieldSuffix.RTD, rtd), flag);
    }

    /** A period amount ({@code -Cou}), as carbon platforms mostly want. */
    public static IndicatorValue amount(String code, BigDecimal cou, DataFlag flag) {
        return new IndicatorValue(code, Map.of(FieldSuffix.COU, cou), flag);
    }
}
