package io.tanhe.server.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import io.tanhe.engine.graph.Node;
import io.tanhe.engine.graph.NodeKind;
import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.TimeBucket;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.evaluation.CalendarRollUp;
import io.tanhe.server.evaluation.StoredFigures;
import io.tanhe.server.measurement.MeasuredFigures;
import io.tanhe.server.packages.PackageVerifier;
import io.tanhe.server.packages.PackageSignature;
import io.tanhe.server.packages.Problem;
import io.tanhe.server.packages.PublicKeys;
import io.tanhe.server.packages.Verdict;
import io.tanhe.server.packages.Check;
import io.tanhe.server.recompute.DayRecompute;
import io.tanhe.server.security.crypto.Sm;
import io.tanhe.server.security.identity.Sm2Signer;
import io.tanhe.server.site.PointBinding;
import io.tanhe.server.site.Site;
import io.tanhe.server.store.BucketResult;
import io.tanhe.server.store.ResultFilter;
import io.tanhe.server.store.ConfigPackage;
import io.tanhe.server.store.SameFigure;
import io.tanhe.server.store.StoredResult;
import io.tanhe.server.store.jdbc.JdbcStore;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Verifies an evidence bundle offline (docs/evidence.md): the manifest's signature and who made it, every entry
 * against the manifest's SM3, size and rows, the packages' own signatures, and then every stored figure recomputed
 * from the bundle's readings under the bundle's methodology and packages — a day at a time, with the terminal's own
 * recompute ({@link DayRecompute}) over a scratch store, so a year needs no more memory than a day.
 */
public final class BundleVerifier {
    /** How many figures that do not match are listed one by one (all are counted). */
    public static final int LISTED = 200;

    private BundleVerifier() {
    }

    /**
     * Verifies {@code bundle}, working in {@code work} (a scratch folder the caller deletes).
     *
     * @param trust the trusted keys; empty when none was given
     */
    public static VerifyReport verify(Bundle bundle, Optional<TrustedKeys> trust, SiteReader reader, Path work, Consumer<String> progress)
            throws IOException {
        VerifyReport.Signer signer = signer(bundle, trust);
        List<String> entryProblems = entries(bundle);
        List<String> packages = new ArrayList<>();
        List<String> packageProblems = new ArrayList<>();
        checkPackages(bundle, trust, packages, packageProblems);
        progress.accept("evidence: manifest and " + bundle.listed().size() + " entries checked; recomputing "
                + bundle.from() + " … " + bundle.to());
        Tally tally = new Tally();
        try (Site site = BundleSite.load(bundle, reader, work);
             JdbcStore store = ScratchStore.of(bundle, work.resolve("store"), false, measuredNodes(site), progress)) {
            recompute(bundle, site, store, tally, progress);
        }
        return new VerifyReport(signer, entryProblems, packages, packageProblems, tally.equal, tally.differs, tally.notRecomputed,
                tally.notStored, tally.listed);
    }

    /** The measurement method's compared emissions (their hours are stored figures the substitution reads back). */
    private static Set<String> measuredNodes(Site site) {
        Set<String> out = new TreeSet<>();
        site.measurement().ifPresent(m -> m.comparisons().forEach(c -> out.add(c.measured())));
        return out;
    }

    private static VerifyReport.Signer signer(Bundle b, Optional<TrustedKeys> trust) {
        JsonNode s = b.signature();
        String name = s.path("name").asText("(unnamed)");
        PublicKey key;
        try {
            key = PublicKeys.decode(s.path("public_key").asText());
        } catch (IllegalArgumentException e) {
            return new VerifyReport.Signer(name + " (" + Bundle.SIGNATURE + ": " + e.getMessage() + ")", "", false, trust.isPresent(), Optional.empty());
        }
        byte[] sig;
        try {
            sig = HexFormat.of().parseHex(s.path("signature").asText());
        } catch (IllegalArgumentException e) {
            sig = new byte[0];
        }
        boolean valid = Sm2Signer.verify(key, EvidenceSigner.statement(name, b.manifestSm3()), sig);
        return new VerifyReport.Signer(name, PublicKeys.fingerprint(key), valid, trust.isPresent(), trust.flatMap(t -> t.name(key)));
    }

