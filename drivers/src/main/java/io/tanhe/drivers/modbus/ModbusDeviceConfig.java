package io.tanhe.drivers.modbus;

import io.tanhe.drivers.config.ConfigContext;
import io.tanhe.grammar.config.ConfigNode;
import io.tanhe.drivers.config.ConfiguredSource;
import io.tanhe.drivers.config.PointSettings;
import io.tanhe.drivers.config.PollSettings;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the fields TCP and RTU devices share: {@code unit_id}, {@code byte_order},
 * {@code word_order}, {@code max_registers}, {@code max_gap}, {@code backoff_max}, the schedule
 * and the points ({@code register}, {@code function}, {@code type}, {@code scale}/{@code offset}
 * or {@code expression}, per-point {@code unit_id} and orders).
 */
final class ModbusDeviceConfig {
    private static final List<String> ORDERS = List.of("big", "little");

    private ModbusDeviceConfig() {
    }

    static ConfiguredSource create(String id, ConfigNode device, ConfigContext ctx, ModbusBus bus, int maxUnitId) {
        PollSettings poll = PollSettings.read(device);
        int unitId = device.integer("unit_id", 1, 0, maxUnitId);
        RegisterOrder order = order(device, RegisterOrder.BIG);
        int maxRegisters = device.integer("max_registers", ModbusFunction.MAX_REGISTERS, 1, ModbusFunction.MAX_REGISTERS);
        int maxGap = device.integer("max_gap", 10, 0, ModbusFunction.MAX_REGISTERS);
        Duration backoffMax = device.duration("backoff_max", Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofHours(1));
        List<ModbusPoint> points = new ArrayList<>();
        for (ConfigNode p : device.list("points")) {
            points.add(point(p, unitId, maxUnitId, order));
        }
        if (points.isEmpty()) {
            device.problem("points", "a Modbus device needs at least one point");
        }
        List<ReadRequest> plan = points.isEmpty() ? List.of() : new ReadPlanner(maxRegisters, maxGap).plan(points);
        ModbusDevice d = new ModbusDevice(id, bus, plan, poll, ctx.clock(), backoffMax);
        return new ConfiguredSource.Polled(d, poll, points.stream().map(ModbusPoint::settings).toList());
    }

    private static ModbusPoint point(ConfigNode p, int deviceUnit, int maxUnitId, RegisterOrder deviceOrder) {
        PointSettings settings = PointSettings.read(p);
        int unitId = p.integer("unit_id", deviceUnit, 0, maxUnitId);
        ModbusFunction function = ModbusFunction.ofCode(p.integer("function", 3, 1, 4));
        int register = p.integer("register", 0, 65535);
        String defaultType = function.readsBits() ? "bool" : "uint16";
        DataType type = DataType.ofConfigName(p.choice("type", DataType.configNames(), defaultType));
        if (function.readsBits() != (type == DataType.BOOL)) {
            p.problem("type", function.readsBits()
                    ? "function " + function.code() + " reads bits; use type bool or function 3/4"
                    : "type bool needs function 1 (coils) or 2 (discrete inputs)");
            type = DataType.ofConfigName(defaultType);
        }
        if (register + Math.max(1, type.registers()) > 65536) {
            p.problem("register", type.configName() + " at " + register + " runs past register 65535");
        }
        return new ModbusPoint(settings, unitId, function, register, type, order(p, deviceOrder), scaling(p));
    }

    private static RegisterOrder order(ConfigNode node, RegisterOrder fallback) {
        String bytes = node.choice("byte_order", ORDERS, fallback.bigEndianBytes() ? "big" : "little");
        String words = node.choice("word_order", ORDERS, fallback.bigEndianWords() ? "big" : "little");
        return new RegisterOrder(bytes.equals("big"), words.equals("big"));
    }

    private static Scaling scaling(ConfigNode p) {
        BigDecimal k = p.decimal("scale").orElse(null);
        BigDecimal b = p.decimal("offset").orElse(null);
        if (p.has("expression")) {
            if (k != null || b != null) {
                p.problem("expression", "use either expression or scale/offset, not both");
            }
            try {
                return new Scaling.Expression(p.text("expression"));
            } catch (IllegalArgumentException e) {
                p.problem("expression", e.getMessage());
                return Scaling.NONE;
            }
        }
        if (k == null && b == null) {
            return Scaling.NONE;
        }
        return new Scaling.Linear(k == null ? BigDecimal.ONE : k, b == null ? BigDecimal.ZERO : b);
    }
}
