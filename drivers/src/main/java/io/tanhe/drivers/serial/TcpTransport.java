package io.tanhe.drivers.serial;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A TCP connection to a transparent serial server (a serial-to-Ethernet converter in "TCP server"
 * mode) or to a meter with a network port. Connects on {@link #open()}; after a failure the line
 * closes it and the next request reconnects.
 */
public final class TcpTransport implements ByteTransport {
    private final TcpEndpoint endpoint;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    public TcpTransport(TcpEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public String describe() {
        return "tcp " + endpoint.host() + ":" + endpoint.port();
    }

    @Override
    public void open() throws IOException {
        if (isOpen()) {
            return;
        }
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            // timeouts leave the connection open (see HalfDuplexLine); keep-alive finds a peer that vanished
            s.setKeepAlive(true);
            s.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), (int) endpoint.connectTimeout().toMillis());
        } catch (IOException e) {
            s.close();
            throw new IOException("cannot connect to " + describe() + ": " + e.getMessage(), e);
        }
        socket = s;
        in = s.getInputStream();
        out = s.getOutputStream();
    }

    @Override
    public boolean isOpen() {
        return socket != null && !socket.isClosed();
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        requireOpen();
        out.write(bytes);
        out.flush();
    }

    @Override
    public int read(byte[] buffer, int offset, int length, int timeoutMillis) throws IOException {
        requireOpen();
        socket.setSoTimeout(Math.max(1, timeoutMillis));
        try {
            int n = in.read(buffer, offset, length);
            if (n < 0) {
                throw new TransportClosedException("connection closed by " + describe());
            }
            return n;
        } catch (SocketTimeoutException e) {
            return 0;
        }
    }

    @Override
    public void discardInput() throws IOException {
        requireOpen();
        in.skip(in.available());
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a broken socket can fail; the socket is unusable either way
            }
            socket = null;
        }
    }

    private void requireOpen() throws IOException {
        if (!isOpen()) {
            throw new IOException(describe() + " is not connected");
        }
    }
}
