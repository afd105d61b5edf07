package io.tanhe.server.security.access;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An address range in CIDR form, IPv4 or IPv6 ({@code 10.0.0.0/8}, {@code 192.168.1.7}, {@code fd00::/8}).
 * An IPv4-mapped IPv6 client address matches IPv4 ranges.
 */
public record Cidr(byte[] network, int prefix) {

    /**
     * @throws IllegalArgumentException saying what is wrong, for text that is not a literal address with an
     *                                  optional prefix length (host names are refused: no DNS look-ups here)
     */
    public static Cidr parse(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        String host = slash < 0 ? t : t.substring(0, slash);
        if (host.isEmpty() || !host.matches("[0-9A-Fa-f:.]+") || !(host.contains(".") || host.contains(":"))) {
            throw new IllegalArgumentException("`" + text + "` is not an address range; write e.g. 10.0.0.0/8, 192.168.1.7 or fd00::/8");
        }
        byte[] address;
        try {
            address = InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("`" + text + "` is not an address range; write e.g. 10.0.0.0/8 or fd00::/8");
        }
        int bits = address.length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(t.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("`" + text + "`: the prefix length after / must be a number 0–" + bits);
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("`" + text + "`: the prefix length must lie in 0–" + bits);
        }
        return new Cidr(mask(address, prefix), prefix);
    }

    /** Whether {@code address} lies in this range. */
    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length == 16 && network.length == 4 && isMappedV4(a)) {
            a = Arrays.copyOfRange(a, 12, 16);
        }
        return a.length == network.length && Arrays.equals(mask(a, prefix), network);
    }

    private static boolean isMappedV4(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xff << (8 - keep)));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefix;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
