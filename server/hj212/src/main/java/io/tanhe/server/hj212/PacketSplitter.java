package io.tanhe.server.hj212;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Splits a data segment too long for one packet into parts with PNUM/PNO and the D bit
 * ([STD17] Appendix C.49/C.50). Items are never cut; a leading {@code DataTime} item is repeated in
 * every part so that each part says which period it belongs to (the standard's example shows it in
 * the first part; {@link Reassembler} accepts parts with or without it). Each part after the first
 * gets a fresh QN, as in the standard's example.
 */
public final class PacketSplitter {
    /** Room reserved for {@code PNUM=…;PNO=…;} at their widest, so parts never overflow. */
    private static final int PART_FIELDS = "PNUM=9999;PNO=9999;".length();

    private final int maxSegmentBytes;

    /** A splitter for the standard's limit of {@value Hj212Codec#MAX_SEGMENT_BYTES} bytes. */
    public PacketSplitter() {
        this(Hj212Codec.MAX_SEGMENT_BYTES);
    }

    /** A splitter for a smaller limit (tests, platforms with smaller buffers). */
    public PacketSplitter(int maxSegmentBytes) {
        if (maxSegmentBytes < 1 || maxSegmentBytes > Hj212Codec.MAX_SEGMENT_BYTES) {
            throw new IllegalArgumentException("maximum data segment is 1-" + Hj212Codec.MAX_SEGMENT_BYTES
                    + " bytes, not " + maxSegmentBytes);
        }
        this.maxSegmentBytes = maxSegmentBytes;
    }

    /**
     * The packets that carry {@code whole}: just {@code whole} if it fits, else parts 1..n.
     *
     * @param nextQn QNs for the parts after the first (the first keeps {@code whole}'s QN)
     * @throws IllegalArgumentException when one item alone does not fit, when {@code whole} has no
     *                                  Flag (HJ/T 212-2005 style) or is already a part
     */
    public List<DataSegment> split(DataSegment whole, Supplier<Qn> nextQn) {
        if (bytes(whole.text()) <= maxSegmentBytes) {
            return List.of(whole);
        }
        if (whole.flag().isEmpty() || whole.part().isPresent()) {
            throw new IllegalArgumentException("only an unsplit segment with a Flag can be split, not " + whole.text());
        }
        List<CpItem> items = whole.cp().items();
        List<CpItem> shared = !items.isEmpty() && Reassembler.isDataTime(items.get(0)) ? List.of(items.get(0)) : List.of();
        int room = maxSegmentBytes - bytes(whole.withCp(new CpArea(shared)).text()) - PART_FIELDS;
        List<List<CpItem>> groups = group(items.subList(shared.size(), items.size()), shared, room);
        if (groups.size() > PacketPart.MAX_TOTAL) {
            throw new IllegalArgumentException("the data needs " + groups.size() + " packets; PNUM allows " + PacketPart.MAX_TOTAL);
        }
        List<DataSegment> parts = new ArrayList<>(groups.size());
        for (int i = 0; i < groups.size(); i++) {
            DataSegment part = whole.withCp(new CpArea(groups.get(i))).withPart(new PacketPart(groups.size(), i + 1));
            parts.add(i == 0 ? part : part.withQn(nextQn.get()));
        }
        return List.copyOf(parts);
    }

    private static List<List<CpItem>> group(List<CpItem> items, List<CpItem> shared, int room) {
        List<List<CpItem>> groups = new ArrayList<>();
        List<CpItem> current = new ArrayList<>(shared);
        int used = 0;
        for (CpItem item : items) {
            int size = bytes(item.text()) + 1; // with its ';'
            if (size > room) {
                throw new IllegalArgumentException("CP item " + item.text() + " alone does not fit in a packet ("
                        + size + " bytes, room " + room + ")");
            }
            if (used + size > room) {
                groups.add(current);
                current = new ArrayList<>(shared);
                used = 0;
            }
            current.add(item);
            used += size;
        }
        groups.add(current);
        return groups;
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
