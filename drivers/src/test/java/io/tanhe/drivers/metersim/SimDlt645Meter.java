package io.tanhe.drivers.metersim;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A DL/T 645 meter (2007, or 1997 with 2-byte DIs), built from protocols.md §2.1–2.4: frames
 * {@code 68 A0..A5 68 C L DATA CS 16}, data +0x33, DI sent DI0 first, values BCD least significant
 * byte first, read 0x11/0x01 answered 0x91/0x81, error 0xD1/0xC1 with ERR 0x02 "no requested data",
 * read address 0x13 answered 0x93, broadcast time 0x08 to 99…99 not answered.
 */
public final class SimDlt645Meter implements SimMeter {
    private final byte[] address;
    private final boolean v1997;
    private final Map<Long, byte[]> values = new ConcurrentHashMap<>();
    private volatile byte[] lastTimeSync;

    /** @param address the 12 address digits, e.g. {@code 000072007201} */
    public SimDlt645Meter(String address, boolean v1997) {
        this.address = SimBytes.addressWire(address);
        this.v1997 = v1997;
    }

    /** Stores a value: {@code decimal} with {@code decimals} places in {@code byteCount} bytes, sign in bit 7 of the top byte. */
    public SimDlt645Meter value(long di, String decimal, int decimals, int byteCount) {
        byte[] lsbFirst = SimBytes.bcdLsbFirst(decimal, decimals, byteCount);
        if (decimal.startsWith("-")) {
            lsbFirst[byteCount - 1] |= (byte) 0x80;
        }
        values.put(di, lsbFirst);
        return this;
    }

    /** The plain data of the last broadcast time sync received, or null. */
    public byte[] lastTimeSync() {
        return lastTimeSync;
    }

    @Override
    public int headerLength() {
        return 10;
    }

    @Override
    public byte[] answer(byte[] request, Fault fault) {
        int n = request.length;
        if (SimBytes.sum(request, 0, n - 2) != (request[n - 2] & 0xFF) || (request[n - 1] & 0xFF) != 0x16) {
            return null;
        }
        byte[] addr = Arrays.copyOfRange(request, 1, 7);
        int control = request[8] & 0xFF;
        byte[] data = new byte[request[9] & 0xFF];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (request[10 + i] - 0x33);
        }
        if (allBytes(addr, 0x99)) {
            if (control == 0x08) {
                lastTimeSync = data;
            }
            return null;
        }
        if (!Arrays.equals(addr, address) && !allBytes(addr, 0xAA)) {
            return null;
        }
        if (control == 0x13 && !v1997) {
            return frame(0x93, address, fault);
        }
        int read = v1997 ? 0x01 : 0x11;
        int diLength = v1997 ? 2 : 4;
        if (control != read || data.length != diLength) {
            return null;
        }
        long di = 0;
        for (int i = diLength - 1; i >= 0; i--) {
            di = di << 8 | (data[i] & 0xFF);
        }
        byte[] value = values.get(di);
        if (value == null || fault == Fault.ERROR_REPLY) {
            return frame(read | 0xC0, new byte[]{0x02}, fault);
        }
        int replyControl = read | 0x80 | (fault == Fault.FOLLOW_UP_FLAG ? 0x20 : 0);
        return frame(replyControl, SimBytes.concat(Arrays.copyOf(data, diLength), value), fault);
    }

    private byte[] frame(int control, byte[] plain, Fault fault) {
        byte[] addr = fault == Fault.WRONG_ADDRESS ? SimBytes.addressWire("999999000001") : address;
        byte[] f = new byte[12 + plain.length];
        f[0] = 0x68;
        System.arraycopy(addr, 0, f, 1, 6);
        f[7] = 0x68;
        f[8] = (byte) control;
        f[9] = (byte) plain.length;
        for (int i = 0; i < plain.length; i++) {
            f[10 + i] = (byte) (plain[i] + 0x33);
        }
        int cs = SimBytes.sum(f, 0, 10 + plain.length);
        f[10 + plain.length] = (byte) (fault == Fault.BAD_CHECKSUM ? cs + 1 : cs);
        f[11 + plain.length] = 0x16;
        return SimBytes.concat(new byte[]{(byte) 0xFE, (byte) 0xFE}, f);
    }

    private static boolean allBytes(byte[] b, int value) {
        for (byte x : b) {
            if ((x & 0xFF) != value) {
                return false;
            }
        }
        return true;
    }
}
