package io.tanhe.server.hj212;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Explains a packet in plain words, field by field, or shows where and why it is malformed. The text
 * is for people (the {@code tanhe hj212 decode} command); programs use the decoded values.
 */
public final class PacketExplainer {
    private static final DateTimeFormatter QN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final int WINDOW = 60;

    private PacketExplainer() {
    }

    /** One line per field of a valid packet. */
    public static List<String> explain(DecodedPacket p) {
        DataSegment s = p.segment();
        List<String> out = new ArrayList<>();
        out.add("HJ 212 packet, " + p.packetBytes() + " bytes: valid");
        out.add(row("header", "##", "packet start"));
        out.add(row("length", p.declaredLength(), "the data segment has " + Integer.parseInt(p.declaredLength()) + " chars"));
        s.qn().ifPresent(qn -> out.add(row("QN", qn.text(), "request number = time " + qn.time().format(QN_TIME))));
        out.add(row("ST", s.st(), "system code: " + Hj212Glossary.system(s.st()).orElse("not in HJ 212-2017 Table 5")));
        out.add(row("CN", s.cn(), "command: " + Hj212Glossary.command(s.cn()).orElse("not in HJ 212-2017 Table 9")));
        out.add(row("PW", s.pw(), "access password"));
        out.add(row("MN", s.mn(), "device id (" + s.mn().length() + " chars)"));
        out.add(s.flag().map(f -> row("Flag", String.valueOf(f.value()), flagText(f)))
                .orElse(row("Flag", "-", "absent: HJ/T 212-2005-style packet")));
        s.part().ifPresent(part -> {
            out.add(row("PNUM", String.valueOf(part.total()), "the message is split into " + part.total() + " packets"));
            out.add(row("PNO", String.valueOf(part.number()), "this is packet " + part.number() + " of " + part.total()));
        });
        if (s.backfill()) {
            out.add(row("RF", "1", "backfilled data (HJ 212-2025 marker, unverified)"));
        }
        long fields = s.cp().fields().count();
        out.add(row("CP", count(s.cp().items().size(), "item"), count(fields, "field") + (fields == 0 ? " (empty: CP=&&&&)" : "")));
        s.cp().items().forEach(item -> item.fields().forEach(f -> out.add("    " + pad(f.text(), 28) + " " + fieldText(f))));
        out.add(row("CRC", p.crcText(), "matches the data segment (HJ 212 Appendix A CRC16)"));
        out.add(row("end", "\\r\\n", "packet end (CR LF)"));
        return out;
    }

    /** The error, and the part of the input around its offset with a caret under it. */
    public static List<String> explain(byte[] input, Hj212FormatException e) {
        int from = Math.max(0, e.offset() - WINDOW);
        int to = Math.min(input.length, e.offset() + WINDOW);
        StringBuilder shown = new StringBuilder(from > 0 ? "…" : "");
        int caret = -1;
        for (int i = from; i <= to; i++) {
            if (i == e.offset()) {
                caret = shown.length();
            }
            if (i < to) {
                shown.append(display(input[i]));
            }
        }
        if (to < input.length) {
            shown.append('…');
        }
        return List.of("error: " + e.getMessage(), "  " + shown, "  " + " ".repeat(Math.max(0, caret)) + "^");
    }

    private static String display(byte b) {
        int v = b & 0xFF;
        if (v == '\r') {
            return "\\r";
        }
        if (v == '\n') {
            return "\\n";
        }
        return v >= 0x20 && v < 0x7F ? String.valueOf((char) v) : "?";
    }

    private static String flagText(Flag f) {
        return "version " + f.version() + " = " + f.standard() + "; D=" + (f.split() ? "1: split into several packets"
                : "0: not split") + "; A=" + (f.ackRequested() ? "1: an answer is requested" : "0: no answer wanted");
    }

    private static String fieldText(CpField f) {
        if (f.suffix().isPresent()) {
            FieldSuffix suffix = f.suffix().get();
            String code = f.code() + Hj212Glossary.code(f.code()).map(n -> " " + n).orElse("");
            if (suffix == FieldSuffix.FLAG) {
                return code + ": data flag " + f.value() + " = " + DataFlag.of(f.value()).map(DataFlag::meaning).orElse("?");
            }
            return code + ": " + suffix.meaning();
        }
        String meaning = Hj212Glossary.field(f.name()).orElse("(field not described by this tool)");
        if (FieldRules.TIME_FIELDS.contains(f.name())) {
            try {
                return meaning + ": " + Timestamps.parse(f.value()).format(TIME);
            } catch (IllegalArgumentException withMillis) {
                return meaning + ": " + Qn.parse(f.value()).time().format(QN_TIME);
            }
        }
        return meaning;
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String row(String name, String value, String meaning) {
        return "  " + pad(name, 7) + pad(value, 26) + " " + meaning;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
