package io.tanhe.drivers.dlt645;

import com.fasterxml.jackson.databind.JsonNode;
import io.tanhe.drivers.MeterVectors;
import io.tanhe.drivers.frame.AbnormalReplyException;
import io.tanhe.drivers.frame.Hex;
import io.tanhe.drivers.frame.MalformedFrameException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every DL/T 645 vector of the shared reference, plus the worked examples of protocols.md §2.2–2.3. */
class Dlt645VectorsTest {
    private static final DataIdentifier FORWARD_ENERGY = DataIdentifier.parse(Dlt645Version.V2007, "00010000");

    @Test
    void everyReferenceVectorIsCoveredHere() {
        assertEquals(4, MeterVectors.of("DLT645-2007").size());
        assertEquals(1, MeterVectors.of("DLT645-1997").size());
    }

    @Test
    void wildcardReadRequestIsBuiltByteForByte() {
        JsonNode v = MeterVectors.described("DLT645-2007", "Read data 0x11, wildcard");
        byte[] built = Dlt645Codec.encode(Dlt645Requests.readData(Dlt645Address.WILDCARD, FORWARD_ENERGY));
        assertEquals(v.path("hex_or_text").asText(), Hex.of(built));
    }

    @Test
    void wildcardReadRequestDecodes() throws MalformedFrameException {
        JsonNode v = MeterVectors.described("DLT645-2007", "Read data 0x11, wildcard");
        Dlt645Frame f = Dlt645Codec.decode(Hex.parse(v.path("hex_or_text").asText()));
        assertEquals(Integer.parseInt(v.path("expected").path("ctrl").asText(), 16), f.control());
        assertEquals(v.path("expected").path("di").asText(), DataIdentifier.fromWire(Dlt645Version.V2007, f.data(), 0).toString());
        assertEquals(Dlt645Address.WILDCARD, f.address());
    }

    @Test
    void readAddressRequestIsBuiltByteForByte() {
        assertEquals("FE FE FE FE 68 AA AA AA AA AA AA 68 13 00 DF 16", Hex.of(Dlt645Codec.encode(Dlt645Requests.readAddress())));
    }

    @Test
    void goldenResponseDecodesToZeroWithTwoDecimals() throws Exception {
        JsonNode v = MeterVectors.described("DLT645-2007", "Golden read-data response");
        Dlt645Frame f = Dlt645Codec.decode(Hex.parse(v.path("hex_or_text").asText()));
        assertEquals(v.path("expected").path("addr").asText(), f.address().digits());
        assertEquals(0x91, f.control());
        BigDecimal value = valueOf(f, Dlt645Address.parse("000072007201"));
        assertEquals(new BigDecimal("0.00"), value);
    }

    @Test
    void loggedResponseDecodesToFourHundredthsOfAKilowattHour() throws Exception {
        JsonNode v = MeterVectors.described("DLT645-2007", "Logged response, address 398192000337");
        Dlt645Frame f = Dlt645Codec.decode(Hex.parse(v.path("hex_or_text").asText()));
        assertEquals("398192000337", f.address().digits());
        assertEquals(new BigDecimal("0.04"), valueOf(f, f.address()));
        assertEquals(0, new BigDecimal(v.path("expected").path("value_kWh").asText()).compareTo(valueOf(f, f.address())));
    }

    @Test
    void wrongChecksumIsRejectedNamingBothValues() {
        JsonNode v = MeterVectors.described("DLT645-2007", "NEGATIVE");
        assertFalse(v.path("expected").path("valid").asBoolean(true));
        MalformedFrameException e = assertThrows(MalformedFrameException.class,
                () -> Dlt645Codec.decode(Hex.parse(v.path("hex_or_text").asText())));
        assertEquals("DL/T 645 checksum 0xFC, expected 0x" + v.path("expected").path("correct_cs").asText(), e.getMessage());
    }

    @Test
    void requestWithChecksum5AInsteadOfADIsRejected() {
        // protocols.md §2.3: "…33 33 33 33 5A 16, whose correct CS is AD" (read 00000000 to the wildcard)
        MalformedFrameException e = assertThrows(MalformedFrameException.class,
                () -> Dlt645Codec.decode(Hex.parse("68 AA AA AA AA AA AA 68 11 04 33 33 33 33 5A 16")));
        assertEquals("DL/T 645 checksum 0x5A, expected 0xAD", e.getMessage());
    }

    @Test
    void response1997DecodesWithTwoByteDi() throws Exception {
        JsonNode v = MeterVectors.of("DLT645-1997").get(0);
        Dlt645Frame f = Dlt645Codec.decode(Hex.parse(v.path("hex_or_text").asText()));
        assertEquals(0x81, f.control());
        DataIdentifier di = DataIdentifier.parse(Dlt645Version.V1997, v.path("expected").path("di_1997").asText());
        byte[] value = Dlt645Replies.dataValue(f, f.address(), di);
        BigDecimal decoded = DataItems.lookup(di).orElseThrow().format().decode(value, "9010");
        assertEquals(new BigDecimal("9580.15"), decoded);
    }

    @Test
    void liveReplyExampleDecodesTo12345Point67() throws Exception {
        // protocols.md §2.2: data after DI 9A 78 56 34 -> 012345.67 kWh
        assertEquals(new BigDecimal("12345.67"), decodeData(FORWARD_ENERGY, "9A 78 56 34"));
    }

    @Test
    void combinedEnergyWithSignBitIsNegative() throws Exception {
        // protocols.md §2.2: 83 83 33 B3 -> -50.50 kWh
        assertEquals(new BigDecimal("-50.50"), decodeData(DataIdentifier.parse(Dlt645Version.V2007, "00000000"), "83 83 33 B3"));
    }

    @Test
    void everyVectorChecksumAgreesWithTheCodec() {
        for (String protocol : List.of("DLT645-2007", "DLT645-1997")) {
            for (JsonNode v : MeterVectors.of(protocol)) {
                boolean ok = v.path("expected").path("checksum_ok").asBoolean();
                byte[] bytes = Hex.parse(v.path("hex_or_text").asText());
                boolean decoded;
                try {
                    Dlt645Codec.decode(bytes);
                    decoded = true;
                } catch (MalformedFrameException e) {
                    decoded = false;
                }
                assertEquals(ok, decoded, v.path("description").asText());
            }
        }
    }

    private static BigDecimal valueOf(Dlt645Frame f, Dlt645Address asked) throws MalformedFrameException, AbnormalReplyException {
        byte[] value = Dlt645Replies.dataValue(f, asked, FORWARD_ENERGY);
        return DataItems.lookup(FORWARD_ENERGY).orElseThrow().format().decode(value, "test");
    }

    private static BigDecimal decodeData(DataIdentifier di, String scrambled) throws Exception {
        byte[] wire = Hex.parse(scrambled);
        byte[] plain = new byte[wire.length];
        for (int i = 0; i < wire.length; i++) {
            plain[i] = (byte) (wire[i] - 0x33);
        }
        Dlt645Frame reply = new Dlt645Frame(Dlt645Address.parse("1"), 0x91, concat(di.toWire(), plain));
        Dlt645Frame roundTripped = Dlt645Codec.decode(Dlt645Codec.encode(reply));
        assertArrayEquals(reply.data(), roundTripped.data());
        assertTrue(roundTripped.isReply());
        return DataItems.lookup(di).orElseThrow().format().decode(Dlt645Replies.dataValue(roundTripped, reply.address(), di), "test");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
