package io.tanhe.drivers.serial;

import io.tanhe.drivers.config.ConfigContext;
import io.tanhe.grammar.config.ConfigNode;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The bus of a DL/T 645 or CJ/T 188 device in a points file: exactly one of
 * {@code serial: {port, baud, parity, data_bits, stop_bits}} (defaults 2400 8E1, protocols.md §2.1
 * and §3.1) or {@code tcp: {host, port, connect_timeout}} for a transparent serial server. Devices
 * naming the same port or server share one {@link HalfDuplexLine}, so their requests never overlap;
 * they must agree on its settings.
 */
public final class LineField {
    private static final List<String> PARITIES = List.of("none", "even", "odd");

    private LineField() {
    }

    /** The line shared under its key, with the settings it was created with. */
    private record SharedLine(String settings, HalfDuplexLine line) implements AutoCloseable {
        @Override
        public void close() {
            line.close();
        }
    }

    /** Reads {@code serial} or {@code tcp} of {@code device}; records problems and returns a line that is never opened when there are any. */
    public static HalfDuplexLine read(ConfigNode device, ConfigContext ctx) {
        Optional<ConfigNode> serial = device.object("serial");
        Optional<ConfigNode> tcp = device.object("tcp");
        if (serial.isPresent() == tcp.isPresent()) {
            device.problem(serial.isPresent() ? "tcp" : "serial",
                    "give exactly one of serial: {port: /dev/ttyUSB0, baud: 2400, parity: even} or tcp: {host: 10.0.0.5, port: 4001}");
            return new HalfDuplexLine(new TcpTransport(new TcpEndpoint("unconfigured", 1, Duration.ofSeconds(1))));
        }
        ByteTransport transport = serial.map(LineField::serialTransport).orElseGet(() -> tcpTransport(tcp.orElseThrow()));
        String key = "meter-line:" + (serial.isPresent() ? "serial:" + serial.get().text("port", "") : tcpKey(tcp.orElseThrow()));
        SharedLine shared = ctx.shared(key, SharedLine.class, () -> new SharedLine(transport.describe(), new HalfDuplexLine(transport)));
        if (!shared.settings().equals(transport.describe())) {
            device.problem(serial.isPresent() ? "serial" : "tcp", "this line is already used as " + shared.settings()
                    + " by another device; devices on one line must use the same settings");
        }
        return shared.line();
    }

    private static ByteTransport serialTransport(ConfigNode s) {
        String port = s.text("port");
        int baud = s.integer("baud", 2400, 300, 921_600);
        Parity parity = Parity.valueOf(s.choice("parity", PARITIES, "even").toUpperCase());
        int dataBits = s.integer("data_bits", 8, 5, 8);
        int stopBits = s.integer("stop_bits", 1, 1, 2);
        return new SerialPortTransport(new SerialSettings(port.isEmpty() ? "unconfigured" : port, baud, dataBits, parity, stopBits));
    }

    private static ByteTransport tcpTransport(ConfigNode t) {
        String host = t.text("host");
        int port = t.integer("port", 1, 65535);
        Duration connect = t.duration("connect_timeout", Duration.ofSeconds(3), Duration.ofMillis(100), Duration.ofMinutes(1));
        return new TcpTransport(new TcpEndpoint(host.isEmpty() ? "unconfigured" : host, port, connect));
    }

    private static String tcpKey(ConfigNode t) {
        return "tcp:" + t.text("host", "") + ":" + t.text("port", "");
    }
}
