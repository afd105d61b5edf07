package io.tanhe.drivers.frame;

import com.fasterxml.jackson.databind.JsonNode;
import io.tanhe.drivers.MeterVectors;
import io.tanhe.drivers.cjt188.Cjt188Address;
import io.tanhe.drivers.cjt188.Cjt188Codec;
import io.tanhe.drivers.cjt188.Cjt188Frame;
import io.tanhe.drivers.cjt188.Cjt188Layout;
import io.tanhe.drivers.cjt188.Cjt188Replies;
import io.tanhe.drivers.cjt188.Cjt188Requests;
import io.tanhe.drivers.cjt188.MeterType;
import io.tanhe.drivers.dlt645.DataIdentifier;
import io.tanhe.drivers.dlt645.Dlt645Address;
import io.tanhe.drivers.dlt645.Dlt645Codec;
import io.tanhe.drivers.dlt645.Dlt645Frame;
import io.tanhe.drivers.dlt645.Dlt645Replies;
import io.tanhe.drivers.dlt645.Dlt645Version;
import io.tanhe.drivers.dlt645.ValueFormat;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Property tests: whatever bytes arrive, the decoders either return a frame or throw their
 * documented exceptions ({@link MalformedFrameException}, and {@link AbnormalReplyException} for
 * replies), never anything else; and no single corrupted byte is accepted.
 */
class DecoderFuzzTest {
    private static final long SEED = 20240611L;
    private static final int RUNS = 10_000;

    @FunctionalInterface
    interface Decode {
        void run() throws MalformedFrameException, AbnormalReplyException;
    }

    @Test
    void randomBytesOnlyEverGiveMalformedFrame() {
        Random r = new Random(SEED);
        for (int i = 0; i < RUNS; i++) {
            byte[] bytes = randomBytes(r, r.nextInt(80));
            if (r.nextBoolean() && bytes.length > 0) {
                bytes[r.nextInt(bytes.length)] = 0x68;
            }
            expectOnlyDocumented(bytes, () -> Dlt645Codec.decode(bytes));
            expectOnlyDocumented(bytes, () -> Cjt188Codec.decode(bytes));
        }
    }

    @Test
    void frameShapedBytesWithValidChecksumNeverCrashTheReplyDecoders() {
        Random r = new Random(SEED + 1);
        Dlt645Version[] versions = Dlt645Version.values();
        for (int i = 0; i < RUNS; i++) {
            Dlt645Version version = versions[r.nextInt(2)];
            Dlt645Frame f = new Dlt645Frame(randomDltAddress(r), r.nextInt(256), randomBytes(r, r.nextInt(12)));
            byte[] wire = Dlt645Codec.encode(f);
            DataIdentifier di = new DataIdentifier(version, r.nextInt(1 << 16));
            ValueFormat format = new ValueFormat(1 + r.nextInt(5), r.nextInt(3), r.nextBoolean());
            expectOnlyDocumented(wire, () -> format.decode(Dlt645Replies.dataValue(Dlt645Codec.decode(wire), f.address(), di), "fuzz"));
            expectOnlyDocumented(wire, () -> Dlt645Replies.address(Dlt645Codec.decode(wire)));

            MeterType type = new MeterType(r.nextBoolean() ? 0x10 + r.nextInt(0x40) : r.nextInt(256));
            Cjt188Layout layout = new Cjt188Layout(Cjt188Layout.ValueOrder.values()[r.nextInt(2)], Cjt188Layout.DiOrder.values()[r.nextInt(2)],
                    Cjt188Layout.UnitPosition.values()[r.nextInt(2)], 0);
            byte[] data = randomBytes(r, r.nextBoolean() ? 3 + 43 : r.nextInt(50));
            if (data.length >= 2 && r.nextBoolean()) {
                data[0] = (byte) 0x90;
                data[1] = 0x1F;
            }
            Cjt188Frame c = new Cjt188Frame(type, Cjt188Address.parse("1"), 0x80 | r.nextInt(128), data);
            byte[] cw = Cjt188Codec.encode(c, 2);
            Cjt188Frame asked = Cjt188Requests.readCurrentData(type, c.address(), data.length > 2 ? data[2] & 0xFF : 0, layout);
            expectOnlyDocumented(cw, () -> Cjt188Replies.currentData(Cjt188Codec.decode(cw), asked, layout));
        }
    }

    @Test
    void noSingleCorruptedByteOfAReferenceVectorIsAccepted() {
        Random r = new Random(SEED + 2);
        List<JsonNode> vectors = new ArrayList<>(MeterVectors.of("DLT645-2007"));
        vectors.addAll(MeterVectors.of("DLT645-1997"));
        vectors.addAll(MeterVectors.of("CJT188-2004"));
        for (JsonNode v : vectors) {
            if (!v.path("expected").path("checksum_ok").asBoolean()) {
                continue;
            }
            byte[] good = Hex.parse(v.path("hex_or_text").asText());
            boolean dlt = v.path("protocol").asText().startsWith("DLT645");
            for (int i = 0; i < 500; i++) {
                byte[] bad = good.clone();
                int at = r.nextInt(bad.length);
                bad[at] = (byte) (bad[at] + 1 + r.nextInt(255));
                if ((good[at] & 0xFF) == 0xFE) {
                    continue;
                }
                try {
                    if (dlt) {
                        Dlt645Codec.decode(bad);
                    } else {
                        Cjt188Codec.decode(bad);
                    }
                    fail("byte " + at + " changed and still accepted: " + Hex.of(bad) + " (" + v.path("description").asText() + ")");
                } catch (MalformedFrameException expected) {
                    assertEquals(MalformedFrameException.class, expected.getClass());
                }
            }
        }
    }

    private static void expectOnlyDocumented(byte[] input, Decode decode) {
        try {
            decode.run();
        } catch (MalformedFrameException | AbnormalReplyException expected) {
            if (expected.getMessage() == null || expected.getMessage().isBlank()) {
                fail("exception without a message for " + Hex.of(input));
            }
        } catch (RuntimeException e) {
            throw new AssertionError("undocumented " + e + " for input " + Hex.of(input), e);
        }
    }

    private static Dlt645Address randomDltAddress(Random r) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            sb.append((char) ('0' + r.nextInt(10)));
        }
        return Dlt645Address.parse(sb.toString());
    }

    private static byte[] randomBytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }
}
