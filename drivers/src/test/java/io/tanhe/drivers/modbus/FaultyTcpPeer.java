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
        SHORT_ANSWER
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
                }
                out.flush();
                if (fault != Fault.DISCONNECT_MID_FRAME) {
                    in.readNBytes(1);
                }
            } catch (IOException e) {
                // the client went away or the peer is closing; wait for the next connection
            }
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        socket.close();
        thread.join(2000);
    }
}
