package io.tanhe.drivers.config;

import java.util.List;

/** Every driver family the points file knows. Each family registers itself with one line here. */
public final class SourceTypes {
    private SourceTypes() {
    }

    /** The registered families, in the order their {@code type:} names are listed in errors. */
    public static List<SourceType> all() {
        return List.of(
                new io.tanhe.drivers.modbus.ModbusTcpType(),
                new io.tanhe.drivers.modbus.ModbusRtuType(),
                new io.tanhe.drivers.mqtt.MqttType(),
                new io.tanhe.drivers.http.HttpType(),
                new io.tanhe.drivers.sql.SqlType(),
                new io.tanhe.drivers.opcua.OpcUaType(),
                new io.tanhe.drivers.manual.FileType(),
                new io.tanhe.drivers.manual.ManualType(),
                new io.tanhe.drivers.dlt645.Dlt645Type(),
                new io.tanhe.drivers.cjt188.Cjt188Type()
        );
    }
}
