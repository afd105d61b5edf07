package io.tanhe.server.hj212.profile;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Optional;

/**
 * Which command code (CN) carries which kind of indicator upload. The HJ 212-2017 defaults are
 * real-time 2011, minute 2051, hourly 2061, daily 2031 ([STD17] Table 9, protocols.md §1.4); the
 * standard has no monthly upload, so {@code monthly} is empty unless a platform defines one.
 *
 * @param realtime CN of real-time data
 * @param minute   CN of minute data (and of its retrieval request)
 * @param hourly   CN of hourly data
 * @param daily    CN of daily data
 * @param monthly  CN of monthly data, or {@code null} when the platform has none
 */
public record IndicatorCommands(String realtime, String minute, String hourly, String daily, String monthly) {
    /** The HJ 212-2017 codes. */
    public static final IndicatorCommands HJ212_2017 = new IndicatorCommands("2011", "2051", "2061", "2031", null);

    /** Reads the profile's {@code commands:} object; a missing key keeps the HJ 212-2017 code. */
    @JsonCreator
    static IndicatorCommands read(@JsonProperty("realtime") String realtime, @JsonProperty("minute") String minute,
                                  @JsonProperty("hourly") String hourly, @JsonProperty("daily") String daily,
                                  @JsonProperty("monthly") String monthly) {
        return new IndicatorCommands(realtime == null ? HJ212_2017.realtime : realtime,
                minute == null ? HJ212_2017.minute : minute, hourly == null ? HJ212_2017.hourly : hourly,
                daily == null ? HJ212_2017.daily : daily, monthly);
    }

    /** The monthly CN, if the platform has one. */
    public Optional<String> monthlyCn() {
        return Optional.ofNullable(monthly);
    }
}
