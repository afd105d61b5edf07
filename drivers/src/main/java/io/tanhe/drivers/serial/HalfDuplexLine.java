package io.tanhe.drivers.serial;

import io.tanhe.drivers.frame.FrameShape;
import io.tanhe.drivers.frame.Hex;
import io.tanhe.drivers.frame.MalformedFrameException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;

/**
 * One master on a half-duplex bus: send a request, wait for the one reply, never two requests in
 * flight. Calls are serialised, so several devices on one RS-485 bus or one serial server can share
 * a line.
 *
 * <p>Reading a reply skips the wake-up preamble ({@code FE FE FE FE}) and any line noise before the
 * start byte, cuts exactly one frame by the protocol's {@link FrameShape}, and skips an echo of the
 * request (some RS-485 converters echo what the master sends). A transport that failed (closed by
 * the peer, write error) is closed and reopened on the next request; a timeout leaves it open,
 * because a silent meter says nothing about the port or the serial server, and input left over
 * from a late reply is discarded before the next request.
 */
public final class HalfDuplexLine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HalfDuplexLine.class);
    /** Noise bytes tolerated before the start byte; more means the peer is not speaking this protocol. */
    private static final int MAX_NOISE_BYTES = 256;
    private static final int PREAMBLE = 0xFE;

    private final ByteTransport transport;
    private final byte[] buffer = new byte[512];
    private int bufferStart;
    private int bufferEnd;

    /** @param transport the byte pipe; the line owns it and closes it */
    public HalfDuplexLine(ByteTransport transport) {
        this.transport = transport;
    }

    /** The transport's description, for messages. */
    public String describe() {
        return transport.describe();
    }

    /**
     * Sends {@code request} and returns the reply frame from its start byte through its end byte.
     *
     * @param timeout how long the whole reply may take, from the end of the request
     * @throws TransportTimeoutException when no frame starts within the response timeout
     * @throws TransportClosedException  when the peer closes the connection, also mid-frame
     * @throws MalformedFrameException   when a frame starts but is truncated or its header is invalid
     * @throws IOException               when the port or connection cannot be opened or written
     */
    public synchronized byte[] exchange(byte[] request, FrameShape shape, Duration timeout) throws IOException, MalformedFrameException {
        try {
            sendNow(request);
            Deadline deadline = new Deadline(System.nanoTime() + timeout.toNanos(), timeout.toMillis());
            byte[] sentFrame = withoutPreamble(request);
            byte[] reply = readFrame(shape, deadline);
            while (Arrays.equals(reply, sentFrame)) {
                LOG.debug("line={} skipped echo of the request", transport.describe());
                reply = readFrame(shape, deadline);
            }
            return reply;
        } catch (TransportTimeoutException e) {
            throw e;
        } catch (IOException e) {
            transport.close();
            throw e;
        }
    }

    /** Sends a frame that gets no reply (a broadcast). */
    public synchronized void send(byte[] frame) throws IOException {
        try {
            sendNow(frame);
        } catch (IOException e) {
            transport.close();
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        transport.close();
    }

    private void sendNow(byte[] frame) throws IOException {
        transport.open();
        bufferStart = 0;
        bufferEnd = 0;
        transport.discardInput();
        transport.write(frame);
    }

    private byte[] readFrame(FrameShape shape, Deadline deadline) throws IOException, MalformedFrameException {
        skipToStart(shape.startByte(), deadline);
        byte[] header = new byte[shape.headerLength()];
        header[0] = (byte) shape.startByte();
        readInto(header, 1, deadline);
        int bodyLength = shape.bodyLength(header);
        byte[] frame = Arrays.copyOf(header, header.length + bodyLength);
        readInto(frame, header.length, deadline);
        return frame;
    }

    private void skipToStart(int startByte, Deadline deadline) throws IOException, MalformedFrameException {
        int noise = 0;
        while (true) {
            int b = nextByte(deadline);
            if (b < 0) {
                throw new TransportTimeoutException("no reply from " + transport.describe() + " within "
                        + deadline.millis() + " ms" + (noise > 0 ? " (" + noise + " noise bytes, no frame start)" : ""));
            }
            if (b == startByte) {
                return;
            }
            if (b != PREAMBLE && ++noise > MAX_NOISE_BYTES) {
                throw new MalformedFrameException("no frame start " + Hex.ofByte(startByte) + " within "
                        + MAX_NOISE_BYTES + " bytes from " + transport.describe() + "; check baud rate, parity and protocol");
            }
        }
    }

    private void readInto(byte[] target, int from, Deadline deadline) throws IOException, MalformedFrameException {
        for (int i = from; i < target.length; i++) {
            int b = nextByte(deadline);
            if (b < 0) {
                throw new MalformedFrameException("truncated frame from " + transport.describe() + ": only " + i
                        + " bytes arrived within " + deadline.millis() + " ms: " + Hex.of(Arrays.copyOf(target, i)));
            }
            target[i] = (byte) b;
        }
    }

    private int nextByte(Deadline deadline) throws IOException {
        while (bufferStart == bufferEnd) {
            long remainingMs = (deadline.nanoTime() - System.nanoTime()) / 1_000_000;
            if (remainingMs <= 0) {
                return -1;
            }
            bufferStart = 0;
            bufferEnd = transport.read(buffer, 0, buffer.length, (int) Math.min(remainingMs, Integer.MAX_VALUE));
        }
        return buffer[bufferStart++] & 0xFF;
    }

    /** The end of a wait on the monotonic clock, with the timeout it came from for messages. */
    private record Deadline(long nanoTime, long millis) {
    }

    private static byte[] withoutPreamble(byte[] frame) {
        int i = 0;
        while (i < frame.length && (frame[i] & 0xFF) == PREAMBLE) {
            i++;
        }
        return Arrays.copyOfRange(frame, i, frame.length);
    }
}
