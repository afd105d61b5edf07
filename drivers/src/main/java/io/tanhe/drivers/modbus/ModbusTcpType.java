package io.tanhe.drivers.modbus;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import io.tanhe.drivers.config.ConfigContext;
import io.tanhe.grammar.config.ConfigNode;
import io.tanhe.drivers.config.ConfiguredSource;
import io.tanhe.drivers.config.SourceType;

/**
 * {@code type: modbus-tcp}: fields {@code host}, {@code port} (default 502) plus the common Modbus
 * fields. Devices with the same host and port share one connection (one bus, many unit ids).
 */
public final class ModbusTcpType implements SourceType {
    @Override
    public String type() {
        return "modbus-tcp";
    }

    @Override
    public ConfiguredSource create(String id, ConfigNode device, ConfigContext ctx) {
        String host = device.text("host");
        int port = device.integer("port", 502, 1, 65535);
        String name = "tcp " + host + ":" + port;
        ModbusBus bus = ctx.shared("modbus-tcp:" + host + ":" + port, ModbusBus.class,
                () -> new ModbusBus(name, () -> new ModbusTCPMaster(host, port, 1000, false), true));
        return ModbusDeviceConfig.create(id, device, ctx, bus, 255);
    }
}
