package io.tanhe.drivers.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;

import java.io.IOException;

/** A local serial port (RS-485 or M-Bus adapter) through jSerialComm. */
public final class SerialPortTransport implements ByteTransport {
    private static final int WRITE_TIMEOUT_MS = 2000;

    private final SerialSettings settings;
    private SerialPort port;
    private int readTimeoutSet = -1;

    public SerialPortTransport(SerialSettings settings) {
        this.settings = settings;
    }

    @Override
    public String describe() {
        return "serial " + settings.describe();
    }

    @Override
    public void open() throws IOException {
        if (isOpen()) {
            return;
        }
        SerialPort p;
        try {
            p = SerialPort.getCommPort(settings.port());
        } catch (SerialPortInvalidPortException e) {
            throw new IOException("no serial port " + settings.port() + ": " + e.getMessage(), e);
        }
        p.setComPortParameters(settings.baud(), settings.dataBits(), stopBits(), parity());
        if (!p.openPort()) {
            throw new IOException("cannot open " + describe() + " (error " + p.getLastErrorCode()
                    + "); check the device path and that no other program holds it");
        }
        port = p;
        readTimeoutSet = -1;
    }

    @Override
    public boolean isOpen() {
        return port != null && port.isOpen();
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        requireOpen();
        int written = port.writeBytes(bytes, bytes.length);
        if (written != bytes.length) {
            throw new IOException("write to " + describe() + " failed: " + written + " of " + bytes.length + " bytes");
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length, int timeoutMillis) throws IOException {
        requireOpen();
        int timeout = Math.max(1, timeoutMillis);
        if (timeout != readTimeoutSet) {
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                    timeout, WRITE_TIMEOUT_MS);
            readTimeoutSet = timeout;
        }
        int n = port.readBytes(buffer, length, offset);
        if (n < 0) {
            throw new TransportClosedException("read from " + describe() + " failed (error " + port.getLastErrorCode()
                    + "); the adapter may have been unplugged");
        }
        return n;
    }

    @Override
    public void discardInput() throws IOException {
        requireOpen();
        int available = port.bytesAvailable();
        if (available > 0) {
            port.readBytes(new byte[available], available);
        }
    }

    @Override
    public void close() {
        if (port != null) {
            port.closePort();
            port = null;
        }
    }

    private int stopBits() {
        return settings.stopBits() == 2 ? SerialPort.TWO_STOP_BITS : SerialPort.ONE_STOP_BIT;
    }

    private int parity() {
        return switch (settings.parity()) {
            case NONE -> SerialPort.NO_PARITY;
            case EVEN -> SerialPort.EVEN_PARITY;
            case ODD -> SerialPort.ODD_PARITY;
        };
    }

    private void requireOpen() throws IOException {
        if (!isOpen()) {
            throw new IOException(describe() + " is not open");
        }
    }
}
