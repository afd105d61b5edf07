package io.tanhe.server.hj212;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Parses and checks a data segment whose frame (length, CRC) is already verified. */
final class SegmentParser {
    private static final List<String> HEADER_FIELDS = List.of("QN", "ST", "CN", "PW", "MN", "Flag", "PNUM", "PNO", "RF");

    private final byte[] packet;
    private final int start;
    private final int length;
    private String s;
    private boolean ascii;
    private final Map<String, Integer> valueAt = new HashMap<>();
    private final Map<String, String> values = new HashMap<>();

    SegmentParser(byte[] packet, int start, int length) {
        this.packet = packet;
        this.start = start;
        this.length = length;
    }

    DataSegment parse() throws Hj212FormatException {
        s = text();
        ascii = s.length() == length;
        int cpAt = header();
        Flag flag = flag();
        checkRequired(flag, cpAt);
        PacketPart part = part(flag);
        boolean rf = backfillMarker(flag);
        CpArea cp = new CpParser(this, flag == null ? Flag.V2005 : flag.version()).parse(cpAt);
        Qn qn = values.containsKey("QN") ? Qn.parse(values.get("QN")) : null;
        try {
            return DataSegment.of(qn, values.get("ST"), values.get("CN"), values.get("PW"), values.get("MN"), flag, part, rf, cp);
        } catch (IllegalArgumentException e) {
            throw new Hj212FormatException(start, e.getMessage()); // a rule the checks above missed
        }
    }

    String source() {
        return s;
    }

    /** The packet offset of char {@code index} of the data segment. */
    int at(int index) {
        return start + (ascii ? index : s.substring(0, index).getBytes(StandardCharsets.UTF_8).length);
    }

    Hj212FormatException error(int index, String problem) {
        return new Hj212FormatException(at(index), problem);
    }

