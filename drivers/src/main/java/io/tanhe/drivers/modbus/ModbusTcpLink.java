package io.tanhe.drivers.modbus;

import io.tanhe.drivers.Quality;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * One Modbus TCP connection with its own MBAP framing (Modbus Messaging on TCP/IP Implementation
 * Guide V1.0b, §3.1.3). j2mod's TCP transport is not used here because it does not check the
 * protocol id, the unit id or the byte count of an answer, and it reports a broken frame, a closed
 * connection and silence alike as a {@code ModbusIOException} whose text says "tried n times", so
 * they could not be told apart. Here every answer is checked field by field and each failure is a
 * {@link ModbusFailure} of its own quality:
 * <ul>
 *   <li>{@code TIMEOUT} only when not a single byte came within the timeout (silence);</li>
 *   <li>{@code COMM_ERROR} when the answer cannot be used: cut off (by the timeout or a closed
 *       connection), a protocol id other than 0, a length outside 2..254, another transaction or
 *       unit id, another function, a byte count that disagrees with the frame or with the request,
 *       a write echo that differs from the request, a connection closed or reset by the peer;</li>
 *   <li>{@code DEVICE_ERROR} for an exception reply (function | 0x80).</li>
 * </ul>
 * Not thread-safe: {@link ModbusBus} serialises the exchanges. After any failure the bus closes
 * the link, so a late answer is never taken for the next request.
 */
final class ModbusTcpLink implements ModbusBus.Link {
    /** Largest PDU (function code + data) of Modbus: 253 bytes; an MBAP length counts the unit id too. */
    private static final int MAX_LENGTH = 254;

    private final String name;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private int transaction;

    private ModbusTcpLink(String name, Socket socket) throws IOException {
        this.name = name;
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Opens a connection to {@code host:port} within {@code timeout}. */
    static ModbusTcpLink open(String name, String host, int port, Duration timeout) throws ModbusFailure {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setKeepAlive(true);
            s.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
            return new ModbusTcpLink(name, s);
        } catch (IOException e) {
            try {
                s.close();
            } catch (IOException ignored) {
                // nothing to release
            }
            throw new ModbusFailure(Quality.TIMEOUT, "cannot open " + name + ": " + e.getMessage());
        }
    }

    @Override
    public RawData read(ReadRequest r, Duration timeout) throws ModbusFailure {
        byte[] pdu = {(byte) r.function().code(), hi(r.start()), lo(r.start()), hi(r.count()), lo(r.count())};
        byte[] answer = exchange(r.unitId(), pdu, timeout);
        int expected = r.function().readsBits() ? (r.count() + 7) / 8 : 2 * r.count();
        if (answer.length < 2) {
            throw malformed("answer of function " + r.function().code() + " has no byte count");
        }
        int byteCount = answer[1] & 0xFF;
        if (byteCount != answer.length - 2) {
            throw malformed("byte count " + byteCount + " but the frame carries " + (answer.length - 2) + " data bytes");
        }
        if (byteCount != expected) {
            throw malformed("answer carries " + byteCount + " data bytes, asked for "
                    + r.count() + (r.function().readsBits() ? " bits (" : " registers (") + expected + " bytes)");
        }
        if (r.function().readsBits()) {
            boolean[] bits = new boolean[r.count()];
            for (int i = 0; i < bits.length; i++) {
                bits[i] = (answer[2 + i / 8] >> (i % 8) & 1) != 0;
            }
            return new RawData(new int[0], bits);
        }
        int[] words = new int[r.count()];
        for (int i = 0; i < words.length; i++) {
            words[i] = (answer[2 + 2 * i] & 0xFF) << 8 | answer[3 + 2 * i] & 0xFF;
        }
        return new RawData(words, new boolean[0]);
    }

    @Override
    public void writeRegisters(int unitId, int address, int[] values, Duration timeout) throws ModbusFailure {
        byte[] pdu;
        if (values.length == 1) {
            pdu = new byte[]{6, hi(address), lo(address), hi(values[0]), lo(values[0])};
        } else {
            pdu = new byte[6 + 2 * values.length];
            pdu[0] = 16;
            pdu[1] = hi(address);
            pdu[2] = lo(address);
            pdu[3] = hi(values.length);
            pdu[4] = lo(values.length);
            pdu[5] = (byte) (2 * values.length);
            for (int i = 0; i < values.length; i++) {
                pdu[6 + 2 * i] = hi(values[i]);
                pdu[7 + 2 * i] = lo(values[i]);
            }
        }
        checkEcho(pdu, exchange(unitId, pdu, timeout));
    }

    @Override
    public void writeCoils(int unitId, int address, boolean[] values, Duration timeout) throws ModbusFailure {
        byte[] pdu;
        if (values.length == 1) {
            pdu = new byte[]{5, hi(address), lo(address), (byte) (values[0] ? 0xFF : 0), 0};
        } else {
            int bytes = (values.length + 7) / 8;
            pdu = new byte[6 + bytes];
            pdu[0] = 15;
            pdu[1] = hi(address);
            pdu[2] = lo(address);
            pdu[3] = hi(values.length);
            pdu[4] = lo(values.length);
            pdu[5] = (byte) bytes;
            for (int i = 0; i < values.length; i++) {
                if (values[i]) {
                    pdu[6 + i / 8] |= (byte) (1 << (i % 8));
                }
            }
        }
        checkEcho(pdu, exchange(unitId, pdu, timeout));
    }

