package io.tanhe.server.hj212;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Builds test packets around a data segment, with a correct length and CRC unless told otherwise. */
final class Packets {
    static final String EXAMPLE = "##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;"
            + "Flag=5;CP=&&RtdInterval=30&&1C80\r\n";

    private Packets() {
    }

    static String wrap(String segment) {
        byte[] data = segment.getBytes(StandardCharsets.UTF_8);
        return String.format(Locale.ROOT, "##%04d", data.length) + segment + Hj212Crc.hex(Hj212Crc.of(data)) + "\r\n";
    }

    static String segment(String header, String cp) {
        return "QN=20240102030405006;ST=31;CN=2011;PW=123456;MN=TANHE0001;Flag=5;" + header + "CP=&&" + cp + "&&";
    }
}
