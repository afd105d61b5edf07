package io.tanhe.server.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tanhe.engine.time.Grain;
import io.tanhe.server.packages.PublicKeys;
import io.tanhe.server.recompute.LatePlant;
import io.tanhe.server.security.audit.AuditActor;
import io.tanhe.server.security.crypto.Sm;
import io.tanhe.server.security.identity.DeviceIdentity;
import io.tanhe.server.site.MethodologyLibrary;
import io.tanhe.server.site.SiteLoader;
import io.tanhe.server.store.ConfigPackage;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.terminal.Terminal;
import io.tanhe.server.terminal.lifecycle.ConfigLifecycle;
import io.tanhe.server.terminal.lifecycle.SignedPackages;
import io.tanhe.server.terminal.lifecycle.Candidate;
import io.tanhe.sim.demo.SimulatedType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static io.tanhe.server.recompute.LatePlant.local;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Export then verify on the late-data test plant after late data, a revision and an activated factor package
 * (ox_coal 99 % → 98 % from yesterday); then each kind of tampering detected and named.
 */
@Tag("slow")
@Timeout(300)
class EvidenceBundleTest {
    private static final Instant YESTERDAY = local("2025-10-02T00:00");
    private static final AuditActor ADMIN = new AuditActor("admin", "sysadmin", "127.0.0.1");
    static final SiteReader READER = (text, origin, dir, lib) -> new SiteLoader(Clock.systemUTC()).with(new SimulatedType()).withLibrary(lib)
            .parse(text, origin, dir);

    @TempDir
    static Path dir;
    static Path bundle;
    static Path trust;

    @BeforeAll
    static void export() throws Exception {
        Path data = dir.resolve("data");
        SignedPackages.trust(data, false);
        try (Terminal t = LatePlant.open(dir.resolve("site"), data, Duration.ofMillis(50))) {
            LatePlant.deliver(t, LatePlant.yesterdayEvening());
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (t.openWindowFrom().orElse(Instant.MIN).isBefore(YESTERDAY.plus(Duration.ofDays(1)))
                    || t.store().results().current("coal_combustion", "unit1", Grain.DAY, TimeRange.of(YESTERDAY, YESTERDAY.plusSeconds(1))).isEmpty()) {
                assertTrue(System.nanoTime() < deadline, "yesterday did not close within 30 s");
                Thread.sleep(20);
            }
            LatePlant.settle(t);
            LatePlant.deliver(t, java.util.List.of(LatePlant.LATE_NOON)); // late data: yesterday is recomputed, a revision
            LatePlant.awaitRecomputed(t);
            t.lifecycle().selfTestAfter(Duration.ofMillis(200));
            ConfigPackage p = t.lifecycle().upload(Candidate.fromPackage(SignedPackages.oxidation(dir.resolve("work"), "2026.1", "98",
                    SignedPackages.AUTHOR).toBytes(), "test"), ADMIN);
            t.lifecycle().stage(p.id(), local("2025-10-02T09:30"), ADMIN);
            t.lifecycle().activate(p.id(), ADMIN);
            LocalDate windowDay = t.openWindowFrom().orElseThrow().atZone(LatePlant.ZONE).toLocalDate();
            while (t.store().recomputeQueue().firstPendingDay(windowDay).isPresent()) {
                assertTrue(System.nanoTime() < deadline + Duration.ofSeconds(60).toNanos(), "closed days not recomputed");
                Thread.sleep(20);
            }
            LatePlant.settle(t);
            assertTrue(t.store().results().revisions("coal_combustion", "unit1", Grain.DAY, YESTERDAY).size() >= 3,
                    "late data and the package each revised yesterday");
            bundle = dir.resolve("plant.evidence");
            try (OutputStream out = Files.newOutputStream(bundle)) {
                BundleWriter.write(new BundleWriter.Request(t.store(), LatePlant.site(dir.resolve("site")), MethodologyLibrary.find().root(),
                        ConfigLifecycle.applied(t.store().packages()), EvidenceSigner.device(DeviceIdentity.loadOrCreate(data), "late-plant"),
                        LocalDate.parse("2025-10-01"), LocalDate.parse("2025-10-02"), Set.of(), "tanhe test", Instant.now()), out, s -> { });
            }
        }
        trust = Files.createDirectories(dir.resolve("trust"));
        Files.copy(data.resolve(DeviceIdentity.PUBLIC_FILE), trust.resolve("late-plant.pub"));
    }

