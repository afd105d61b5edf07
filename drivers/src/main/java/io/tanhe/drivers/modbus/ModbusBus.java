package io.tanhe.drivers.modbus;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.ModbusIOException;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.facade.AbstractModbusMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.util.BitVector;
import io.tanhe.drivers.Quality;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One Modbus line: a TCP connection or a serial port, shared by every unit id on it. Requests are
 * serialised (a bus carries one exchange at a time); the connection opens on the first request and
 * reopens after a failure. TCP is framed by {@link ModbusTcpLink}; serial RTU goes through j2mod,
 * which does one attempt per call. Retries are counted here so every failure can be classified;
 * an exception reply is never retried.
 */
public final class ModbusBus implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModbusBus.class);

    /** One open line: sends a request and returns its checked answer, or fails with a classified {@link ModbusFailure}. */
    interface Link extends AutoCloseable {
        RawData read(ReadRequest r, Duration timeout) throws ModbusFailure;

        void writeRegisters(int unitId, int address, int[] values, Duration timeout) throws ModbusFailure;

        void writeCoils(int unitId, int address, boolean[] values, Duration timeout) throws ModbusFailure;

        @Override
        void close();
    }

    /** Opens a link within a timeout. */
    interface Opener {
        Link open(Duration timeout) throws ModbusFailure;
    }

    private final String name;
    private final Opener opener;
    private final boolean reopenAfterFailure;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final AtomicLong requests = new AtomicLong();
    private Link link;
    private boolean closed;

    /**
     * A bus on a j2mod master (Modbus RTU on a serial line).
     *
     * @param name               for logs and messages, e.g. {@code rtu /dev/ttyUSB0}
     * @param connector          creates an unconnected j2mod master
     * @param reopenAfterFailure whether to drop the connection after an I/O failure, so a late answer
     *                           cannot be taken for the next one (TCP); serial ports stay open
     */
    public ModbusBus(String name, Supplier<AbstractModbusMaster> connector, boolean reopenAfterFailure) {
        this(name, timeout -> J2modLink.open(name, connector.get(), timeout), reopenAfterFailure);
    }

    private ModbusBus(String name, Opener opener, boolean reopenAfterFailure) {
        this.name = name;
        this.opener = opener;
        this.reopenAfterFailure = reopenAfterFailure;
    }

    /**
     * A Modbus TCP bus to {@code host:port}, framed by {@link ModbusTcpLink}, which checks every answer's
     * protocol id, transaction id, unit id, function and byte count. The connection is dropped after any
     * failure, so a late answer cannot be taken for the next request.
     */
    public static ModbusBus tcp(String host, int port) {
        String name = "tcp " + host + ":" + port;
        return new ModbusBus(name, timeout -> ModbusTcpLink.open(name, host, port, timeout), true);
    }

    /** The bus name, e.g. {@code tcp 127.0.0.1:502}. */
    public String name() {
        return name;
    }

    /** Requests sent on this bus so far, retries included. */
    public long requestCount() {
        return requests.get();
    }

    /**
     * Executes one read, retrying timeouts and garbled answers up to {@code retries} more times.
     *
     * @throws ModbusFailure after the last attempt, or at once on an exception reply
     */
    public RawData read(ReadRequest r, Duration timeout, int retries) throws ModbusFailure {
        return withRetries(timeout, retries, l -> l.read(r, timeout));
    }

    /** Writes registers: FC 6 for one register, FC 16 for more. */
    public void writeRegisters(int unitId, int address, int[] values, Duration timeout, int retries) throws ModbusFailure {
        withRetries(timeout, retries, l -> {
            l.writeRegisters(unitId, address, values, timeout);
            return null;
        });
    }

    /** Writes coils: FC 5 for one coil, FC 15 for more. */
    public void writeCoils(int unitId, int address, boolean[] values, Duration timeout, int retries) throws ModbusFailure {
        withRetries(timeout, retries, l -> {
            l.writeCoils(unitId, address, values, timeout);
            return null;
        });
    }

    private interface Exchange<T> {
        T run(Link l) throws ModbusFailure;
    }

    private <T> T withRetries(Duration timeout, int retries, Exchange<T> exchange) throws ModbusFailure {
        lock.lock();
        try {
            ModbusFailure last = null;
            for (int attempt = 0; attempt <= retries; attempt++) {
                Link l;
                try {
                    l = connected(timeout);
                } catch (ModbusFailure f) {
                    last = f;
                    LOG.debug("bus {}: attempt {} failed: {}", name, attempt + 1, f.getMessage());
                    continue;
                }
                try {
                    requests.incrementAndGet();
                    return exchange.run(l);
                } catch (ModbusFailure f) {
                    if (f.quality() == Quality.DEVICE_ERROR) {
                        throw f; // the device answered: asking again gives the same answer
                    }
                    last = f;
                } catch (RuntimeException e) {
                    last = new ModbusFailure(Quality.COMM_ERROR, "bus " + name + ": " + describe(e));
                }
                if (reopenAfterFailure) {
                    disconnect();
                }
                LOG.debug("bus {}: attempt {} failed: {}", name, attempt + 1, last.getMessage());
            }
            throw last;
        } finally {
            lock.unlock();
        }
    }

    private Link connected(Duration timeout) throws ModbusFailure {
        if (closed) {
            throw new ModbusFailure(Quality.COMM_ERROR, "bus " + name + " is closed");
        }
        if (link == null) {
            link = opener.open(timeout);
        }
        return link;
    }

    static String describe(Throwable e) {
        StringBuilder s = new StringBuilder();
        for (Throwable t = e; t != null && s.length() < 300; t = t.getCause()) {
            if (s.length() > 0) {
                s.append(" <- ");
            }
            s.append(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
        }
        return s.toString();
    }

    private void disconnect() {
        if (link != null) {
            try {
                link.close();
            } catch (RuntimeException e) {
                LOG.debug("bus {}: disconnect failed: {}", name, e.toString());
            }
            link = null;
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            disconnect();
        } finally {
            lock.unlock();
        }
    }

    /** A link through a j2mod master (serial RTU), whose failures are classified from j2mod's exceptions. */
    private static final class J2modLink implements Link {
        private final String name;
        private final AbstractModbusMaster master;

        private J2modLink(String name, AbstractModbusMaster master) {
            this.name = name;
            this.master = master;
        }

        static J2modLink open(String name, AbstractModbusMaster master, Duration timeout) throws ModbusFailure {
            master.setTimeout((int) timeout.toMillis());
            try {
                master.connect();
            } catch (Exception e) {
                throw new ModbusFailure(Quality.TIMEOUT, "cannot open " + name + ": " + describe(e));
            }
            master.setRetries(1);
            return new J2modLink(name, master);
        }

        private interface Call<T> {
            T run() throws ModbusException;
        }

        private <T> T call(Duration timeout, Call<T> c) throws ModbusFailure {
            master.setTimeout((int) timeout.toMillis());
            try {
                return c.run();
            } catch (ModbusSlaveException e) {
                throw new ModbusFailure(Quality.DEVICE_ERROR, "exception reply " + e.getType() + " (" + e.getMessage() + ")");
            } catch (ModbusException e) {
                throw classify(e);
            }
        }

        @Override
        public RawData read(ReadRequest r, Duration timeout) throws ModbusFailure {
            return call(timeout, () -> readOnce(r));
        }

        @Override
        public void writeRegisters(int unitId, int address, int[] values, Duration timeout) throws ModbusFailure {
            call(timeout, () -> {
                if (values.length == 1) {
                    master.writeSingleRegister(unitId, address, new SimpleRegister(values[0]));
                } else {
                    Register[] regs = new Register[values.length];
                    for (int i = 0; i < values.length; i++) {
                        regs[i] = new SimpleRegister(values[i]);
                    }
                    master.writeMultipleRegisters(unitId, address, regs);
                }
                return null;
            });
        }

        @Override
        public void writeCoils(int unitId, int address, boolean[] values, Duration timeout) throws ModbusFailure {
            call(timeout, () -> {
                if (values.length == 1) {
                    master.writeCoil(unitId, address, values[0]);
                } else {
                    BitVector bits = new BitVector(values.length);
                    for (int i = 0; i < values.length; i++) {
                        bits.setBit(i, values[i]);
                    }
                    master.writeMultipleCoils(unitId, address, bits);
                }
                return null;
            });
        }

        private RawData readOnce(ReadRequest r) throws ModbusException {
            AbstractModbusMaster m = master;
            int unit = r.unitId();
            switch (r.function()) {
                case READ_COILS, READ_DISCRETE_INPUTS -> {
                    BitVector v = r.function() == ModbusFunction.READ_COILS
                            ? m.readCoils(unit, r.start(), r.count()) : m.readInputDiscretes(unit, r.start(), r.count());
                    if (v == null || v.size() < r.count()) {
                        throw new ModbusException("answer carries " + (v == null ? 0 : v.size()) + " bits, asked for " + r.count());
                    }
                    boolean[] bits = new boolean[r.count()];
                    for (int i = 0; i < bits.length; i++) {
                        bits[i] = v.getBit(i);
                    }
                    return new RawData(new int[0], bits);
                }
                default -> {
                    InputRegister[] regs = r.function() == ModbusFunction.READ_HOLDING_REGISTERS
                            ? m.readMultipleRegisters(unit, r.start(), r.count()) : m.readInputRegisters(unit, r.start(), r.count());
                    if (regs == null || regs.length != r.count()) {
                        throw new ModbusException("answer carries " + (regs == null ? 0 : regs.length) + " registers, asked for " + r.count());
                    }
                    int[] words = new int[regs.length];
                    for (int i = 0; i < words.length; i++) {
                        words[i] = regs[i].toUnsignedShort();
                    }
                    return new RawData(words, new boolean[0]);
                }
            }
        }

        /** Silence is TIMEOUT; broken frames, CRC errors and lost connections are COMM_ERROR. */
        private ModbusFailure classify(Exception e) {
            String text = describe(e);
            String lower = text.toLowerCase(Locale.ROOT);
            boolean silent = e instanceof ModbusIOException
                    && (lower.contains("timeout") || lower.contains("timed out") || lower.contains("tried")
                        || lower.contains("cannot read from serial port"))
                    && !lower.contains("crc") && !lower.contains("end of file") && !lower.contains("connection");
            return new ModbusFailure(silent ? Quality.TIMEOUT : Quality.COMM_ERROR, "bus " + name + ": " + text);
        }

        @Override
        public void close() {
            master.disconnect();
        }
    }
}
