package io.tanhe.server.hj212;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Random bytes and mutations of valid packets: the decoder either returns a segment or throws
 * {@link Hj212FormatException}, never anything else. Seeds are fixed so a failure repeats.
 */
class FuzzTest {
    private static final String BYTES = "#&;,=-.0123456789ABCDEFacdefQNSTCPWMFlagRtd\r\n \u00e4";

    @Test
    void randomBytesOnlyEverFailWithTheDocumentedException() {
        Random random = new Random(1036);
        for (int i = 0; i < 10_000; i++) {
            byte[] input = new byte[random.nextInt(1100)];
            if (random.nextBoolean()) {
                random.nextBytes(input);
            } else {
                for (int j = 0; j < input.length; j++) {
                    input[j] = (byte) BYTES.charAt(random.nextInt(BYTES.length()));
                }
            }
            if (input.length > 1 && random.nextBoolean()) {
                input[0] = '#';
                input[1] = '#';
            }
            decode(input, "random case " + i);
        }
    }

    @Test
    void mutatedValidPacketsOnlyEverFailWithTheDocumentedException() {
        RandomSegments segments = new RandomSegments(42);
        Random random = segments.random();
        int decoded = 0;
        for (int i = 0; i < 10_000; i++) {
            DataSegment s = segments.segment(6);
            byte[] packet = Hj212Codec.encode(s);
            byte[] mutated = mutate(packet, random);
            if (random.nextBoolean()) {
                mutated = withFrameRepaired(mutated);
            }
            decoded += decode(mutated, "mutation case " + i) ? 1 : 0;
        }
        assertTrue(decoded > 0, "no mutation survived; the repaired frames should let some through");
    }

    private static byte[] mutate(byte[] p, Random random) {
        byte[] m = p.clone();
        int n = 1 + random.nextInt(3);
        for (int k = 0; k < n; k++) {
            int at = random.nextInt(m.length);
            switch (random.nextInt(4)) {
                case 0 -> m[at] = (byte) BYTES.charAt(random.nextInt(BYTES.length()));
                case 1 -> m[at] = (byte) random.nextInt(256);
                case 2 -> {
                    byte[] shorter = new byte[m.length - 1];
                    System.arraycopy(m, 0, shorter, 0, at);
                    System.arraycopy(m, at + 1, shorter, at, m.length - at - 1);
                    m = shorter.length == 0 ? m : shorter;
                }
                default -> {
                    byte[] longer = new byte[m.length + 1];
                    System.arraycopy(m, 0, longer, 0, at);
                    longer[at] = (byte) BYTES.charAt(random.nextInt(BYTES.length()));
                    System.arraycopy(m, at, longer, at + 1, m.length - at);
                    m = longer;
                }
            }
        }
        return m;
    }

    /** Rewrites length and CRC around the (mutated) middle so the segment parser gets the input. */
    private static byte[] withFrameRepaired(byte[] m) {
        if (m.length < 12) {
            return m;
        }
        byte[] data = new byte[m.length - 12];
        System.arraycopy(m, 6, data, 0, data.length);
        String head = String.format("##%04d", data.length);
        String tail = Hj212Crc.hex(Hj212Crc.of(data)) + "\r\n";
        byte[] out = new byte[m.length];
        System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, out, 0, 6);
        System.arraycopy(data, 0, out, 6, data.length);
        System.arraycopy(tail.getBytes(StandardCharsets.US_ASCII), 0, out, 6 + data.length, 6);
        return out;
    }

    private static boolean decode(byte[] input, String label) {
        try {
            Hj212Codec.decode(input);
            return true;
        } catch (Hj212FormatException expected) {
            assertTrue(expected.offset() >= 0 && expected.offset() <= input.length,
                    label + ": offset " + expected.offset() + " outside the input of " + input.length);
            return false;
        } catch (RuntimeException e) {
            fail(label + ": " + e + " for input " + new String(input, StandardCharsets.ISO_8859_1), e);
            return false;
        }
    }
}