    /** Every entry against the manifest: missing, changed (SM3, size, rows) or not listed. */
    private static List<String> entries(Bundle b) throws IOException {
        List<String> problems = new ArrayList<>();
        Set<String> present = new HashSet<>(b.entryNames());
        for (Bundle.Listed l : b.listed().values()) {
            Optional<Bundle.Hashed> h = b.hash(l.path());
            if (h.isEmpty()) {
                problems.add(l.path() + ": listed in the manifest but missing from the bundle (" + l.rows() + " rows)");
            } else if (!h.get().sm3().equals(l.sm3())) {
                boolean lines = l.path().endsWith(".jsonl");
                problems.add(l.path() + ": changed after the manifest was made (SM3 " + h.get().sm3().substring(0, 16) + "…, the manifest says "
                        + l.sm3().substring(0, Math.min(16, l.sm3().length())) + "…"
                        + (lines && h.get().lines() != l.rows() ? "; " + h.get().lines() + " rows, the manifest says " + l.rows()
                        + (h.get().lines() < l.rows() ? ": rows were removed" : ": rows were added") : lines ? "; a row was changed" : "") + ")");
            }
        }
        for (String name : present) {
            if (!b.listed().containsKey(name) && !name.equals(Bundle.MANIFEST) && !name.equals(Bundle.SIGNATURE)) {
                problems.add(name + ": in the bundle but not listed in the manifest (added after it was made)");
            }
        }
        problems.sort(String::compareTo);
        return problems;
    }