    /** FC 5/6 echo the whole request; FC 15/16 echo address and quantity. */
    private void checkEcho(byte[] pdu, byte[] answer) throws ModbusFailure {
        int n = pdu[0] == 5 || pdu[0] == 6 ? pdu.length : 5;
        if (answer.length != 5) {
            throw malformed("write answer of " + answer.length + " bytes, expected 5");
        }
        for (int i = 0; i < n; i++) {
            if (answer[i] != pdu[i]) {
                throw malformed("write answer " + hex(answer) + " does not echo the request " + hex(pdu));
            }
        }
    }

    /** Sends {@code pdu} to {@code unit} and returns the answer's PDU after checking its header. */
    private byte[] exchange(int unit, byte[] pdu, Duration timeout) throws ModbusFailure {
        transaction = (transaction + 1) & 0xFFFF;
        byte[] adu = new byte[7 + pdu.length];
        adu[0] = hi(transaction);
        adu[1] = lo(transaction);
        adu[4] = hi(pdu.length + 1);
        adu[5] = lo(pdu.length + 1);
        adu[6] = (byte) unit;
        System.arraycopy(pdu, 0, adu, 7, pdu.length);
        try {
            out.write(adu);
            out.flush();
        } catch (IOException e) {
            throw new ModbusFailure(Quality.COMM_ERROR, name + ": cannot send: " + e.getMessage());
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] header = new byte[7];
        readFully(header, deadline, timeout, 0);
        int tid = u16(header, 0);
        int protocol = u16(header, 2);
        int length = u16(header, 4);
        int answerUnit = header[6] & 0xFF;
        if (protocol != 0) {
            throw malformed("protocol id " + protocol + " (0x" + Integer.toHexString(protocol)
                    + "), expected 0: not a Modbus TCP answer (" + hex(header) + ")");
        }
        if (length < 2 || length > MAX_LENGTH) {
            throw malformed("MBAP length " + length + " is outside 2.." + MAX_LENGTH + " (" + hex(header) + ")");
        }
        if (tid != transaction) {
            throw malformed("transaction id " + tid + ", expected " + transaction);
        }
        if (answerUnit != unit) {
            throw malformed("answer from unit id " + answerUnit + ", asked unit id " + unit);
        }
        byte[] answer = new byte[length - 1];
        readFully(answer, deadline, timeout, header.length);
        int function = answer[0] & 0xFF;
        int asked = pdu[0] & 0xFF;
        if (function == (asked | 0x80)) {
            int code = answer.length > 1 ? answer[1] & 0xFF : -1;
            if (answer.length != 2) {
                throw malformed("exception reply of " + answer.length + " bytes, expected 2");
            }
            throw new ModbusFailure(Quality.DEVICE_ERROR, "exception reply " + code + " (" + exceptionName(code) + ")");
        }
        if (function != asked) {
            throw malformed("answer of function " + function + " to a request of function " + asked);
        }
        return answer;
    }

    /** Reads {@code buf} completely by {@code deadline}; silence before the first byte of an answer is a timeout. */
    private void readFully(byte[] buf, long deadline, Duration timeout, int before) throws ModbusFailure {
        int got = 0;
        while (got < buf.length) {
            long left = deadline - System.nanoTime();
            try {
                if (left <= 0) {
                    throw new SocketTimeoutException();
                }
                socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
                int n = in.read(buf, got, buf.length - got);
                if (n < 0) {
                    throw new EOFException();
                }
                got += n;
            } catch (SocketTimeoutException e) {
                if (before + got == 0) {
                    throw new ModbusFailure(Quality.TIMEOUT, name + ": no answer within " + timeout.toMillis() + " ms");
                }
                throw malformed("answer cut off after " + (before + got) + " bytes: nothing more within "
                        + timeout.toMillis() + " ms");
            } catch (EOFException e) {
                throw malformed(before + got == 0 ? "connection closed by the peer without an answer"
                        : "connection closed by the peer after " + (before + got) + " bytes of the answer");
            } catch (IOException e) {
                throw malformed("connection lost after " + (before + got) + " bytes of the answer: " + e.getMessage());
            }
        }
    }

    private ModbusFailure malformed(String why) {
        return new ModbusFailure(Quality.COMM_ERROR, name + ": " + why);
    }

    private static String exceptionName(int code) {
        return switch (code) {
            case 1 -> "illegal function";
            case 2 -> "illegal data address";
            case 3 -> "illegal data value";
            case 4 -> "server device failure";
            case 5 -> "acknowledge";
            case 6 -> "server device busy";
            case 8 -> "memory parity error";
            case 10 -> "gateway path unavailable";
            case 11 -> "gateway target device failed to respond";
            default -> "unknown exception code";
        };
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | b[at + 1] & 0xFF;
    }

    private static byte hi(int v) {
        return (byte) (v >> 8);
    }

    private static byte lo(int v) {
        return (byte) v;
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            if (!s.isEmpty()) {
                s.append(' ');
            }
            s.append(String.format("%02X", x & 0xFF));
        }
        return s.toString();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
