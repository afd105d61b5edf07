package io.tanhe.server.security.access;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CidrTest {
    @Test
    void rangesContainTheirAddressesOnly() throws Exception {
        Cidr lan = Cidr.parse("10.1.0.0/16");
        assertTrue(lan.contains(InetAddress.getByName("10.1.200.3")));
        assertFalse(lan.contains(InetAddress.getByName("10.2.0.1")));
        assertTrue(lan.contains(InetAddress.getByName("::ffff:10.1.0.9")), "IPv4-mapped IPv6");
        assertTrue(Cidr.parse("192.0.2.7").contains(InetAddress.getByName("192.0.2.7")));
        assertFalse(Cidr.parse("192.0.2.7").contains(InetAddress.getByName("192.0.2.8")));
        assertTrue(Cidr.parse("fd00::/8").contains(InetAddress.getByName("fd12::1")));
        assertFalse(Cidr.parse("fd00::/8").contains(InetAddress.getByName("10.1.0.1")));
        assertEquals("10.1.0.0/16", Cidr.parse("10.1.7.7/16").toString());
        assertEquals(Cidr.parse("10.1.0.0/16"), Cidr.parse("10.1.9.0/16"));
    }

    @Test
    void badRangesAreRefusedSayingWhy() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Cidr.parse("example.com")).getMessage().contains("10.0.0.0/8"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/33")).getMessage().contains("0–32"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/x"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse(""));
    }
}
