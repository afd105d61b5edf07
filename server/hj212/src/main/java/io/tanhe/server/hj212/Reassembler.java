package io.tanhe.server.hj212;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins the parts of split messages (Flag D bit, PNUM/PNO) as they arrive, one message at a time per
 * sender (ST, CN, MN): the standard sends parts in order, each after the previous one's answer
 * ([STD17] Appendix C.49/C.50). A repeated identical part is ignored, so a resend after a lost
 * answer is harmless. Not thread-safe: one instance per connection.
 */
public final class Reassembler {
    private final Map<String, Pending> pending = new HashMap<>();

    private record Pending(DataSegment first, List<DataSegment> parts) {
    }

    /** What {@link #offer} made of a packet. */
    public sealed interface Result {
    }

    /** A whole message: an unsplit packet as it came, or the joined parts. */
    public record Complete(DataSegment segment) implements Result {
    }

    /** A part was kept; more are needed. */
    public record Waiting(int received, int total) implements Result {
    }

    /** The part does not continue the message in progress; that message is dropped. */
    public record OutOfSequence(String problem) implements Result {
    }

    /** Takes the next decoded packet from one connection. */
    public Result offer(DataSegment segment) {
        if (segment.part().isEmpty()) {
            return new Complete(segment);
        }
        PacketPart part = segment.part().get();
        String key = segment.st() + '/' + segment.cn() + '/' + segment.mn();
        if (part.number() == 1) {
            pending.put(key, new Pending(segment, new ArrayList<>(List.of(segment))));
            return next(key);
        }
        Pending p = pending.get(key);
        if (p == null) {
            return new OutOfSequence("part " + part.number() + " of " + part.total() + " (CN " + segment.cn()
                    + ") arrived without part 1");
        }
        DataSegment last = p.parts().get(p.parts().size() - 1);
        if (segment.equals(last)) {
            return new Waiting(p.parts().size(), part.total());
        }
        String problem = mismatch(p.first(), segment, p.parts().size() + 1);
        if (problem != null) {
            pending.remove(key);
            return new OutOfSequence(problem);
        }
        p.parts().add(segment);
        return next(key);
    }

    private Result next(String key) {
        Pending p = pending.get(key);
        int total = p.first().part().orElseThrow().total();
        if (p.parts().size() < total) {
            return new Waiting(p.parts().size(), total);
        }
        pending.remove(key);
        try {
            return new Complete(join(p.parts()));
        } catch (IllegalArgumentException e) {
            return new OutOfSequence("the joined parts are not one message: " + e.getMessage());
        }
    }

    private static String mismatch(DataSegment first, DataSegment part, int expected) {
        PacketPart fp = first.part().orElseThrow();
        PacketPart pp = part.part().orElseThrow();
        if (pp.total() != fp.total()) {
            return "part " + pp.number() + " says PNUM " + pp.total() + " but part 1 said " + fp.total();
        }
        if (pp.number() != expected) {
            return "part " + pp.number() + " of " + pp.total() + " arrived when part " + expected + " was due";
        }
        if (!first.pw().equals(part.pw()) || !first.flag().equals(part.flag()) || first.backfill() != part.backfill()) {
            return "part " + pp.number() + " differs from part 1 in PW, Flag or RF";
        }
        List<CpItem> firstItems = first.cp().items();
        CpItem lead = firstItems.isEmpty() ? null : firstItems.get(0);
        if (lead != null && isDataTime(lead) && !part.cp().items().isEmpty() && isDataTime(part.cp().items().get(0))
                && !lead.equals(part.cp().items().get(0))) {
            return "part " + pp.number() + " has " + part.cp().items().get(0).text() + " but part 1 has " + lead.text();
        }
        return null;
    }

    private static DataSegment join(List<DataSegment> parts) {
        DataSegment first = parts.get(0);
        List<CpItem> items = new ArrayList<>(first.cp().items());
        CpItem lead = items.isEmpty() ? null : items.get(0);
        for (DataSegment part : parts.subList(1, parts.size())) {
            List<CpItem> more = part.cp().items();
            boolean repeatsLead = lead != null && isDataTime(lead) && !more.isEmpty() && more.get(0).equals(lead);
            items.addAll(repeatsLead ? more.subList(1, more.size()) : more);
        }
        return first.withPart(null).withCp(new CpArea(items));
    }

    /** Whether {@code item} is the lone {@code DataTime} field that each part repeats. */
    static boolean isDataTime(CpItem item) {
        return item.fields().size() == 1 && item.fields().get(0).name().equals("DataTime");
    }
}
