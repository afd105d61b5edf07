package io.tanhe.drivers.modbus;

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
        ModbusBus bus = ctx.shared("modbus-tcp:" + host + ":" + port, ModbusBus.class, () -> ModbusBus.tcp(host, port));
        return ModbusDeviceConfig.create(id, device, ctx, bus, 255);
    }
}
