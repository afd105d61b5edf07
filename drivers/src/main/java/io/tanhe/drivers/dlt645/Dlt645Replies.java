package io.tanhe.drivers.dlt645;

import io.tanhe.drivers.frame.AbnormalReplyException;
import io.tanhe.drivers.frame.Hex;
import io.tanhe.drivers.frame.MalformedFrameException;

import java.util.Arrays;

/** Checks that a decoded frame answers a request and extracts its payload. */
public final class Dlt645Replies {
    private Dlt645Replies() {
    }

    /**
     * The value bytes (descrambled, least significant first) of a read-data reply.
     *
     * @param reply the decoded reply
     * @param asked the address the request went to; a wildcard accepts any meter
     * @param di    the identifier asked for
     * @throws AbnormalReplyException  when the meter answered with its error reply (0xD1 / 0xC1)
     * @throws MalformedFrameException when the frame does not answer this request or announces
     *                                 follow-up frames, which this driver does not read
     */
    public static byte[] dataValue(Dlt645Frame reply, Dlt645Address asked, DataIdentifier di)
            throws MalformedFrameException, AbnormalReplyException {
        int function = di.version().readFunction();
        checkHeader(reply, asked, function, di.version());
        byte[] data = reply.data();
        int diLength = di.version().diLength();
        if (data.length < diLength) {
            throw new MalformedFrameException("read reply of " + data.length + " data bytes is shorter than a DI (" + diLength + ")");
        }
        DataIdentifier got = DataIdentifier.fromWire(di.version(), data, 0);
        if (!got.equals(di)) {
            throw new MalformedFrameException("reply carries DI " + got + ", asked for " + di);
        }
        return Arrays.copyOfRange(data, diLength, data.length);
    }

    /** The address carried by a read-address reply (0x93). */
    public static Dlt645Address address(Dlt645Frame reply) throws MalformedFrameException, AbnormalReplyException {
        checkHeader(reply, Dlt645Address.WILDCARD, Dlt645Requests.READ_ADDRESS, Dlt645Version.V2007);
        byte[] data = reply.data();
        if (data.length != 6) {
            throw new MalformedFrameException("read-address reply has " + data.length + " data bytes, expected 6");
        }
        Dlt645Address inData = Dlt645Address.fromWire(data, 0);
        if (!inData.equals(reply.address())) {
            throw new MalformedFrameException("read-address reply names " + inData + " in its data but comes from " + reply.address());
        }
        return inData;
    }

    private static void checkHeader(Dlt645Frame reply, Dlt645Address asked, int function, Dlt645Version version)
            throws MalformedFrameException, AbnormalReplyException {
        if (!reply.isReply()) {
            throw new MalformedFrameException("frame with control " + Hex.ofByte(reply.control())
                    + " is a request (direction bit D7 clear), not a reply; is another master on the bus?");
        }
        if (reply.function() != function) {
            throw new MalformedFrameException("reply function " + Hex.ofByte(reply.function()) + " answers another request than "
                    + Hex.ofByte(function));
        }
        if (!asked.isWildcard() && !reply.address().equals(asked)) {
            throw new MalformedFrameException("reply from meter " + reply.address() + ", asked meter " + asked);
        }
        if (reply.isAbnormal()) {
            byte[] data = reply.data();
            String err = data.length == 1 ? Dlt645ErrorByte.explain(data[0] & 0xFF, version) : "error data " + Hex.of(data);
            throw new AbnormalReplyException("meter " + reply.address() + " answered error (control "
                    + Hex.ofByte(reply.control()) + ") " + err);
        }
        if (reply.hasFollowUp()) {
            throw new MalformedFrameException("meter " + reply.address() + " announces follow-up frames (control "
                    + Hex.ofByte(reply.control()) + "); multi-frame replies are not supported, read a single-value DI instead");
        }
    }
}
