package io.tanhe.drivers.cjt188;

import com.fasterxml.jackson.databind.JsonNode;
import io.tanhe.drivers.MeterVectors;
import io.tanhe.drivers.frame.Hex;
import io.tanhe.drivers.frame.MalformedFrameException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every CJ/T 188 vector of the shared reference. */
class Cjt188VectorsTest {
    private static final String P = "CJT188-2004";

    @Test
    void everyReferenceVectorIsCoveredHere() {
        assertEquals(10, MeterVectors.of(P).size());
    }

    @Test
    void coldWaterReadRequestIsBuiltByteForByte() throws MalformedFrameException {
        JsonNode v = MeterVectors.described(P, "Read data 0x01, T=10");
        Cjt188Layout noPreamble = new Cjt188Layout(Cjt188Layout.ValueOrder.LSB_FIRST, Cjt188Layout.DiOrder.HIGH_FIRST,
                Cjt188Layout.UnitPosition.AFTER, 0);
        Cjt188Frame request = Cjt188Requests.readCurrentData(MeterType.COLD_WATER, Cjt188Address.parse("12"), 0, noPreamble);
        assertEquals(v.path("hex_or_text").asText(), Hex.of(Cjt188Codec.encode(request, 0)));
        Cjt188Frame decoded = Cjt188Codec.decode(Hex.parse(v.path("hex_or_text").asText()));
        assertEquals(request, decoded);
        assertEquals(v.path("expected").path("L").asInt(), decoded.data().length);
    }

    @Test
    void requestWithSerOneIsBuiltByteForByte() {
        JsonNode v = MeterVectors.described(P, "Read request, meter 20151027058800");
        Cjt188Address address = Cjt188Address.parse(v.path("expected").path("addr_display").asText());
        Cjt188Frame request = Cjt188Requests.readCurrentData(MeterType.COLD_WATER, address, 1, Cjt188Layout.STANDARD);
        assertEquals(v.path("hex_or_text").asText(), Hex.of(Cjt188Codec.encode(request, 0)));
    }

    @Test
    void lowFirstDiRequestIsBuiltByteForByte() {
        JsonNode v = MeterVectors.described(P, "Request from the same FoxEdge test with DI bytes 1F 90");
        Cjt188Layout lowFirst = new Cjt188Layout(Cjt188Layout.ValueOrder.LSB_FIRST, Cjt188Layout.DiOrder.LOW_FIRST,
                Cjt188Layout.UnitPosition.AFTER, 0);
        Cjt188Frame request = Cjt188Requests.readCurrentData(MeterType.COLD_WATER, Cjt188Address.parse("00000805000001"), 0, lowFirst);
        assertEquals(v.path("hex_or_text").asText(), Hex.of(Cjt188Codec.encode(request, 0)));
    }

    @Test
    void readAddressRequestIsBuiltByteForByte() {
        JsonNode v = MeterVectors.described(P, "Read address 0x03");
        assertEquals(v.path("hex_or_text").asText(), Hex.of(Cjt188Codec.encode(Cjt188Requests.readAddress(0, Cjt188Layout.STANDARD), 4)));
    }

    @Test
    void readAddressReplyNamesTheMeter() throws Exception {
        JsonNode v = MeterVectors.described(P, "Read address response 0x83");
        Cjt188Frame reply = Cjt188Codec.decode(Hex.parse(v.path("hex_or_text").asText()));
        MeterIdentity id = Cjt188Replies.identity(reply, Cjt188Requests.readAddress(0, Cjt188Layout.STANDARD));
        assertEquals(new MeterIdentity(MeterType.COLD_WATER, Cjt188Address.parse("12")), id);
    }

    @Test
    void waterReplyDecodesFlowAndSettlementWithUnit() throws Exception {
        MeterData d = decodeReply(MeterVectors.described(P, "Water meter 901F response 0x81, L=0x16"), "12", 0, Cjt188Layout.STANDARD);
        assertEquals(new Quantity(new BigDecimal("1000.10"), "m3"), d.value(MeterField.CUMULATIVE_FLOW).orElseThrow());
        assertEquals(new Quantity(new BigDecimal("1000.10"), "m3"), d.value(MeterField.SETTLEMENT_FLOW).orElseThrow());
        assertTrue(d.meterTime().isEmpty(), "an all-zero clock is no time");
        assertEquals(0xFF00, d.status(), "ST bytes 00 FF, first byte low");
    }

    @Test
    void waterReplyCarriesTheMeterClockSecondsFirst() throws Exception {
        JsonNode v = MeterVectors.described(P, "Water 901F response with real-time clock");
        MeterData d = decodeReply(v, "00201510270588", 1, Cjt188Layout.STANDARD);
        assertEquals(LocalDateTime.of(2017, 1, 9, 17, 20, 6), d.meterTime().orElseThrow());
        assertEquals(new BigDecimal("0.00"), d.value(MeterField.CUMULATIVE_FLOW).orElseThrow().value());
        assertEquals(0, d.status());
    }