    /** Each package's recorded SHA-256 and its own signatures (who signed, valid, in the trust store). */
    private static void checkPackages(Bundle b, Optional<TrustedKeys> trust, List<String> lines, List<String> problems) throws IOException {
        for (ConfigPackage p : BundleSite.packages(b).values()) {
            String label = "#" + p.id() + " " + p.name() + " " + p.version() + " (" + p.state() + ")";
            if (p.content().isEmpty()) {
                problems.add(label + ": its .tpkg file is missing from the bundle");
                continue;
            }
            if (!sha256(p.content().getBytes(StandardCharsets.UTF_8)).equals(p.sha256())) {
                problems.add(label + ": its content is not what the terminal stored (SHA-256 differs from the record)");
            }
            JsonNode content = Rows.JSON.readTree(p.content());
            String signed = content.path("signed").asText("");
            if (signed.isEmpty()) {
                lines.add(label + " effective from " + p.effectiveFrom() + ": unsigned files");
                continue;
            }
            String tpkg = "packages/" + p.id() + "-" + p.name().replaceAll("[^A-Za-z0-9._-]", "_") + "-"
                    + p.version().replaceAll("[^A-Za-z0-9._-]", "_") + ".tpkg";
            byte[] bytes = java.util.Base64.getDecoder().decode(signed);
            if (!b.has(tpkg) || !java.util.Arrays.equals(b.bytes(tpkg), bytes)) {
                problems.add(label + ": " + tpkg + " is missing or not the signed package the terminal stored");
            }
            io.tanhe.server.packages.ConfigPackage read;
            try {
                read = io.tanhe.server.packages.ConfigPackage.read(bytes, label);
            } catch (RuntimeException e) {
                problems.add(label + ": " + e.getMessage());
                continue;
            }
            for (java.util.Iterator<String> it = content.path("files").fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!read.files().containsKey(f) || !read.text(f).equals(content.path("files").path(f).asText())) {
                    problems.add(label + ": factor table " + f + " is not the one the package's signers signed (it was swapped)");
                }
            }
            Verdict v = PackageVerifier.verify(read, Optional.empty());
            List<String> signers = new ArrayList<>();
            for (PackageSignature s : read.signatures()) {
                signers.add(s.role().toString().toLowerCase(java.util.Locale.ROOT) + " " + s.name() + " [" + PublicKeys.shortFingerprint(s.publicKey()) + "…] "
                        + (s.validFor(read.manifestBytes()) ? "valid" : "INVALID")
                        + trust.map(t -> t.name(s.publicKey()).map(n -> ", trusted as " + n).orElse(", not in the trust store")).orElse(""));
            }
            lines.add(label + " effective from " + p.effectiveFrom() + ": " + (signers.isEmpty() ? "unsigned" : String.join("; ", signers)));
            for (Problem pr : v.problems()) {
                if (pr.check() == Check.BAD_SIGNATURE || pr.check() == Check.FILE_CHANGED) {
                    problems.add(label + ": " + pr.check() + ": " + pr.detail());
                }
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return Sm.hex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Tally {
        long equal;
        long differs;
        long notRecomputed;
        long notStored;
        final List<VerifyReport.Figure> listed = new ArrayList<>();

        void add(VerifyReport.Figure f) {
            switch (f) {
                case VerifyReport.Differs d -> differs++;
                case VerifyReport.NotRecomputed n -> notRecomputed++;
                case VerifyReport.NotStored n -> notStored++;
            }
            if (listed.size() < LISTED) {
                listed.add(f);
            }
        }
    }

    private record Id(String node, String key, String grain, Instant start) {
        static Id of(BucketResult r) {
            return new Id(r.nodeId(), r.key(), r.grain().label(), r.bucketStart());
        }
    }

    /** Day by day: the stored figures of the day (results.jsonl is ordered by bucket start) against the day recomputed. */
    private static void recompute(Bundle b, Site site, JdbcStore store, Tally tally, Consumer<String> progress) throws IOException {
        Set<String> nodes = new TreeSet<>();
        b.manifest().path("nodes").forEach(n -> nodes.add(n.asText()));
        DayRecompute replay = new DayRecompute(site, store, Clock.systemUTC());
        Optional<MeasuredFigures> measured = site.measurement().map(m -> new MeasuredFigures(site, store));
        Optional<Site> measurementView = site.measurementView();
        try (BufferedReader results = new BufferedReader(new InputStreamReader(b.has("results.jsonl") ? b.stream("results.jsonl")
                : java.io.InputStream.nullInputStream(), StandardCharsets.UTF_8), 1 << 16)) {
            Cursor cursor = new Cursor(results);
            Map<Id, BucketResult> coarseStored = new LinkedHashMap<>();
            List<Instant> dayStarts = new ArrayList<>();
            for (LocalDate day = b.from(); !day.isAfter(b.to()); day = day.plusDays(1)) {
                Instant end = day.plusDays(1).atStartOfDay(site.zone()).toInstant();
                Map<Id, BucketResult> stored = new LinkedHashMap<>();
                while (cursor.peek().filter(r -> r.result().bucketStart().isBefore(end)).isPresent()) {
                    BucketResult r = cursor.next().result();
                    (r.grain().isCoarserThan(Grain.DAY) ? coarseStored : stored).put(Id.of(r), r);
                }
                Map<Id, BucketResult> computed = new LinkedHashMap<>();
                List<BucketResult> days = new ArrayList<>();
                for (BucketResult r : replay.compute(day, "evidence verify").results()) {
                    if (r.grain() == Grain.DAY) {
                        days.add(r);
                    }
                    if (nodes.isEmpty() || nodes.contains(r.nodeId())) {
                        computed.put(Id.of(r), r);
                    }
                }
                store.results().writeAll(days).join();
                dayStarts.add(day.atStartOfDay(site.zone()).toInstant());
                if (measured.isPresent()) {
                    Instant dayStart = day.atStartOfDay(site.zone()).toInstant();
                    for (BucketResult r : measured.get().hours(dayStart, end, Instant.now())) {
                        if (nodes.isEmpty() || nodes.contains(r.nodeId())) {
                            computed.put(Id.of(r), r);
                        }
                    }
                }
                compareDay(site, measurementView, stored, computed, tally);
                if (day.getDayOfMonth() == 1 || day.equals(b.to())) {
                    progress.accept("evidence: recomputed up to " + day + ": " + tally.equal + " equal, "
                            + (tally.differs + tally.notRecomputed + tally.notStored) + " not");
                }
            }
            while (cursor.peek().isPresent()) {
                BucketResult r = cursor.next().result();
                tally.add(new VerifyReport.NotRecomputed(r.nodeId(), r.key(), r.grain().label(), r.bucketStart(), r.value(),
                        "its bucket is outside the bundle's period " + b.from() + " … " + b.to()));
            }
            compareCoarse(b, site, store, nodes, coarseStored, dayStarts, tally, progress);
        }
    }

    /**
     * Weeks, months, quarters and years: rolled up from the recomputed days as the terminal rolls them up
     * ({@link CalendarRollUp}), and compared with the stored ones; a bucket reaching outside the bundle's period
     * holds days the bundle does not carry, so it cannot be recomputed from it.
     */
    private static void compareCoarse(Bundle b, Site site, JdbcStore store, Set<String> nodes, Map<Id, BucketResult> coarseStored,
                                      List<Instant> dayStarts, Tally tally, Consumer<String> progress) {
        if (dayStarts.isEmpty()) {
            return;
        }
        Instant from = b.from().atStartOfDay(site.zone()).toInstant();
        Instant to = b.to().plusDays(1).atStartOfDay(site.zone()).toInstant();
        new CalendarRollUp(site, store.results(), store.readings(), Clock.systemUTC()).days(dayStarts, "evidence verify");
        Map<Id, BucketResult> stored = new LinkedHashMap<>();
        for (BucketResult r : coarseStored.values()) {
            TimeBucket bucket = TimeBucket.of(r.grain(), r.bucketStart(), site.zone());
            if (bucket.start().isBefore(from) || bucket.end().isAfter(to)) {
                tally.add(new VerifyReport.NotRecomputed(r.nodeId(), r.key(), r.grain().label(), r.bucketStart(), r.value(),
                        "its " + r.grain().label() + " reaches outside the bundle's period " + b.from() + " … " + b.to()));
            } else {
                stored.put(Id.of(r), r);
            }
        }
        Map<Id, BucketResult> computed = new LinkedHashMap<>();
        for (Grain g : CalendarRollUp.GRAINS) {
            store.results().scan(ResultFilter.of(TimeRange.of(from, to)).grain(g), s -> {
                BucketResult r = s.result();
                TimeBucket bucket = TimeBucket.of(g, r.bucketStart(), site.zone());
                if (!bucket.start().isBefore(from) && !bucket.end().isAfter(to) && (nodes.isEmpty() || nodes.contains(r.nodeId()))) {
                    computed.put(Id.of(r), r);
                }
            });
        }
        compareDay(site, Optional.empty(), stored, computed, tally);
        progress.accept("evidence: " + computed.size() + " week, month, quarter and year figures rolled up from the recomputed days");
    }

    private static void compareDay(Site site, Optional<Site> measurementView, Map<Id, BucketResult> stored, Map<Id, BucketResult> computed,
                                   Tally tally) {
        Set<String> storedNodes = new HashSet<>(StoredFigures.nodes(site.graph()));
        measurementView.ifPresent(v -> {
            storedNodes.addAll(StoredFigures.nodes(v.graph()));
            v.graph().nodes().forEach(n -> storedNodes.add(n.name() + MeasuredFigures.CAPTURE_RATE));
        });
        for (Map.Entry<Id, BucketResult> e : stored.entrySet()) {
            BucketResult s = e.getValue();
            BucketResult c = computed.get(e.getKey());
            if (c == null) {
                tally.add(new VerifyReport.NotRecomputed(s.nodeId(), s.key(), s.grain().label(), s.bucketStart(), s.value(),
                        !storedNodes.contains(s.nodeId()) ? "`" + s.nodeId() + "` is not a node of the bundle's methodology "
                                + site.methodology().id() + " " + site.methodology().version()
                                : "no reading in the bundle feeds it (readings removed, or the figure came from elsewhere)"));
            } else if (SameFigure.figures(s, c)) {
                tally.equal++;
            } else {
                Site graphOf = site.graph().node(s.nodeId()).isPresent() ? site : measurementView.orElse(site);
                tally.add(new VerifyReport.Differs(s.nodeId(), s.key(), s.grain().label(), s.bucketStart(), s.value(), c.value(), s.unit(),
                        firstOperand(graphOf, e.getKey(), s, c, stored, computed)));
            }
        }
        for (Map.Entry<Id, BucketResult> e : computed.entrySet()) {
            if (!stored.containsKey(e.getKey())) {
                BucketResult c = e.getValue();
                tally.add(new VerifyReport.NotStored(c.nodeId(), c.key(), c.grain().label(), c.bucketStart(), c.value()));
            }
        }
    }

    /**
     * The first operand that differs: following the figure's operands down the graph (through factors and constants,
     * which are not stored), the deepest stored figure of the same bucket whose recomputed value differs; for an input,
     * the points whose readings feed it; when no operand differs, the factors the figure reads.
     */
    private static String firstOperand(Site site, Id id, BucketResult s, BucketResult c, Map<Id, BucketResult> stored,
                                       Map<Id, BucketResult> computed) {
        if (!s.unit().equals(c.unit()) || s.quality() != c.quality() || Math.abs(s.completeness() - c.completeness()) > 1e-9) {
            if (SameFigure.values(s.value(), c.value())) {
                return "the value is the same but " + (!s.unit().equals(c.unit()) ? "the unit (" + s.unit() + " → " + c.unit() + ")"
                        : s.quality() != c.quality() ? "the quality (" + s.quality() + " → " + c.quality() + ")"
                        : "the completeness (" + s.completeness() + " → " + c.completeness() + ")") + " differs";
            }
        }
        String node = id.node();
        Set<String> seen = new HashSet<>();
        while (true) {
            Optional<String> deeper = differingOperand(site, node, id, stored, computed, seen);
            if (deeper.isEmpty()) {
                break;
            }
            node = deeper.get();
        }
        Node n = site.graph().node(node).orElse(null);
        if (n == null) {
            return "first differing operand: none found";
        }
        List<String> factors = new ArrayList<>();
        collectFactors(site, n, factors, new HashSet<>());
        if (node.equals(id.node())) {
            if (n.kind() == NodeKind.INPUT) {
                return "first differing operand: the readings of " + points(site, node);
            }
            return "no stored operand differs: the factors it reads" + (factors.isEmpty() ? " (none)" : " (" + String.join(", ", factors) + ")")
                    + " or its formula give another value; compare the factor tables and packages of the bundle";
        }
        BucketResult os = firstOf(stored, node, id);
        BucketResult oc = firstOf(computed, node, id);
        String figure = node + (os != null && !os.key().isEmpty() ? "[" + os.key() + "]" : oc != null && !oc.key().isEmpty() ? "[" + oc.key() + "]" : "");
        String values = " (stored " + (os == null ? "none" : String.format(java.util.Locale.ROOT, "%.6f", os.value())) + ", recomputed "
                + (oc == null ? "none" : String.format(java.util.Locale.ROOT, "%.6f", oc.value())) + ")";
        return "first differing operand: " + n.kind().toString().toLowerCase(java.util.Locale.ROOT) + " " + figure + values
                + (n.kind() == NodeKind.INPUT ? ", fed by the readings of " + points(site, node) : "");
    }

    private static Optional<String> differingOperand(Site site, String node, Id id, Map<Id, BucketResult> stored,
                                                     Map<Id, BucketResult> computed, Set<String> seen) {
        Node n = site.graph().node(node).orElse(null);
        if (n == null) {
            return Optional.empty();
        }
        ArrayDeque<String> queue = new ArrayDeque<>(n.dependencies());
        while (!queue.isEmpty()) {
            String d = queue.poll();
            if (!seen.add(d)) {
                continue;
            }
            Node dn = site.graph().node(d).orElse(null);
            if (dn == null) {
                continue;
            }
            if (dn.kind() == NodeKind.FACTOR || dn.kind() == NodeKind.CONST) {
                queue.addAll(dn.dependencies());
            } else if (differsInBucket(d, id, stored, computed)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    private static boolean differsInBucket(String node, Id id, Map<Id, BucketResult> stored, Map<Id, BucketResult> computed) {
        Set<String> keys = new TreeSet<>();
        stored.keySet().stream().filter(k -> k.node().equals(node) && k.grain().equals(id.grain()) && k.start().equals(id.start())).forEach(k -> keys.add(k.key()));
        computed.keySet().stream().filter(k -> k.node().equals(node) && k.grain().equals(id.grain()) && k.start().equals(id.start())).forEach(k -> keys.add(k.key()));
        for (String key : keys) {
            Id k = new Id(node, key, id.grain(), id.start());
            BucketResult s = stored.get(k);
            BucketResult c = computed.get(k);
            if (s == null || c == null || !SameFigure.figures(s, c)) {
                return true;
            }
        }
        return false;
    }

    private static BucketResult firstOf(Map<Id, BucketResult> figures, String node, Id id) {
        BucketResult found = null;
        for (Map.Entry<Id, BucketResult> e : figures.entrySet()) {
            Id k = e.getKey();
            if (k.node().equals(node) && k.grain().equals(id.grain()) && k.start().equals(id.start())) {
                return e.getValue();
            }
        }
        return found;
    }

    private static void collectFactors(Site site, Node n, List<String> out, Set<String> seen) {
        for (String d : n.dependencies()) {
            if (!seen.add(d)) {
                continue;
            }
            site.graph().node(d).ifPresent(dn -> {
                if (dn.kind() == NodeKind.FACTOR) {
                    out.add(dn.name());
                } else if (dn.kind() == NodeKind.CONST) {
                    collectFactors(site, dn, out, seen);
                }
            });
        }
    }

    private static String points(Site site, String input) {
        List<String> points = new ArrayList<>();
        for (PointBinding b : site.bindings().values()) {
            if (b.input().equals(input)) {
                points.add(b.pointId());
            }
        }
        return points.isEmpty() ? "input " + input + " (no point is bound to it)" : "point " + String.join(", ", points)
                + " in readings/ (input " + input + ")";
    }

    /** Reads results.jsonl one line ahead. */
    private static final class Cursor {
        private final BufferedReader in;
        private StoredResult next;
        private int line;

        Cursor(BufferedReader in) {
            this.in = in;
        }

        Optional<StoredResult> peek() throws IOException {
            while (next == null) {
                String text = in.readLine();
                if (text == null) {
                    return Optional.empty();
                }
                line++;
                if (!text.isBlank()) {
                    next = Rows.result(Rows.JSON.readTree(text), "results.jsonl:" + line);
                }
            }
            return Optional.of(next);
        }

        StoredResult next() throws IOException {
            StoredResult r = peek().orElseThrow();
            next = null;
            return r;
        }
    }
}
