package io.tanhe.server.hj212;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Random valid data segments for property and fuzz tests; deterministic for a seed. */
final class RandomSegments {
    private static final String ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String[] SUFFIXES = {"Rtd", "Min", "Avg", "Max", "Cou", "ZsAvg"};

    private final Random random;

    RandomSegments(long seed) {
        this.random = new Random(seed);
    }

    Random random() {
        return random;
    }

    DataSegment segment(int maxItems) {
        int version = 1 + random.nextInt(2);
        Flag flag = new Flag(version, false, random.nextBoolean());
        DataSegment s = DataSegment.of(qn(), random.nextBoolean() ? "31" : "9" + random.nextInt(10),
                String.valueOf(1000 + random.nextInt(9000)), text(6, 6), text(1, 24), flag, cp(maxItems));
        if (random.nextInt(4) == 0) {
            int total = 1 + random.nextInt(20);
            s = s.withPart(new PacketPart(total, 1 + random.nextInt(total)));
        }
        return version == Flag.V2025 && random.nextBoolean() ? s.withBackfillMarker(true) : s;
    }

    Qn qn() {
        return new Qn(LocalDateTime.of(2000 + random.nextInt(60), 1 + random.nextInt(12), 1 + random.nextInt(28),
                random.nextInt(24), random.nextInt(60), random.nextInt(60), random.nextInt(1000) * 1_000_000));
    }

    CpArea cp(int maxItems) {
        List<CpItem> items = new ArrayList<>();
        Set<String> used = new HashSet<>();
        if (random.nextBoolean()) {
            items.add(CpItem.of("DataTime", Timestamps.format(qn().time())));
        }
        int n = random.nextInt(maxItems + 1);
        for (int i = 0; i < n; i++) {
            String code = "a" + (10000 + random.nextInt(90000));
            if (!used.add(code)) {
                continue;
            }
            List<CpField> fields = new ArrayList<>();
            for (String suffix : SUFFIXES) {
                if (random.nextBoolean()) {
                    fields.add(new CpField(code + "-" + suffix, number()));
                }
            }
            fields.add(new CpField(code + "-Flag", DataFlag.values()[random.nextInt(DataFlag.values().length)].name()));
            items.add(new CpItem(fields));
        }
        return new CpArea(items);
    }

    private String number() {
        String n = (random.nextInt(5) == 0 ? "-" : "") + random.nextInt(1_000_000);
        return random.nextBoolean() ? n + "." + random.nextInt(1000) : n;
    }

    private String text(int min, int max) {
        int len = min + random.nextInt(max - min + 1);
        StringBuilder b = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            b.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
        }
        return b.toString();
    }
}
