package io.tanhe.drivers.modbus;

import com.fazecast.jSerialComm.SerialPort;
import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.facade.ModbusSerialMaster;
import com.ghgande.j2mod.modbus.util.SerialParameters;
import io.tanhe.drivers.config.ConfigContext;
import io.tanhe.grammar.config.ConfigNode;
import io.tanhe.drivers.config.ConfiguredSource;
import io.tanhe.drivers.config.SourceType;

import java.util.List;

/**
 * {@code type: modbus-rtu}: fields {@code port} (serial device, e.g. {@code /dev/ttyUSB0}),
 * {@code baud} (default 9600), {@code parity} (none/even/odd, default none), {@code data_bits} (8),
 * {@code stop_bits} (1), plus the common Modbus fields. Devices on the same port share the line
 * and must agree on its settings.
 */
public final class ModbusRtuType implements SourceType {
    private static final List<String> PARITIES = List.of("none", "odd", "even");

    /** The settings of one serial line; every device on the line must use the same. */
    record Line(String port, int baud, String parity, int dataBits, int stopBits) {
        SerialParameters parameters() {
            SerialParameters p = new SerialParameters();
            p.setPortName(port);
            p.setBaudRate(baud);
            p.setDatabits(dataBits);
            p.setStopbits(stopBits);
            p.setParity(switch (parity) {
                case "odd" -> SerialPort.ODD_PARITY;
                case "even" -> SerialPort.EVEN_PARITY;
                default -> SerialPort.NO_PARITY;
            });
            p.setEncoding(Modbus.SERIAL_ENCODING_RTU);
            p.setEcho(false);
            return p;
        }
    }

    /** A bus together with the line settings it was opened with. */
    record SerialBus(Line line, ModbusBus bus) implements AutoCloseable {
        @Override
        public void close() {
            bus.close();
        }
    }

    @Override
    public String type() {
        return "modbus-rtu";
    }

    @Override
    public ConfiguredSource create(String id, ConfigNode device, ConfigContext ctx) {
        Line line = new Line(device.text("port"), device.integer("baud", 9600, 300, 921600),
                device.choice("parity", PARITIES, "none"), device.integer("data_bits", 8, 7, 8),
                device.integer("stop_bits", 1, 1, 2));
        SerialBus serial = ctx.shared("modbus-rtu:" + line.port(), SerialBus.class, () -> new SerialBus(line,
                new ModbusBus("rtu " + line.port(), () -> new ModbusSerialMaster(line.parameters(), 1000), false)));
        if (!serial.line().equals(line)) {
            device.problem("port", "line " + line.port() + " is already used with other settings " + serial.line()
                    + "; every device on one serial line must use the same baud, parity, data and stop bits");
        }
        return ModbusDeviceConfig.create(id, device, ctx, serial.bus(), 247);
    }
}
