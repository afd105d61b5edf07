package io.tanhe.server.evidence;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tanhe.drivers.Quality;
import io.tanhe.grammar.ast.Decl;
import io.tanhe.server.evaluation.Replay;
import io.tanhe.server.measurement.MeasuredFigures;
import io.tanhe.server.packages.PublicKeys;
import io.tanhe.server.security.crypto.Sm;
import io.tanhe.engine.time.PeriodSettings;
import io.tanhe.server.site.PointBinding;
import io.tanhe.server.site.Site;
import io.tanhe.server.store.ActivationStep;
import io.tanhe.server.store.ConfigPackage;
import io.tanhe.server.store.QaRecord;
import io.tanhe.server.store.ReadingFilter;
import io.tanhe.server.store.ResultFilter;
import io.tanhe.server.store.StoredResult;
import io.tanhe.server.store.Secrets;
import io.tanhe.server.store.Store;
import io.tanhe.server.store.StoredReading;
import io.tanhe.server.store.TimeRange;
import io.tanhe.engine.time.TimeBucket;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneId;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes an evidence bundle (docs/evidence.md): a zip of JSON-lines sections streamed from the store a day at a
 * time, so a year of a large site never sits in memory, with a manifest of the SM3, size and row count of every
 * entry, signed by the terminal's SM2 identity.
 */
