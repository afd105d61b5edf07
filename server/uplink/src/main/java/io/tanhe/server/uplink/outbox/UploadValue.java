package io.tanhe.server.uplink.outbox;

import io.tanhe.server.hj212.DataFlag;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One indicator's figure in an upload.
 *
 * @param code  the centre's code of the indicator, e.g. {@code a05001}
 * @param value the period amount, in {@code unit}
 * @param unit  the unit of {@code value}
 * @param flag  the HJ 212 data flag ([STD17] Table 8), derived from the result's quality
 */
public record UploadValue(String code, BigDecimal value, String unit, DataFlag flag) {

    public UploadValue {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(flag, "flag");
    }
}
