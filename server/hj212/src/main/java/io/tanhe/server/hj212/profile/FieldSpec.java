package io.tanhe.server.hj212.profile;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tanhe.server.hj212.ValueFormat;

import java.util.Optional;

/**
 * What a platform expects for one field code: the unit its values are in (HJ 212 sends bare numbers,
 * so the sender converts into this unit) and optionally the number format.
 *
 * @param unit   the unit of the code's amounts ({@code -Cou}), e.g. {@code kg} or {@code t}
 * @param format the number format such as {@code N14.3}, or {@code null} to write values as given
 */
public record FieldSpec(String unit, String format) {

    @JsonCreator
    static FieldSpec read(@JsonProperty("unit") String unit, @JsonProperty("format") String format) {
        return new FieldSpec(unit, format);
    }

    /** The parsed number format, if one is set. */
    public Optional<ValueFormat> valueFormat() {
        return Optional.ofNullable(format).map(ValueFormat::parse);
    }
}
