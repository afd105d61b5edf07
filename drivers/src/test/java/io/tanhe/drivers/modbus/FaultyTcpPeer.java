package io.tanhe.drivers.modbus;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP peer on 127.0.0.1 that misbehaves in one chosen way after reading a Modbus TCP request,
 * for the faults pymodbus cannot produce.
 */
final class FaultyTcpPeer implements AutoCloseable {

    /** How the peer answers. */
    enum Fault {
        /** Sends text, as a web server on the wrong port would. */
        GARBAGE,
        /** Sends a header announcing 7 more bytes, then 2 of them, then closes the connection. */
        DISCONNECT_MID_FRAME,
        /** Answers a register read with fewer registers than asked. */
        SHORT_ANSWER,
        /** A byte count that disagrees with the frame's length (says 6 data bytes, carries 4). */
        WRONG_BYTE_COUNT,
        /** Closes the connection after reading the request, without a byte of answer. */
        CLOSE_WITHOUT_ANSWER,
        /** Sends the first 4 bytes of a header, then nothing more (the connection stays open). */
        CUT_OFF_THEN_SILENT,
        /** A well-formed answer with the asked registers, from another unit id. */
        WRONG_UNIT_ID,
        /** A well-formed answer with the asked registers, with protocol id 1 instead of 0. */
        WRONG_PROTOCOL_ID,
        /** A well-formed answer with another transaction id. */
        WRONG_TRANSACTION_ID,
        /** An answer of another function code. */
        WRONG_FUNCTION,
        /** Reads the request and never answers. */
        SILENCE,
        /** A correct answer (registers hold 0, 1, 2 …): the control case. */
        CORRECT
    }

    private final ServerSocket socket;
    private final Thread thread;

    FaultyTcpPeer(Fault fault) throws IOException {
        socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        thread = new Thread(() -> serve(fault), "faulty-peer");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void serve(Fault fault) {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                byte[] req = in.readNBytes(12);
                if (req.length < 12) {
                    continue;
                }
                switch (fault) {
                    case GARBAGE -> out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes());
                    case DISCONNECT_MID_FRAME -> out.write(new byte[]{req[0], req[1], 0, 0, 0, 7, req[6], 3, 4});
                    case SHORT_ANSWER -> out.write(new byte[]{req[0], req[1], 0, 0, 0, 5, req[6], 3, 2, 0, 42});
                    case WRONG_BYTE_COUNT -> out.write(new byte[]{req[0], req[1], 0, 0, 0, 7, req[6], 3, 6, 0, 1, 0, 2});
                    case CLOSE_WITHOUT_ANSWER -> {
                    }
                    case CUT_OFF_THEN_SILENT -> out.write(new byte[]{req[0], req[1], 0, 0});
                    case WRONG_UNIT_ID -> out.write(answer(req, req[0], req[1], 0, (byte) (req[6] + 1), req[7]));
                    case WRONG_PROTOCOL_ID -> out.write(answer(req, req[0], req[1], 1, req[6], req[7]));
                    case WRONG_TRANSACTION_ID -> out.write(answer(req, req[0], (byte) (req[1] + 7), 0, req[6], req[7]));
                    case WRONG_FUNCTION -> out.write(answer(req, req[0], req[1], 0, req[6], (byte) 4));
                    case SILENCE -> {
                    }
                    case CORRECT -> out.write(answer(req, req[0], req[1], 0, req[6], req[7]));
                }
                out.flush();
                if (fault != Fault.DISCONNECT_MID_FRAME && fault != Fault.CLOSE_WITHOUT_ANSWER) {
                    in.readNBytes(1);
                }
            } catch (IOException e) {
                // the client went away or the peer is closing; wait for the next connection
            }
        }
    }

    /** An FC 3/4 answer to {@code req} whose registers hold 0, 1, 2 …, with the given header fields. */
    private static byte[] answer(byte[] req, byte tidHi, byte tidLo, int protocol, byte unit, byte function) {
        int count = (req[10] & 0xFF) << 8 | req[11] & 0xFF;
        byte[] a = new byte[9 + 2 * count];
        a[0] = tidHi;
        a[1] = tidLo;
        a[3] = (byte) protocol;
        a[4] = (byte) ((3 + 2 * count) >> 8);
        a[5] = (byte) (3 + 2 * count);
        a[6] = unit;
        a[7] = function;
        a[8] = (byte) (2 * count);
        for (int i = 0; i < count; i++) {
            a[10 + 2 * i] = (byte) i;
        }
        return a;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        socket.close();
        thread.join(2000);
    }
}
