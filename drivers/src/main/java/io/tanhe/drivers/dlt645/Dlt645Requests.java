package io.tanhe.drivers.dlt645;

import io.tanhe.drivers.frame.Bcd;

import java.time.LocalDateTime;

/** Builds the master's requests (protocols.md §2.1 for codes and layouts). */
public final class Dlt645Requests {
    /** Read communication address, answered 0x93 with the meter's address (2007). */
    public static final int READ_ADDRESS = 0x13;
    /** Broadcast time synchronisation; meters do not answer. */
    public static final int BROADCAST_TIME = 0x08;

    private Dlt645Requests() {
    }

    /** Read data: the DI, nothing else. */
    public static Dlt645Frame readData(Dlt645Address address, DataIdentifier di) {
        return new Dlt645Frame(address, di.version().readFunction(), di.toWire());
    }

    /** Read address through the wildcard; only one meter may be on the bus. */
    public static Dlt645Frame readAddress() {
        return new Dlt645Frame(Dlt645Address.WILDCARD, READ_ADDRESS, new byte[0]);
    }

    /**
     * Broadcast time sync: six BCD bytes {@code ss mm hh DD MM YY}, seconds first, to address
     * 999999999999. The data layout is not in protocols.md; it is the one documented for
     * {@code DLT645_2007_BroadcastTime} ("6字节时间,ssmmhhDDMMYY") in a public C# wrapper of a DL/T 645
     * library (code index id 287008595), consistent with the seconds-first order of other DL/T 645 times.
     */
    public static Dlt645Frame broadcastTime(LocalDateTime time) {
        if (time.getYear() < 2000 || time.getYear() > 2099) {
            throw new IllegalArgumentException("DL/T 645 time sync carries a two-digit year; " + time.getYear() + " is outside 2000..2099");
        }
        int[] fields = {time.getSecond(), time.getMinute(), time.getHour(), time.getDayOfMonth(), time.getMonthValue(), time.getYear() % 100};
        byte[] data = new byte[fields.length];
        for (int i = 0; i < fields.length; i++) {
            data[i] = Bcd.encode(fields[i], 1)[0];
        }
        return new Dlt645Frame(Dlt645Address.BROADCAST, BROADCAST_TIME, data);
    }
}