public final class BundleWriter {
    /** What to export. */
    public record Request(Store store, Site site, Path libraryRoot, List<ConfigPackage> appliedPackages, EvidenceSigner signer,
                          LocalDate from, LocalDate to, Set<String> nodes, String software, Instant now) {
        public Request {
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("--to " + to + " is before --from " + from);
            }
            nodes = Set.copyOf(nodes);
            appliedPackages = List.copyOf(appliedPackages);
        }
    }

    /** What was written: the bundle's counts. */
    public record Summary(long readings, long manual, long results, long revisions, int entries, String manifestSm3) {
    }

    private static final Pattern TABLE = Pattern.compile("(?m)^table:\\s*\"?([^\"\\n]+?)\"?\\s*$");
    private static final Pattern VERSION = Pattern.compile("(?m)^version:\\s*\"?([^\"\\n]+?)\"?\\s*$");
    /** Files of the site's folder larger than this are not evidence of the configuration (a store, a log): left out. */
    private static final long LARGEST_SITE_FILE = 4L << 20;

    private final Request req;
    private final Consumer<String> progress;
    private final ArrayNode entries = Rows.JSON.createArrayNode();
    private final ArrayNode factorTables = Rows.JSON.createArrayNode();
    private ZipOutputStream zip;

    private BundleWriter(Request req, Consumer<String> progress) {
        this.req = req;
        this.progress = progress;
    }

    /**
     * Writes the bundle {@code req} asks for to {@code out} (left open) and reports progress (a line per month) to
     * {@code progress}.
     */
    public static Summary write(Request req, OutputStream out, Consumer<String> progress) throws IOException {
        return new BundleWriter(req, progress).run(out);
    }

    private Summary run(OutputStream out) throws IOException {
        zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        Site site = req.site();
        Instant start = req.from().atStartOfDay(site.zone()).toInstant();
        Instant end = req.to().plusDays(1).atStartOfDay(site.zone()).toInstant();
        siteFiles(site);
        methodology(site);
        packages();
        long[] counts = new long[4];
        Path manualTemp = Files.createTempFile("tanhe-evidence-manual", ".jsonl");
        try {
            readings(site, start, end, manualTemp, counts);
        } finally {
            Files.deleteIfExists(manualTemp);
        }
        ResultFilter results = ResultFilter.of(TimeRange.of(start, end));
        counts[2] = lines("results.jsonl", w -> {
            long[] n = {0};
            req.store().results().scan(results, r -> {
                if (wanted(r.result().nodeId()) && inside(r, site.zone(), start, end)) {
                    line(w, Rows.result(r).toString());
                    n[0]++;
                }
            });
            return n[0];
        });
        progress.accept("evidence: results " + counts[2]);
        counts[3] = lines("revisions.jsonl", w -> {
            long[] n = {0};
            req.store().results().scanRevisions(results, r -> {
                if (wanted(r.result().nodeId()) && inside(r, site.zone(), start, end)) {
                    line(w, Rows.result(r).toString());
                    n[0]++;
                }
            });
            return n[0];
        });
        lines("results-history.jsonl", w -> measuredHistory(start, r -> line(w, Rows.result(r).toString())));
        lines("calibration.jsonl", w -> {
            List<QaRecord> qa = req.store().qa().between(TimeRange.of(start, end));
            qa.forEach(q -> line(w, Rows.qa(q).toString()));
            return qa.size();
        });
        String manifestSm3 = manifest(site);
        zip.finish();
        progress.accept("evidence: " + counts[0] + " readings, " + counts[2] + " results, " + counts[3] + " earlier revisions; manifest SM3 "
                + manifestSm3);
        return new Summary(counts[0], counts[1], counts[2], counts[3], entries.size(), manifestSm3);
    }

    /** The readings a day at a time, the context, and the manual entries among them (gathered in {@code manualTemp}). */
    private void readings(Site site, Instant start, Instant end, Path manualTemp, long[] counts) throws IOException {
        try (BufferedWriter manual = Files.newBufferedWriter(manualTemp, StandardCharsets.UTF_8)) {
            for (LocalDate day = req.from(); !day.isAfter(req.to()); day = day.plusDays(1)) {
                TimeRange range = TimeRange.of(day.atStartOfDay(site.zone()).toInstant(), day.plusDays(1).atStartOfDay(site.zone()).toInstant());
                counts[0] += lines("readings/" + day + ".jsonl", w -> req.store().readings().scan(ReadingFilter.of(range), r -> {
                    line(w, Rows.reading(r).toString());
                    if (r.quality() == Quality.MANUAL) {
                        line(manual, Rows.manual(r).toString());
                        counts[1]++;
                    }
                }));
                if (day.getDayOfMonth() == 1 || day.equals(req.to())) {
                    progress.accept("evidence: readings up to " + day + ": " + counts[0]);
                }
            }
        }
        try (BufferedWriter manual = Files.newBufferedWriter(manualTemp, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND)) {
            lines("readings/context.jsonl", w -> context(start, end, r -> {
                line(w, Rows.reading(r).toString());
                if (r.quality() == Quality.MANUAL) {
                    line(manual, Rows.manual(r).toString());
                    counts[1]++;
                }
            }));
        }
        lines("manual.jsonl", w -> {
            try (Stream<String> l = Files.lines(manualTemp, StandardCharsets.UTF_8)) {
                l.forEach(x -> line(w, x));
            }
            return counts[1];
        });
    }

    /**
     * Whether {@code r}'s whole bucket lies in the period: a week, month, quarter or year reaching past either end holds
     * days the bundle does not carry, so a verifier could not recompute it; it is left out.
     */
    private static boolean inside(StoredResult r, ZoneId zone, Instant start, Instant end) {
        TimeBucket b = TimeBucket.of(r.result().grain(), r.result().bucketStart(), zone);
        return !b.start().isBefore(start) && !b.end().isAfter(end);
    }

    private boolean wanted(String node) {
        return req.nodes().isEmpty() || req.nodes().contains(node);
    }

    /**
     * What the buckets at the range's edges depend on outside it (as {@link Replay} feeds a recompute): each point's
     * readings up to {@link Replay#NEIGHBOUR_LOOKBACK} before and after, and the per-period values of the periods the
     * range overlaps.
     */
    private long context(Instant start, Instant end, Consumer<StoredReading> sink) {
        long[] n = {0};
        Consumer<StoredReading> counted = r -> {
            sink.accept(r);
            n[0]++;
        };
        Instant before = start.minus(Replay.NEIGHBOUR_LOOKBACK);
        Instant after = end.plus(Replay.NEIGHBOUR_LOOKBACK);
        for (PointBinding b : req.site().bindings().values()) {
            if (b.kind() == Decl.InputKind.PERIOD) {
                PeriodSettings p = (PeriodSettings) b.settings();
                Instant first = TimeBucket.of(p.period(), start, req.site().zone()).start();
                Instant last = TimeBucket.of(p.period(), end.minusNanos(1), req.site().zone()).end();
                if (first.isBefore(before)) {
                    req.store().readings().readings(b.pointId(), TimeRange.of(first, before)).forEach(counted);
                }
                if (last.isAfter(after)) {
                    req.store().readings().readings(b.pointId(), TimeRange.of(after, last)).forEach(counted);
                }
            }
        }
        req.store().readings().scan(ReadingFilter.of(TimeRange.of(before, start)), counted);
        req.store().readings().scan(ReadingFilter.of(TimeRange.of(end, after)), counted);
        return n[0];
    }

    /**
     * The measurement method's stored hours in the {@link MeasuredFigures#HISTORY} before the period: the substitution
     * of an hour without valid data searches them, so the period's measured figures recompute from the bundle alone.
     */
    private long measuredHistory(Instant start, Consumer<io.tanhe.server.store.StoredResult> sink) {
        long[] n = {0};
        req.site().measurement().ifPresent(m -> {
            TimeRange before = TimeRange.of(start.minus(MeasuredFigures.HISTORY), start);
            for (var c : m.comparisons()) {
                req.store().results().scan(ResultFilter.of(before).node(c.measured()).grain(io.tanhe.engine.time.Grain.HOUR), r -> {
                    sink.accept(r);
                    n[0]++;
                });
            }
        });
        return n[0];
    }

    /** The site file (secrets redacted, as the store keeps it) and the files of its folder: points, factor tables, thresholds. */
    private void siteFiles(Site site) throws IOException {
        Path origin = Path.of(site.origin());
        String name = origin.getFileName() == null ? "site.yaml" : origin.getFileName().toString();
        bytes("site/" + name, Secrets.redact(site.text()).getBytes(StandardCharsets.UTF_8), 0);
        Path dir = origin.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            String n = f.getFileName().toString();
            if (!n.equals(name) && !n.startsWith(".") && Files.size(f) <= LARGEST_SITE_FILE && isConfiguration(n)) {
                bytes("site/" + n, Files.readAllBytes(f), 0);
            }
        }
    }

    private static boolean isConfiguration(String name) {
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json") || name.endsWith(".csv")
                || name.endsWith(".tanhe") || name.endsWith(".drl");
    }

    /** Every folder of the methodology library the site's methodologies (accounting, and measurement) were compiled from, imports' folders too. */
    private void methodology(Site site) throws IOException {
        Path root = req.libraryRoot();
        Set<String> folders = new TreeSet<>();
        List<Path> compiled = new ArrayList<>(site.compilation().loaded().paths().values());
        site.measurement().ifPresent(m -> compiled.addAll(m.compilation().loaded().paths().values()));
        for (Path p : compiled) {
            Path abs = p.toAbsolutePath().normalize();
            Path r = root.toAbsolutePath().normalize();
            if (abs.getFileSystem().equals(r.getFileSystem()) && abs.startsWith(r)) {
                folders.add(r.relativize(abs).getName(0).toString());
            }
        }
        for (String folder : folders) {
            Path dir = root.resolve(folder);
            List<Path> files;
            try (Stream<Path> s = Files.walk(dir)) {
                files = s.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path f : files) {
                String rel = root.relativize(f).toString().replace('\\', '/');
                bytes("methodology/" + rel, Files.readAllBytes(f), 0);
            }
        }
    }

    /**
     * Every package the store holds (applied or not): its content as the terminal stores it (the factor tables, JSON),
     * the signed .tpkg file it came as, their records and the activation log.
     */
    private void packages() throws IOException {
        List<ConfigPackage> all = req.store().packages().all();
        List<String> records = new ArrayList<>();
        for (ConfigPackage p : all) {
            String file = "packages/" + p.id() + "-" + safe(p.name()) + "-" + safe(p.version());
            bytes(file + ".json", p.content().getBytes(StandardCharsets.UTF_8), 0);
            String signed = Rows.JSON.readTree(p.content()).path("signed").asText("");
            if (!signed.isEmpty()) {
                bytes(file + ".tpkg", Base64.getDecoder().decode(signed), 0);
            }
            records.add(Rows.configPackage(p, file + ".json").toString());
        }
        lines("packages.jsonl", w -> {
            records.forEach(x -> line(w, x));
            return records.size();
        });
        List<ActivationStep> log = req.store().packages().log();
        lines("activation-log.jsonl", w -> {
            log.forEach(s -> line(w, Rows.step(s).toString()));
            return log.size();
        });
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private String manifest(Site site) throws IOException {
        ObjectNode m = Rows.JSON.createObjectNode();
        m.put("format", Bundle.FORMAT);
        m.put("kind", Bundle.KIND);
        ObjectNode terminal = m.putObject("terminal");
        terminal.put("enterprise", site.identity().enterprise());
        terminal.put("site", site.identity().siteId());
        terminal.put("name", site.identity().siteName());
        m.put("zone", site.zone().getId());
        m.put("from", req.from().toString());
        m.put("to", req.to().toString());
        ArrayNode nodes = m.putArray("nodes");
        new TreeSet<>(req.nodes()).forEach(nodes::add);
        m.put("created", req.now().toString());
        m.put("software", req.software());
        ObjectNode meth = m.putObject("methodology");
        meth.put("id", site.methodology().id());
        meth.put("version", site.methodology().version());
        meth.put("hash", site.methodology().contentHash());
        m.put("site_file", "site/" + (Path.of(site.origin()).getFileName() == null ? "site.yaml" : Path.of(site.origin()).getFileName().toString()));
        ArrayNode applied = m.putArray("applied_packages");
        req.appliedPackages().forEach(p -> applied.add(p.id()));
        m.set("factor_tables", factorTables);
        m.set("entries", entries);
        byte[] manifest = Rows.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(m);
        String sm3 = Sm.hex(Sm.sm3(manifest));
        raw(Bundle.MANIFEST, manifest);
        EvidenceSigner s = req.signer();
        ObjectNode sig = Rows.JSON.createObjectNode();
        sig.put("name", s.name());
        sig.put("public_key", PublicKeys.encode(s.publicKey()));
        sig.put("fingerprint", PublicKeys.fingerprint(s.publicKey()));
        sig.put("algorithm", "SM3withSM2");
        sig.put("signature", Sm.hex(s.sign().apply(EvidenceSigner.statement(s.name(), sm3))));
        raw(Bundle.SIGNATURE, Rows.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(sig));
        return sm3;
    }

    /** A section written line by line; {@code body} returns its row count. */
    private long lines(String path, LineBody body) throws IOException {
        Entry e = open(path);
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(e, StandardCharsets.UTF_8), 1 << 16);
        long rows;
        try {
            rows = body.write(w);
            w.flush();
        } catch (UncheckedIOException x) {
            throw x.getCause();
        }
        close(path, e, rows);
        return rows;
    }

    private void bytes(String path, byte[] content, long rows) throws IOException {
        Entry e = open(path);
        e.write(content);
        close(path, e, rows);
        if (path.endsWith(".factors.yaml")) {
            String text = new String(content, StandardCharsets.UTF_8);
            Matcher t = TABLE.matcher(text);
            Matcher v = VERSION.matcher(text);
            ObjectNode f = factorTables.addObject();
            f.put("path", path);
            f.put("table", t.find() ? t.group(1) : "");
            f.put("version", v.find() ? v.group(1) : "");
        }
    }

    private void raw(String path, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(path));
        zip.write(content);
        zip.closeEntry();
    }

    private Entry open(String path) throws IOException {
        zip.putNextEntry(new ZipEntry(path));
        return new Entry(zip);
    }

    private void close(String path, Entry e, long rows) throws IOException {
        zip.closeEntry();
        ObjectNode o = entries.addObject();
        o.put("path", path);
        o.put("sm3", Sm.hex(e.digest.digest()));
        o.put("size", e.size);
        o.put("rows", rows);
    }

    private static void line(java.io.Writer w, String text) {
        try {
            w.write(text);
            w.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    private interface LineBody {
        long write(BufferedWriter w) throws IOException;
    }

    /** The current zip entry's bytes, hashed with SM3 and counted on their way; closing it leaves the zip open. */
    private static final class Entry extends OutputStream {
        private final OutputStream out;
        private final MessageDigest digest;
        private long size;

        Entry(OutputStream out) {
            this.out = out;
            this.digest = Bundle.sm3();
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            digest.update((byte) b);
            size++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            digest.update(b, off, len);
            size += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() {
            // the zip entry is closed by the writer, the stream stays open
        }
    }
}
