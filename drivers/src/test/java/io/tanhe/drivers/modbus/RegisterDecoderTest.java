package io.tanhe.drivers.modbus;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegisterDecoderTest {

    private static int[] words(String hex) {
        return Arrays.stream(hex.split(" ")).mapToInt(w -> Integer.parseInt(w, 16)).toArray();
    }

    private static String decode(String hex, String type, String bytes, String wordOrder) throws DecodeException {
        RegisterOrder order = new RegisterOrder(bytes.equals("big"), wordOrder.equals("big"));
        return RegisterDecoder.decode(words(hex), DataType.ofConfigName(type), order).toPlainString();
    }

    /** Raw words as they arrive; expected values worked out by hand from the IEEE-754 / two's-complement layouts. */
    @ParameterizedTest(name = "{1} {2}/{3} {0} = {4}")
    @CsvSource({
            // SDM630 import energy 12345.678 kWh = 0x4640E6B6 (protocols.md §4.2), in all four orders
            "4640 E6B6, float32, big,    big,    12345.678",
            "E6B6 4640, float32, big,    little, 12345.678",
            "4046 B6E6, float32, little, big,    12345.678",
            "B6E6 4046, float32, little, little, 12345.678",
            "3DCC CCCD, float32, big,    big,    0.1",
            "4B18 9680, float32, big,    big,    10000000",
            "C2F6 E979, float32, big,    big,    -123.456",
            "0000 0000, float32, big,    big,    0",
            "406C C333 3333 3333, float64, big, big,    230.1",
            "3333 3333 C333 406C, float64, big, little, 230.1",
            "6C40 33C3 3333 3333, float64, little, big, 230.1",
            "3FB9 9999 9999 999A, float64, big, big,    0.1",
            "FFFE, int16,  big,    big, -2",
            "FEFF, int16,  little, big, -2",
            "FFFE, uint16, big,    big, 65534",
            "8000, int16,  big,    big, -32768",
            "FFFF FFFE, int32,  big, big,    -2",
            "FFFE FFFF, int32,  big, little, -2",
            "FEFF FFFF, int32,  little, little, -2",
            "FFFF FFFE, uint32, big, big,    4294967294",
            "0001 0000, uint32, big, big,    65536",
            "0000 0001, uint32, big, little, 65536",
            "0100 0000, uint32, little, big, 65536",
            "0000 0000 0001 0000, int64, big, big,    65536",
            "0000 0001 0000 0000, int64, big, little, 65536",
            "FFFF FFFF FFFF FFFF, int64, big, big,    -1",
            "7FFF FFFF FFFF FFFF, int64, big, big,    9223372036854775807",
            "1234,      bcd16, big,    big,    1234",
            "3412,      bcd16, little, big,    1234",
            "0012 3456, bcd32, big,    big,    123456",
            "3456 0012, bcd32, big,    little, 123456",
            "9999 9999, bcd32, big,    big,    99999999",
    })
    void decodesEveryTypeInEveryOrder(String hex, String type, String bytes, String wordOrder, String expected)
            throws DecodeException {
        assertEquals(expected, decode(hex, type, bytes, wordOrder));
    }

    @Test
    void floatKeepsTheMetersDigitsNotTheBinaryExpansion() throws DecodeException {
        BigDecimal v = RegisterDecoder.decode(words("3DCC CCCD"), DataType.FLOAT32, RegisterOrder.BIG);
        assertEquals(new BigDecimal("0.1"), v);
        assertEquals(1, v.scale());
    }

    @Test
    void shortestDecimalRoundTripsForManyFloats() throws DecodeException {
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < 20_000; i++) {
            float f = Float.intBitsToFloat(r.nextInt());
            if (Float.isNaN(f) || Float.isInfinite(f)) {
                continue;
            }
            BigDecimal d = RegisterDecoder.shortest(f);
            assertEquals(f, d.floatValue(), "round trip of " + f);
            assertTrue(d.stripTrailingZeros().precision() <= 9, d + " has more than 9 significant digits");
        }
    }

    @Test
    void badBcdDigitIsAnErrorNotAWrongValue() {
        DecodeException e = assertThrows(DecodeException.class,
                () -> RegisterDecoder.decode(words("12A4"), DataType.BCD16, RegisterOrder.BIG));
        assertEquals("0xA4 is not a BCD byte", e.getMessage());
    }

    @Test
    void notANumberIsAnErrorNotAValue() {
        assertThrows(DecodeException.class, () -> RegisterDecoder.decode(words("7FC0 0000"), DataType.FLOAT32, RegisterOrder.BIG));
        assertThrows(DecodeException.class, () -> RegisterDecoder.decode(words("7F80 0000"), DataType.FLOAT32, RegisterOrder.BIG));
        assertThrows(DecodeException.class,
                () -> RegisterDecoder.decode(words("7FF8 0000 0000 0000"), DataType.FLOAT64, RegisterOrder.BIG));
    }

    @Test
    void wrongRegisterCountIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> RegisterDecoder.decode(words("0001"), DataType.INT32, RegisterOrder.BIG));
    }
}