    @Test
    void foxEdgeReplyDecodesTo123CubicMetres() throws Exception {
        MeterData d = decodeReply(MeterVectors.described(P, "Water 901F response from FoxEdge"), "00000805000001", 0, Cjt188Layout.STANDARD);
        assertEquals(new BigDecimal("123.00"), d.value(MeterField.CUMULATIVE_FLOW).orElseThrow().value());
    }

    @Test
    void unitFirstHeatMeterDecodesWithItsLayout() throws Exception {
        JsonNode v = MeterVectors.described(P, "Heat meter (T=20)");
        JsonNode e = v.path("expected");
        Cjt188Layout unitFirst = new Cjt188Layout(Cjt188Layout.ValueOrder.LSB_FIRST, Cjt188Layout.DiOrder.HIGH_FIRST,
                Cjt188Layout.UnitPosition.BEFORE, 2);
        MeterData d = decodeReply(v, "42590008210438", 0, unitFirst);
        assertEquals(MeterType.HEAT, d.type());
        assertQuantity(e, "settlement_heat_kWh", "kWh", d.value(MeterField.SETTLEMENT_HEAT).orElseThrow());
        assertQuantity(e, "current_heat_kWh", "kWh", d.value(MeterField.CURRENT_HEAT).orElseThrow());
        assertQuantity(e, "power_kW", "kW", d.value(MeterField.HEAT_POWER).orElseThrow());
        assertQuantity(e, "flow_m3h", "m3/h", d.value(MeterField.FLOW_RATE).orElseThrow());
        assertQuantity(e, "cumulative_flow_m3", "m3", d.value(MeterField.CUMULATIVE_FLOW).orElseThrow());
        assertQuantity(e, "supply_C", "°C", d.value(MeterField.SUPPLY_TEMPERATURE).orElseThrow());
        assertQuantity(e, "return_C", "°C", d.value(MeterField.RETURN_TEMPERATURE).orElseThrow());
        assertQuantity(e, "hours", "h", d.value(MeterField.WORKING_HOURS).orElseThrow());
        assertEquals(new BigDecimal("5328.19"), d.value(MeterField.CURRENT_HEAT).orElseThrow().value(), "digits kept");
        assertEquals(new BigDecimal("0.0000"), d.value(MeterField.FLOW_RATE).orElseThrow().value(), "XXXX.XXXX");
        assertEquals(LocalDateTime.of(2015, 3, 31, 23, 57, 26), d.meterTime().orElseThrow());
        assertEquals(0x0103, d.status());
        assertEquals("abnormal", d.valve());
    }

    @Test
    void unitFirstHeatMeterReadWithTheStandardLayoutIsRejectedPointingAtTheUnitPosition() throws MalformedFrameException {
        JsonNode v = MeterVectors.described(P, "Heat meter (T=20)");
        Cjt188Frame reply = Cjt188Codec.decode(Hex.parse(v.path("hex_or_text").asText()));
        Cjt188Frame asked = Cjt188Requests.readCurrentData(MeterType.HEAT, Cjt188Address.parse("42590008210438"), 0, Cjt188Layout.STANDARD);
        MalformedFrameException ex = assertThrows(MalformedFrameException.class, () -> Cjt188Replies.currentData(reply, asked, Cjt188Layout.STANDARD));
        assertTrue(ex.getMessage().contains("check the unit position"), ex.getMessage());
    }

    @Test
    void wrongChecksumIsRejectedNamingBothValues() {
        JsonNode v = MeterVectors.described(P, "NEGATIVE");
        assertFalse(v.path("expected").path("valid").asBoolean(true));
        MalformedFrameException e = assertThrows(MalformedFrameException.class, () -> Cjt188Codec.decode(Hex.parse(v.path("hex_or_text").asText())));
        assertEquals("CJ/T 188 checksum 0x24, expected 0x25", e.getMessage());
    }

    @Test
    void everyVectorChecksumAgreesWithTheCodec() {
        for (JsonNode v : MeterVectors.of(P)) {
            boolean decoded;
            try {
                Cjt188Frame f = Cjt188Codec.decode(Hex.parse(v.path("hex_or_text").asText()));
                assertEquals(v.path("expected").path("checksum_computed").asText(), v.path("hex_or_text").asText().split(" ")[
                        v.path("hex_or_text").asText().split(" ").length - 2], v.path("description").asText());
                decoded = f != null;
            } catch (MalformedFrameException e) {
                decoded = false;
            }
            assertEquals(v.path("expected").path("checksum_ok").asBoolean(), decoded, v.path("description").asText());
        }
    }

    private static MeterData decodeReply(JsonNode vector, String address, int ser, Cjt188Layout layout) throws Exception {
        Cjt188Frame reply = Cjt188Codec.decode(Hex.parse(vector.path("hex_or_text").asText()));
        Cjt188Frame asked = Cjt188Requests.readCurrentData(reply.type(), Cjt188Address.parse(address), ser, layout);
        return Cjt188Replies.currentData(reply, asked, layout);
    }

    private static void assertQuantity(JsonNode expected, String field, String unit, Quantity actual) {
        assertEquals(unit, actual.unit(), field);
        assertEquals(0, new BigDecimal(expected.path(field).asText()).compareTo(actual.value()), field + ": " + actual.value());
    }
}
