package io.tanhe.drivers.cjt188;

import io.tanhe.drivers.frame.AbnormalReplyException;
import io.tanhe.drivers.frame.Hex;
import io.tanhe.drivers.frame.MalformedFrameException;

import java.util.Arrays;

/** Checks that a decoded frame answers a request and decodes its payload. */
public final class Cjt188Replies {
    private Cjt188Replies() {
    }

    /**
     * The current data of a 901F reply.
     *
     * @param reply  the decoded reply
     * @param asked  the request it should answer
     * @param layout the meter model's layout
     * @throws AbnormalReplyException  when the meter set the abnormal bit
     * @throws MalformedFrameException when the reply does not answer the request or cannot be decoded
     */
    public static MeterData currentData(Cjt188Frame reply, Cjt188Frame asked, Cjt188Layout layout)
            throws MalformedFrameException, AbnormalReplyException {
        byte[] payload = checkedPayload(reply, asked, Cjt188Requests.DI_CURRENT_DATA);
        return CurrentDataDecoder.decode(reply.type(), reply.address(), payload, layout);
    }

    /** The meter type and address of a read-address reply (0x83). */
    public static MeterIdentity identity(Cjt188Frame reply, Cjt188Frame asked) throws MalformedFrameException, AbnormalReplyException {
        checkedPayload(reply, asked, Cjt188Requests.DI_ADDRESS);
        return new MeterIdentity(reply.type(), reply.address());
    }

    private static byte[] checkedPayload(Cjt188Frame reply, Cjt188Frame asked, int di) throws MalformedFrameException, AbnormalReplyException {
        if (!reply.isReply()) {
            throw new MalformedFrameException("frame with control " + Hex.ofByte(reply.control())
                    + " is a request (direction bit D7 clear), not a reply; is another master on the bus?");
        }
        if (reply.function() != asked.function()) {
            throw new MalformedFrameException("reply function " + Hex.ofByte(reply.function()) + " answers another request than "
                    + Hex.ofByte(asked.function()));
        }
        if (!asked.address().isWildcard() && !reply.address().equals(asked.address())) {
            throw new MalformedFrameException("reply from meter " + reply.address() + ", asked meter " + asked.address());
        }
        if (asked.type().code() != MeterType.WILDCARD.code() && !reply.type().equals(asked.type())) {
            throw new MalformedFrameException("reply from " + reply.type().describe() + ", asked " + asked.type().describe()
                    + "; configure the meter type the meter reports");
        }
        byte[] data = reply.data();
        if (reply.isAbnormal()) {
            throw new AbnormalReplyException("meter " + reply.address() + " answered abnormally (control " + Hex.ofByte(reply.control())
                    + "), data " + Hex.of(data));
        }
        if (data.length < 3) {
            throw new MalformedFrameException("reply of " + data.length + " data bytes has no DI and SER");
        }
        int high = di >> 8 & 0xFF;
        int low = di & 0xFF;
        int b0 = data[0] & 0xFF;
        int b1 = data[1] & 0xFF;
        if (!(b0 == high && b1 == low) && !(b0 == low && b1 == high)) {
            throw new MalformedFrameException("reply carries DI " + Hex.of(Arrays.copyOf(data, 2)) + ", asked for "
                    + String.format("%04X", di) + " (accepted in either byte order)");
        }
        int askedSer = asked.data()[2] & 0xFF;
        if ((data[2] & 0xFF) != askedSer) {
            throw new MalformedFrameException("reply SER " + Hex.ofByte(data[2]) + " answers another request than SER " + Hex.ofByte(askedSer));
        }
        return Arrays.copyOfRange(data, 3, data.length);
    }
}