    private static VerifyReport verify(Path file) throws IOException {
        Path work = Files.createTempDirectory(dir, "verify");
        try (Bundle b = Bundle.open(file)) {
            return BundleVerifier.verify(b, Optional.of(TrustedKeys.load(trust)), READER, work, s -> { });
        }
    }

    @Test
    void anExportedBundleVerifiesWithEveryFigureEqual() throws IOException {
        VerifyReport r = verify(bundle);
        assertTrue(r.ok(), r.text());
        assertTrue(r.equal() > 100, r.text());
        assertEquals(0, r.differs() + r.notRecomputed() + r.notStored(), r.text());
        assertTrue(r.signer().trustedAs().isPresent(), r.text());
        assertTrue(r.packages().getFirst().contains("author Li Wei (accountant)"), r.packages().toString());
        try (Bundle b = Bundle.open(bundle)) {
            assertTrue(b.has("manual.jsonl") && b.listed().get("manual.jsonl").rows() >= 1, "the lab's C_ar entered by hand");
            assertTrue(b.listed().get("revisions.jsonl").rows() >= 2, "yesterday's earlier figures");
            assertTrue(b.has("packages/1-ox-coal-2026.1.tpkg") && b.has("packages/1-ox-coal-2026.1.json"), b.entryNames().toString());
            assertTrue(b.has("activation-log.jsonl") && b.has("site/site.yaml"), b.entryNames().toString());
        }
    }

    @Test
    void aChangedReadingIsNamedWithTheFiguresItChangesAndItsPoint() throws IOException {
        Path changed = rewrite("changed", Map.of("readings/2025-10-02.jsonl", s -> s.replace("\"1200.00\"", "\"1230.00\"")), false);
        VerifyReport r = verify(changed);
        assertFalse(r.ok());
        assertTrue(r.entryProblems().stream().anyMatch(p -> p.startsWith("readings/2025-10-02.jsonl: changed") && p.contains("a row was changed")),
                r.text());
        assertTrue(r.differs() > 0, r.text());
        assertTrue(r.text().contains("unit1.coal.total"), "the first differing operand names the point: " + r.text());
    }

    @Test
    void aRemovedResultRowIsNamed() throws IOException {
        Path removed = rewrite("removed", Map.of("results.jsonl", s -> {
            String[] lines = s.split("\n");
            StringBuilder b = new StringBuilder();
            boolean dropped = false;
            for (String l : lines) {
                if (!dropped && l.contains("\"node\":\"coal_combustion\"") && l.contains("\"grain\":\"day\"")) {
                    dropped = true;
                    continue;
                }
                b.append(l).append('\n');
            }
            return b.toString();
        }), false);
        VerifyReport r = verify(removed);
        assertFalse(r.ok());
        assertTrue(r.entryProblems().stream().anyMatch(p -> p.startsWith("results.jsonl") && p.contains("rows were removed")), r.text());
        assertTrue(r.figureProblems().stream().anyMatch(f -> f instanceof VerifyReport.NotStored n && n.node().equals("coal_combustion")
                && n.grain().equals("day")), r.text());
    }

    @Test
    void aSwappedFactorTableIsNamed() throws Exception {
        Path swapped = rewrite("swapped", Map.of("packages/1-ox-coal-2026.1.json", s -> s.replace("value: 98", "value: 90")), false);
        VerifyReport r = verify(swapped);
        assertFalse(r.ok());
        assertTrue(r.entryProblems().stream().anyMatch(p -> p.startsWith("packages/1-ox-coal-2026.1.json: changed")), r.text());
        assertTrue(r.packageProblems().stream().anyMatch(p -> p.contains("SHA-256")) && r.packageProblems().stream().anyMatch(p -> p.contains("swapped")), r.text());
        assertTrue(r.differs() > 0, r.text());
        assertTrue(r.text().contains("ox_coal"), "the factor is named: " + r.text());
    }

