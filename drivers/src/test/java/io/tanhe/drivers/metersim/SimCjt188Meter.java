package io.tanhe.drivers.metersim;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * A CJ/T 188-2004 water or heat meter, built from protocols.md §3.1–3.3: frames
 * {@code 68 T A0..A6 C L DI0 DI1 SER DATA CS 16}, no scrambling, read 0x01 answered 0x81 with the
 * 901F layout of its type, read address 0x03 (DI 810A) answered 0x83, abnormal replies with bit 6.
 * The vendor variations are switchable: values most significant byte first, unit before value,
 * DI sent {@code 1F 90}.
 */
public final class SimCjt188Meter implements SimMeter {
    private final int type;
    private final byte[] address;
    private final boolean heat;
    private boolean msbFirst;
    private boolean unitBefore;
    private boolean diLowFirst;
    private String[] fives;
    private String[] threes = {"0", "0", "0"};
    private byte[] time = new byte[7];
    private int status;

    /**
     * @param type    the type byte, 0x10..0x19 water or 0x20..0x29 heat
     * @param address the 14 address digits
     */
    public SimCjt188Meter(int type, String address) {
        this.type = type;
        this.address = SimBytes.addressWire(address);
        this.heat = type >> 4 == 2;
    }

    /** Water: current and settlement-day cumulative flow in m3 (XXXXXX.XX). */
    public SimCjt188Meter water(String flow, String settlementFlow) {
        fives = new String[]{flow, "2C", settlementFlow, "2C"};
        return this;
    }

    /**
     * Heat: each pair is a decimal and a unit code in hex. Flow rate is XXXX.XXXX; the others XXXXXX.XX.
     */
    public SimCjt188Meter heat(String settlementHeat, String heatUnit, String currentHeat, String power, String powerUnit,
                               String flowRate, String flowRateUnit, String cumulativeFlow, String supply, String ret, String hours) {
        fives = new String[]{settlementHeat, heatUnit, currentHeat, heatUnit, power, powerUnit, flowRate, flowRateUnit, cumulativeFlow, "2C"};
        threes = new String[]{supply, ret, hours};
        return this;
    }

    /** The clock: seconds first, {@code ss mm hh DD MM YY CC} as BCD. */
    public SimCjt188Meter time(int year, int month, int day, int hour, int minute, int second) {
        time = SimBytes.bcdMsbFirst(String.format("%02d%02d%02d%02d%02d%02d%02d", second, minute, hour, day, month, year % 100, year / 100));
        return this;
    }

    public SimCjt188Meter status(int st) {
        this.status = st;
        return this;
    }

    public SimCjt188Meter msbFirst() {
        msbFirst = true;
        return this;
    }

    public SimCjt188Meter unitBefore() {
        unitBefore = true;
        return this;
    }

    public SimCjt188Meter diLowFirst() {
        diLowFirst = true;
        return this;
    }

    @Override
    public int headerLength() {
        return 11;
    }

    @Override
    public byte[] answer(byte[] request, Fault fault) {
        int n = request.length;
        if (SimBytes.sum(request, 0, n - 2) != (request[n - 2] & 0xFF) || (request[n - 1] & 0xFF) != 0x16) {
            return null;
        }
        byte[] addr = Arrays.copyOfRange(request, 2, 9);
        boolean wildcard = Arrays.equals(addr, new byte[]{-86, -86, -86, -86, -86, -86, -86});
        if (!Arrays.equals(addr, address) && !wildcard) {
            return null;
        }
        int control = request[9] & 0xFF;
        byte[] data = Arrays.copyOfRange(request, 11, 11 + (request[10] & 0xFF));
        if (data.length != 3) {
            return null;
        }
        int ser = data[2] & 0xFF;
        boolean di901f = isDi(data, 0x90, 0x1F);
        boolean di810a = isDi(data, 0x81, 0x0A);
        if (control == 0x03 && di810a) {
            return frame(0x83, diBytes(0x81, 0x0A, ser), fault);
        }
        if (control != 0x01 || !di901f) {
            return null;
        }
        if (fault == Fault.ERROR_REPLY) {
            return frame(0xC1, SimBytes.concat(diBytes(0x90, 0x1F, ser), new byte[]{0x04, 0x00}), fault);
        }
        return frame(0x81, SimBytes.concat(diBytes(0x90, 0x1F, ser), payload()), fault);
    }

    private byte[] payload() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < fives.length; i += 2) {
            int decimals = heat && i == 6 ? 4 : 2;
            byte[] value = ordered(SimBytes.bcdLsbFirst(fives[i], decimals, 4));
            byte unit = (byte) Integer.parseInt(fives[i + 1], 16);
            if (unitBefore) {
                out.write(unit);
                out.writeBytes(value);
            } else {
                out.writeBytes(value);
                out.write(unit);
            }
        }
        if (heat) {
            out.writeBytes(ordered(SimBytes.bcdLsbFirst(threes[0], 2, 3)));
            out.writeBytes(ordered(SimBytes.bcdLsbFirst(threes[1], 2, 3)));
            out.writeBytes(ordered(SimBytes.bcdLsbFirst(threes[2], 0, 3)));
        }
        out.writeBytes(time);
        out.write(status & 0xFF);
        out.write(status >> 8 & 0xFF);
        return out.toByteArray();
    }

    private byte[] ordered(byte[] lsbFirst) {
        return msbFirst ? SimBytes.reversed(lsbFirst) : lsbFirst;
    }

    private byte[] diBytes(int high, int low, int ser) {
        return diLowFirst ? new byte[]{(byte) low, (byte) high, (byte) ser} : new byte[]{(byte) high, (byte) low, (byte) ser};
    }

    private static boolean isDi(byte[] data, int high, int low) {
        int a = data[0] & 0xFF;
        int b = data[1] & 0xFF;
        return a == high && b == low || a == low && b == high;
    }

    private byte[] frame(int control, byte[] data, Fault fault) {
        byte[] addr = fault == Fault.WRONG_ADDRESS ? SimBytes.addressWire("99999900000001") : address;
        byte[] f = new byte[13 + data.length];
        f[0] = 0x68;
        f[1] = (byte) type;
        System.arraycopy(addr, 0, f, 2, 7);
        f[9] = (byte) control;
        f[10] = (byte) data.length;
        System.arraycopy(data, 0, f, 11, data.length);
        int cs = SimBytes.sum(f, 0, 11 + data.length);
        f[11 + data.length] = (byte) (fault == Fault.BAD_CHECKSUM ? cs + 1 : cs);
        f[12 + data.length] = 0x16;
        return SimBytes.concat(new byte[]{(byte) 0xFE, (byte) 0xFE, (byte) 0xFE}, f);
    }
}
