package io.tanhe.drivers.cjt188;

import io.tanhe.drivers.cjt188.UnitCode.Dimension;
import io.tanhe.drivers.frame.Bcd;
import io.tanhe.drivers.frame.Hex;
import io.tanhe.drivers.frame.MalformedFrameException;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * Decodes the payload of a 901F reply (after DI and SER) by the 2004 layouts of protocols.md §3.3:
 * water and gas {@code flow 4+unit | settlement flow 4+unit | time 7 | ST 2}; heat
 * {@code settlement heat 4+unit | current heat 4+unit | power 4+unit | flow rate 4+unit |
 * cumulative flow 4+unit | supply °C 3 | return °C 3 | hours 3 | time 7 | ST 2}. Values are
 * XXXXXX.XX except flow rate XXXX.XXXX, temperatures XXXX.XX and hours XXXXXX.
 */
final class CurrentDataDecoder {
    static final int WATER_PAYLOAD = 19;
    static final int HEAT_PAYLOAD = 43;

    private final Cjt188Layout layout;
    private final byte[] payload;
    private final String meter;
    private int pos;

    private CurrentDataDecoder(Cjt188Layout layout, byte[] payload, String meter) {
        this.layout = layout;
        this.payload = payload;
        this.meter = meter;
    }

    /** Decodes {@code payload} of a meter of {@code type}. */
    static MeterData decode(MeterType type, Cjt188Address address, byte[] payload, Cjt188Layout layout) throws MalformedFrameException {
        CurrentDataDecoder d = new CurrentDataDecoder(layout, payload, "meter " + address);
        Map<MeterField, Quantity> values = new EnumMap<>(MeterField.class);
        switch (type.kind()) {
            case WATER, GAS -> {
                d.requireLength(WATER_PAYLOAD, type);
                values.put(MeterField.CUMULATIVE_FLOW, d.unitValue(MeterField.CUMULATIVE_FLOW, 2, Dimension.VOLUME));
                values.put(MeterField.SETTLEMENT_FLOW, d.unitValue(MeterField.SETTLEMENT_FLOW, 2, Dimension.VOLUME));
            }
            case HEAT -> {
                d.requireLength(HEAT_PAYLOAD, type);
                values.put(MeterField.SETTLEMENT_HEAT, d.unitValue(MeterField.SETTLEMENT_HEAT, 2, Dimension.ENERGY));
                values.put(MeterField.CURRENT_HEAT, d.unitValue(MeterField.CURRENT_HEAT, 2, Dimension.ENERGY));
                values.put(MeterField.HEAT_POWER, d.unitValue(MeterField.HEAT_POWER, 2, Dimension.POWER));
                values.put(MeterField.FLOW_RATE, d.unitValue(MeterField.FLOW_RATE, 4, Dimension.FLOW_RATE));
                values.put(MeterField.CUMULATIVE_FLOW, d.unitValue(MeterField.CUMULATIVE_FLOW, 2, Dimension.VOLUME));
                values.put(MeterField.SUPPLY_TEMPERATURE, new Quantity(d.number(MeterField.SUPPLY_TEMPERATURE, 3, 2), "°C"));
                values.put(MeterField.RETURN_TEMPERATURE, new Quantity(d.number(MeterField.RETURN_TEMPERATURE, 3, 2), "°C"));
                values.put(MeterField.WORKING_HOURS, new Quantity(d.number(MeterField.WORKING_HOURS, 3, 0), "h"));
            }
            default -> throw new MalformedFrameException("no 901F layout for " + type.describe() + " from meter " + address
                    + "; only water, heat and gas meters are decoded");
        }
        LocalDateTime time = d.time();
        int status = (d.next() & 0xFF) | (d.next() & 0xFF) << 8;
        return new MeterData(type, address, values, time, status);
    }

    private void requireLength(int expected, MeterType type) throws MalformedFrameException {
        if (payload.length != expected) {
            throw new MalformedFrameException("901F reply of " + type.describe() + " from " + meter + " has " + payload.length
                    + " bytes after DI and SER, expected " + expected);
        }
    }

    /** A 4-byte XXXXXX.XX-style value with its unit byte before or after it. */
    private Quantity unitValue(MeterField field, int decimals, Dimension dimension) throws MalformedFrameException {
        int unitByte = layout.unitPosition() == Cjt188Layout.UnitPosition.BEFORE ? payload[pos++] & 0xFF : -1;
        BigDecimal number = number(field, 4, decimals);
        if (unitByte < 0) {
            unitByte = payload[pos++] & 0xFF;
        }
        int code = unitByte;
        UnitCode unit = UnitCode.of(code).orElseThrow(() -> new MalformedFrameException(field.key() + " from " + meter
                + ": unknown unit code " + Hex.ofByte(code) + "; check the unit position (before/after) of this meter model"));
        if (unit.dimension() != dimension) {
            throw new MalformedFrameException(field.key() + " from " + meter + ": unit " + unit.describe() + " is not a "
                    + dimension.name().toLowerCase().replace('_', ' ') + " unit; check the unit position (before/after) of this meter model");
        }
        return new Quantity(number.movePointRight(unit.powerOfTen()), unit.symbol());
    }

    private BigDecimal number(MeterField field, int byteCount, int decimals) throws MalformedFrameException {
        byte[] raw = Arrays.copyOfRange(payload, pos, pos + byteCount);
        pos += byteCount;
        byte[] msbFirst = layout.valueOrder() == Cjt188Layout.ValueOrder.LSB_FIRST ? Bcd.reversed(raw) : raw;
        return Bcd.decode(msbFirst, decimals, false, field.key() + " from " + meter);
    }

    /**
     * Real time {@code ss mm hh DD MM YY CC}; {@code null} when all zero, not BCD or not a valid date.
     * A bad clock does not invalidate the values beside it; the device falls back to the poll time.
     */
    private LocalDateTime time() {
        byte[] raw = Arrays.copyOfRange(payload, pos, pos + 7);
        pos += 7;
        try {
            int[] f = new int[7];
            for (int i = 0; i < 7; i++) {
                f[i] = Bcd.twoDigits(raw[i], "real time");
            }
            return LocalDateTime.of(f[6] * 100 + f[5], f[4], f[3], f[2], f[1], f[0]);
        } catch (MalformedFrameException | DateTimeException e) {
            return null;
        }
    }

    private byte next() {
        return payload[pos++];
    }
}