    void requireAscii(int from, int to, String what) throws Hj212FormatException {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) > 0x7E) {
                throw error(i, "non-ASCII character '" + s.charAt(i) + "' in " + what
                        + " (only CP values may hold non-ASCII text)");
            }
        }
    }

    private String text() throws Hj212FormatException {
        for (int i = start; i < start + length; i++) {
            int b = packet[i] & 0xFF;
            if (b < 0x20 || b == 0x7F) {
                throw new Hj212FormatException(i, String.format("control character 0x%02X in the data segment", b));
            }
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(packet, start, length);
        CharBuffer out = CharBuffer.allocate(length);
        CoderResult r = utf8.decode(in, out, true);
        if (r.isError()) {
            throw new Hj212FormatException(in.position(), String.format(
                    "invalid UTF-8 byte 0x%02X in the data segment", packet[in.position()] & 0xFF));
        }
        try {
            r = utf8.flush(out);
            if (r.isError()) {
                r.throwException();
            }
        } catch (CharacterCodingException e) {
            throw new Hj212FormatException(start + length, "the data segment ends inside a UTF-8 character");
        }
        return out.flip().toString();
    }

    /** Reads the fields before CP; returns the index of the {@code C} of {@code CP=}. */
    private int header() throws Hj212FormatException {
        int pos = 0;
        while (true) {
            if (pos >= s.length()) {
                throw error(s.length(), "missing field CP: the data segment must end with CP=&&…&&");
            }
            int eq = s.indexOf('=', pos);
            int semi = s.indexOf(';', pos);
            if (eq < 0 || semi >= 0 && semi < eq) {
                String name = s.substring(pos, semi < 0 ? s.length() : semi);
                throw error(pos, name.isEmpty() ? "empty field (two ';' in a row, or ';' first)"
                        : "field '" + name + "' has no '=' (fields are name=value separated by ';')");
            }
            String name = s.substring(pos, eq);
            if (name.isEmpty()) {
                throw error(pos, "empty field name before '='");
            }
            requireAscii(pos, eq, "a field name");
            if (name.equals("CP")) {
                return pos;
            }
            if (!HEADER_FIELDS.contains(name)) {
                throw error(pos, "unknown field '" + name + "' (the data segment has QN, ST, CN, PW, MN, Flag, "
                        + "PNUM, PNO, and CP last; RF only in version-2 packets)");
            }
            if (valueAt.containsKey(name)) {
                throw error(pos, "duplicate field " + name + " (first at offset " + at(valueAt.get(name) - name.length() - 1) + ")");
            }
            if (semi < 0) {
                throw error(s.length(), "missing field CP: the data segment ends after field " + name
                        + "; it must end with CP=&&…&&");
            }
            requireAscii(eq + 1, semi, "field " + name);
            String value = s.substring(eq + 1, semi);
            valueAt.put(name, eq + 1);
            values.put(name, value);
            check(name, value, eq + 1);
            pos = semi + 1;
        }
    }

    private void check(String name, String value, int index) throws Hj212FormatException {
        Optional<String> problem = switch (name) {
            case "QN" -> qnProblem(value);
            case "ST" -> FieldRules.st(value);
            case "CN" -> FieldRules.cn(value);
            case "PW" -> FieldRules.pw(value);
            case "MN" -> FieldRules.mn(value);
            case "Flag" -> flagProblem(value);
            case "PNUM", "PNO" -> FieldRules.count(value) < 0
                    ? Optional.of("bad " + name + " '" + value + "': a number 1-9999 without leading zeros") : Optional.empty();
            case "RF" -> value.equals("1") ? Optional.empty()
                    : Optional.of("bad RF '" + value + "': the HJ 212-2025 backfill marker is RF=1 (there is no other value)");
            default -> Optional.empty();
        };
        if (problem.isPresent()) {
            throw error(index, problem.get());
        }
    }

    private static Optional<String> qnProblem(String value) {
        try {
            Qn.parse(value);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("bad QN: " + e.getMessage());
        }
    }

    private static Optional<String> flagProblem(String value) {
        int n = FieldRules.flagValue(value);
        if (n < 0) {
            return Optional.of("bad Flag '" + value + "': an integer 0-255 without leading zeros");
        }
        try {
            Flag.of(n);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("bad Flag " + value + ": " + e.getMessage());
        }
    }

    private Flag flag() {
        return values.containsKey("Flag") ? Flag.of(FieldRules.flagValue(values.get("Flag"))) : null;
    }

    private void checkRequired(Flag flag, int cpAt) throws Hj212FormatException {
        for (String name : List.of("ST", "CN", "PW", "MN")) {
            if (!values.containsKey(name)) {
                throw error(cpAt, "missing field " + name + " (required in every data segment)");
            }
        }
        if (flag != null && flag.version() >= Flag.V2017 && !values.containsKey("QN")) {
            throw error(0, "missing field QN: required by " + flag.standard() + " (Flag=" + flag.value() + ")");
        }
    }

    private PacketPart part(Flag flag) throws Hj212FormatException {
        boolean hasNum = values.containsKey("PNUM");
        boolean hasNo = values.containsKey("PNO");
        if (flag == null || !flag.split()) {
            if (hasNum || hasNo) {
                String name = hasNum ? "PNUM" : "PNO";
                throw error(valueAt.get(name) - name.length() - 1, name + " is present but "
                        + (flag == null ? "there is no Flag" : "Flag=" + flag.value() + " has no D bit")
                        + " (PNUM/PNO belong to split packets, Flag D bit = 1)");
            }
            return null;
        }
        if (!hasNum || !hasNo) {
            throw error(valueAt.get("Flag"), "Flag=" + flag.value() + " has the D bit set (split packet) but "
                    + (hasNum ? "PNO" : "PNUM") + " is missing");
        }
        int total = FieldRules.count(values.get("PNUM"));
        int number = FieldRules.count(values.get("PNO"));
        if (number > total) {
            throw error(valueAt.get("PNO"), "PNO " + number + " is greater than PNUM " + total);
        }
        return new PacketPart(total, number);
    }

    private boolean backfillMarker(Flag flag) throws Hj212FormatException {
        if (!values.containsKey("RF")) {
            return false;
        }
        if (flag == null || flag.version() != Flag.V2025) {
            throw error(valueAt.get("RF") - 3, "RF (the HJ 212-2025 backfill marker, unverified) needs Flag version 2, "
                    + "this packet is " + (flag == null ? "without Flag" : flag.standard()));
        }
        return true;
    }
}
