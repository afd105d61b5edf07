package io.tanhe.server.hj212;

import io.tanhe.server.hj212.message.DataKind;
import io.tanhe.server.hj212.message.IndicatorValue;
import io.tanhe.server.hj212.message.QnSequence;
import io.tanhe.server.hj212.message.TerminalMessages;
import io.tanhe.server.hj212.profile.InvalidProfileException;
import io.tanhe.server.hj212.profile.PlatformProfile;
import io.tanhe.server.hj212.profile.PlatformProfiles;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Flue-gas CO2 does not fit HJ 212-2017 Table B.2's default type for a05001 (N3.3, at most 999.999): a profile that
 * gives CO2 fewer than six integer digits is refused when loaded, and CO2 goes out whole in the width it has.
 */
class Co2WidthTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-03T02:00:00.123Z"), ZoneOffset.UTC);

    @Test
    void theCodecUnderTestReproducesTheStandardsAppendixAVector() throws Exception {
        DecodedPacket p = Hj212Codec.decode(Packets.EXAMPLE.getBytes(StandardCharsets.US_ASCII));
        assertEquals(Packets.EXAMPLE, new String(Hj212Codec.encode(p.segment()), StandardCharsets.US_ASCII));
    }

    @Test
    void tableB2sN33ForCo2IsRefusedWithTheFieldAndWhatToGive() {
        InvalidProfileException e = assertThrows(InvalidProfileException.class, () -> PlatformProfiles.parse(
                "mn: A1\npassword: '123456'\nfields: {a05001: {unit: mg/m3, format: N3.3}}\n", "p.yaml", false));
        assertEquals(1, e.problems().size(), e.problems().toString());
        String m = e.problems().getFirst();
        assertTrue(m.startsWith("fields.a05001.format: N3.3 carries at most 999.999, too little for CO2"), m);
        assertTrue(m.endsWith("give at least N6 (e.g. N12.3) or the width agreed with the platform"), m);
    }

    @Test
    void aNarrowDefaultFormatIsRefusedWhenCo2HasNoFormatOfItsOwn() {
        InvalidProfileException e = assertThrows(InvalidProfileException.class, () -> PlatformProfiles.parse(
                "mn: A1\npassword: '123456'\ndefault_format: N5.1\n", "p.yaml", false));
        assertTrue(e.problems().getFirst().startsWith("default_format (the format of CO2 code a05001): N5.1 carries at most 99999.9,"),
                e.problems().toString());
        PlatformProfile own = PlatformProfiles.parse("mn: A1\npassword: '123456'\ndefault_format: N5.1\n"
                + "fields: {a05001: {unit: kg, format: N12.3}}\n", "p.yaml", false);
        assertEquals("N12.3", own.format("a05001").text(), "a narrow default is fine when CO2 has its own width");
    }

    @Test
    void flueGasCo2InMgPerCubicMetreGoesOutWholeAndDecodesToTheSameNumber() throws Exception {
        PlatformProfile profile = PlatformProfiles.parse("mn: LOGGER0000000001\npassword: '123456'\n"
                + "fields: {a05001: {unit: mg/m3, format: N6.3}}\n", "p.yaml", false);
        List<DataSegment> parts = new TerminalMessages(profile).upload(DataKind.HOURLY, LocalDateTime.of(2024, 6, 3, 10, 0),
                List.of(new IndicatorValue("a05001", Map.of(FieldSuffix.AVG, new BigDecimal("196000.4567"),
                        FieldSuffix.MAX, new BigDecimal("999999.999")), DataFlag.N)), false, new QnSequence(CLOCK));
        DataSegment back = Hj212Codec.decode(Hj212Codec.encode(parts.getFirst())).segment();
        assertEquals("196000.457", field(back, "a05001-Avg"), "rounded half up to the format's decimals, never cut");
        assertEquals("999999.999", field(back, "a05001-Max"));
        IllegalArgumentException tooLarge = assertThrows(IllegalArgumentException.class, () -> new TerminalMessages(profile).upload(
                DataKind.REALTIME, LocalDateTime.of(2024, 6, 3, 10, 0),
                List.of(IndicatorValue.realtime("a05001", new BigDecimal("1000000"), DataFlag.N)), false, new QnSequence(CLOCK)));
        assertEquals("a05001-Rtd: 1000000 has 7 integer digits; N6.3 allows 6", tooLarge.getMessage());
    }

    @Test
    void theDefaultWidthCarriesAYearOfAStacksCo2InKg() throws Exception {
        PlatformProfile profile = PlatformProfile.of("p", "A1", "123456");
        List<DataSegment> parts = new TerminalMessages(profile).upload(DataKind.DAILY, LocalDateTime.of(2024, 6, 3, 0, 0),
                List.of(IndicatorValue.amount("a05001", new BigDecimal("4380000000.25"), DataFlag.N)), false, new QnSequence(CLOCK));
        assertEquals("4380000000.25", field(Hj212Codec.decode(Hj212Codec.encode(parts.getFirst())).segment(), "a05001-Cou"));
    }

    private static String field(DataSegment s, String name) {
        return s.cp().items().stream().flatMap(i -> i.fields().stream()).filter(f -> f.name().equals(name))
                .map(CpField::value).findFirst().orElseThrow(() -> new AssertionError("no " + name + " in " + s.text()));
    }
}
