package io.tanhe.drivers.metersim;

/**
 * A simulated meter: how its requests are framed on the wire and what it answers. Written from
 * the protocol facts in ../shared/reference/protocols.md, independently of the production codecs.
 */
interface SimMeter {

    /** Bytes from the start byte 0x68 through the length byte. */
    int headerLength();

    /**
     * The reply to one request frame (start byte through end byte), or {@code null} for none
     * (not addressed to this meter, a broadcast, or a corrupt request, which real meters ignore).
     */
    byte[] answer(byte[] request, Fault fault);
}
