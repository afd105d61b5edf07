package io.tanhe.drivers.registry;

import io.tanhe.drivers.cjt188.Cjt188Type;
import io.tanhe.drivers.config.SourceType;
import io.tanhe.drivers.dlt645.Dlt645Type;
import io.tanhe.drivers.http.HttpType;
import io.tanhe.drivers.manual.FileType;
import io.tanhe.drivers.manual.ManualType;
import io.tanhe.drivers.modbus.ModbusRtuType;
import io.tanhe.drivers.modbus.ModbusTcpType;
import io.tanhe.drivers.mqtt.MqttType;
import io.tanhe.drivers.opcua.OpcUaType;
import io.tanhe.drivers.sql.SqlType;

import java.util.List;

/**
 * Every driver family the points file knows. Each family registers itself with one line here; this
 * package sits above the driver packages and {@code config}, so none of them depends on another.
 * Give the list to {@link io.tanhe.drivers.config.PointsFileLoader}.
 */
public final class SourceTypes {
    private SourceTypes() {
    }

    /** The registered families, in the order their {@code type:} names are listed in errors. */
    public static List<SourceType> all() {
        return List.of(
                new ModbusTcpType(),
                new ModbusRtuType(),
                new MqttType(),
                new HttpType(),
                new SqlType(),
                new OpcUaType(),
                new FileType(),
                new ManualType(),
                new Dlt645Type(),
                new Cjt188Type()
        );
    }
}