    @Test
    void aManifestReSignedByAnUntrustedKeyIsNamed() throws IOException {
        Path resigned = rewrite("resigned", Map.of("readings/2025-10-02.jsonl", s -> s.replace("\"1200.00\"", "\"1230.00\"")), true);
        VerifyReport r = verify(resigned);
        assertFalse(r.ok());
        assertTrue(r.signer().valid(), "the stranger's signature itself is valid");
        assertTrue(r.signer().trustedAs().isEmpty(), r.text());
        assertTrue(r.entryProblems().isEmpty(), "the manifest was made again to match: " + r.text());
        assertTrue(r.text().contains("signed by Someone else") && r.text().contains("NOT in the trust store"), r.text());
    }

    @Test
    void explainGivesTheDerivationTreeAndRevisionsOfAStoredDayAndAYearAsItsDays() throws IOException {
        try (Bundle b = Bundle.open(bundle)) {
            String day = BundleExplain.explain(b, READER, Files.createTempDirectory(dir, "explain"), "coal_combustion", "unit1", "2025-10-02",
                    "day", s -> { });
            assertTrue(day.contains("coal_combustion") && day.contains("ox_coal"), day);
            assertTrue(day.contains("r1 ") && day.contains("r3 "), day);
            assertFalse(day.contains("differs from the current"), day);
            String year = BundleExplain.explain(b, READER, dir, "coal_combustion", "unit1", "2025", "day", s -> { });
            assertTrue(year.contains("the sum of 2 stored days") || year.contains("the sum of 1 stored days"), year);
        }
    }

    /** A copy of the bundle with entries transformed; with {@code resign}, the manifest made again and signed by a stranger. */
    private static Path rewrite(String name, Map<String, UnaryOperator<String>> edits, boolean resign) throws IOException {
        Map<String, byte[]> replaced = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(bundle.toFile())) {
            for (Map.Entry<String, UnaryOperator<String>> e : edits.entrySet()) {
                try (InputStream in = z.getInputStream(z.getEntry(e.getKey()))) {
                    replaced.put(e.getKey(), e.getValue().apply(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        return copy(name, replaced, resign);
    }

    private static Path copy(String name, Map<String, byte[]> replaced, boolean resign) throws IOException {
        Path out = dir.resolve(name + ".evidence");
        try (ZipFile z = new ZipFile(bundle.toFile()); ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
            byte[] manifest;
            try (InputStream in = z.getInputStream(z.getEntry(Bundle.MANIFEST))) {
                manifest = in.readAllBytes();
            }
            if (resign) {
                ObjectNode m = (ObjectNode) Rows.JSON.readTree(manifest);
                for (JsonNode e : m.path("entries")) {
                    byte[] c = replaced.get(e.path("path").asText());
                    if (c != null) {
                        ((ObjectNode) e).put("sm3", Sm.hex(Sm.sm3(c)));
                        ((ObjectNode) e).put("size", c.length);
                        ((ObjectNode) e).put("rows", new String(c, StandardCharsets.UTF_8).chars().filter(ch -> ch == '\n').count());
                    }
                }
                manifest = Rows.JSON.writeValueAsBytes(m);
            }
            Enumeration<? extends ZipEntry> entries = z.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                byte[] content;
                if (e.getName().equals(Bundle.MANIFEST)) {
                    content = manifest;
                } else if (e.getName().equals(Bundle.SIGNATURE) && resign) {
                    DeviceIdentity stranger = DeviceIdentity.loadOrCreate(dir.resolve("stranger"));
                    EvidenceSigner s = new EvidenceSigner("Someone else", stranger.publicKey(), stranger.signer()::sign);
                    ObjectNode sig = Rows.JSON.createObjectNode();
                    sig.put("name", s.name());
                    sig.put("public_key", PublicKeys.encode(s.publicKey()));
                    sig.put("fingerprint", PublicKeys.fingerprint(s.publicKey()));
                    sig.put("algorithm", "SM3withSM2");
                    sig.put("signature", Sm.hex(s.sign().apply(EvidenceSigner.statement(s.name(), Sm.hex(Sm.sm3(manifest))))));
                    content = Rows.JSON.writeValueAsBytes(sig);
                } else if (replaced.containsKey(e.getName())) {
                    content = replaced.get(e.getName());
                } else {
                    try (InputStream in = z.getInputStream(e)) {
                        content = in.readAllBytes();
                    }
                }
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(content);
                zip.closeEntry();
            }
        }
        return out;
    }

}
